/**
 * 接待日承诺事项.xlsx: a reception day's problems (its agenda) and the commitments made there (DESIGN.md §2 承诺事项:
 * child tickets with `parentId`, index by_parentId), each with its owner unit, due and state, in names.
 */
import * as z from 'zod/mini'
import type { ActionDef } from '../../api/router'
import { STATE_LABELS, OUTCOME_LABELS, type Ticket } from '../../../types/domain'
import type { Meeting } from '../../../types/meetings'
import { COLLECTIONS } from '../../shared/collections'
import { _, db, readDoc, readMany } from '../../shared/cloud'
import { AppError } from '../../shared/errors'
import { allUnitNames } from '../../shared/unit-names'
import { shanghaiDateOf } from '../../core/clock'
import { saveSpreadsheet } from '../files'
import { StreamingWorkbook } from '../workbook'
import { EXPORT_TICKET_FIELDS } from './tickets'

const receptionSchema = z.object(
  { receptionDayId: z.string({ error: '请选择接待日' }).check(z.minLength(1, '请选择接待日'), z.maxLength(64)) },
  { error: '请求内容格式不正确' },
)

type Row = Pick<Ticket, keyof typeof EXPORT_TICKET_FIELDS> & { parentId?: string | null }

const ID_CHUNK = 100

async function ticketsByIds(ids: readonly string[]): Promise<Row[]> {
  const rows: Row[] = []
  for (let i = 0; i < ids.length; i += ID_CHUNK) {
    rows.push(
      ...(await readMany<Row>(
        db
          .collection(COLLECTIONS.tickets)
          .where({ _id: _.in(ids.slice(i, i + ID_CHUNK)) })
          .limit(ID_CHUNK)
          .field(EXPORT_TICKET_FIELDS),
      )),
    )
  }
  return rows
}

async function childrenOf(parentIds: readonly string[]): Promise<Row[]> {
  const rows: Row[] = []
  for (let i = 0; i < parentIds.length; i += ID_CHUNK) {
    rows.push(
      ...(await readMany<Row>(
        db
          .collection(COLLECTIONS.tickets)
          .where({ parentId: _.in(parentIds.slice(i, i + ID_CHUNK)) })
          .limit(1000)
          .field({ ...EXPORT_TICKET_FIELDS, parentId: true }),
      )),
    )
  }
  return rows
}

export const exportReceptionDay: ActionDef<'export.receptionDay'> = {
  payload: receptionSchema,
  async handle({ now }, { receptionDayId }) {
    const day = await readDoc<Meeting>(db.collection(COLLECTIONS.meetings).doc(receptionDayId))
    if (!day || day.kind !== 'reception') throw new AppError('NOT_FOUND', '未找到该接待日')
    const raisedIds = day.agenda.map((item) => item.ticketId)
    const [raised, children, names] = await Promise.all([
      ticketsByIds(raisedIds),
      childrenOf(raisedIds),
      allUnitNames(),
    ])
    const unit = (code: string | undefined) => (code ? (names[code] ?? code) : '')
    const byNo = (a: Row, b: Row) => (a.no < b.no ? -1 : 1)
    const parentNo = new Map(raised.map((t) => [t._id, t.no]))
    const book = await StreamingWorkbook.open()
    const title = day.title || '接待日'

    const problems = book.sheet<Row>('接待日问题', [
      { header: '诉求编号', width: 18, value: (t) => t.no },
      { header: '企业', width: 28, value: (t) => t.enterpriseName },
      { header: '问题', width: 36, value: (t) => t.title },
      { header: '牵头单位', width: 24, value: (t) => unit(t.units[0]) },
      { header: '答复期限', width: 17, value: (t) => t.replyDueAt },
      { header: '状态', value: (t) => STATE_LABELS[t.state] },
      { header: '办理结果', value: (t) => (t.outcome ? OUTCOME_LABELS[t.outcome] : '') },
    ])
    raised.sort(byNo).forEach((t) => problems.add(t))
    problems.done()

    const commitments = book.sheet<Row>('承诺事项', [
      { header: '承诺编号', width: 18, value: (t) => t.no },
      { header: '所属问题', width: 18, value: (t) => (t.parentId ? (parentNo.get(t.parentId) ?? '') : '') },
      { header: '企业', width: 28, value: (t) => t.enterpriseName },
      { header: '承诺内容', width: 36, value: (t) => t.title },
      { header: '责任单位', width: 24, value: (t) => unit(t.units[0]) },
      { header: '承诺期限', width: 17, value: (t) => t.replyDueAt },
      { header: '状态', value: (t) => STATE_LABELS[t.state] },
      { header: '完成时间', width: 17, value: (t) => t.closedAt },
    ])
    children.sort(byNo).forEach((t) => commitments.add(t))
    commitments.done()

    const bytes = await book.finish()
    const label = `${title}（${shanghaiDateOf(day.heldAt ?? day.startsAt)}）承诺事项`
    return saveSpreadsheet('reception', label, bytes, book.rows, now)
  },
}
