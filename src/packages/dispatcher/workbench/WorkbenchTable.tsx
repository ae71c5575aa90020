import type { Wire } from '../../../../types/actions'
import { CATEGORY_LABELS, STATE_LABELS } from '../../../../types/domain'
import { DUE_KIND_LABELS, type TicketRow } from '../../../../types/search'
import { formatDateTime } from '../../../services/format'

export type Row = Wire<TicketRow>

/** The longest open lateness: how many working days the ticket is overdue now, on which due. */
export function overdueNow(row: Row): { kind: string; days: number } | null {
  const open = row.lateness.filter((l) => l.open)
  if (open.length === 0) return null
  const worst = open.reduce((a, b) => (b.workingDaysLate > a.workingDaysLate ? b : a))
  return { kind: DUE_KIND_LABELS[worst.kind], days: worst.workingDaysLate }
}

/**
 * One dense row per ticket: number, enterprise, title, category, units (names), state (退回 with its
 * reason), the running due and the days overdue. A checkbox selects for bulk actions; the number opens the
 * side panel (a real button: Tab reaches it, Enter opens it).
 */
export function WorkbenchTable(props: {
  rows: Row[]
  selected: ReadonlySet<string>
  openId: string | null
  now: number
  onToggle: (id: string) => void
  onToggleAll: (select: boolean) => void
  onOpen: (id: string) => void
}) {
  const { rows, selected } = props
  const allOn = rows.length > 0 && rows.every((r) => selected.has(r._id))
  return (
    <table className="wb-table">
      <thead>
        <tr>
          <th className="wb-col-check">
            <input
              type="checkbox"
              aria-label="全选本页"
              checked={allOn}
              onChange={(e) => props.onToggleAll(e.target.checked)}
            />
          </th>
          <th>编号</th>
          <th>企业</th>
          <th>诉求</th>
          <th>类别</th>
          <th>承办单位</th>
          <th>状态</th>
          <th>当前时限</th>
          <th>超期</th>
        </tr>
      </thead>
      <tbody>
        {rows.map((row) => {
          const late = overdueNow(row)
          const duePassed = row.currentDue !== null && Date.parse(row.currentDue.dueAt) < props.now
          return (
            <tr
              key={row._id}
              data-ticket-no={row.no}
              className={`wb-row${props.openId === row._id ? ' wb-row-open' : ''}${selected.has(row._id) ? ' wb-row-selected' : ''}`}
            >
              <td className="wb-col-check">
                <input
                  type="checkbox"
                  aria-label={`选择 ${row.no}`}
                  checked={selected.has(row._id)}
                  onChange={() => props.onToggle(row._id)}
                />
              </td>
              <td>
                <button type="button" className="wb-link wb-no" onClick={() => props.onOpen(row._id)}>
                  {row.no}
                </button>
              </td>
              <td>{row.enterpriseName}</td>
              <td className="wb-col-title">{row.title}</td>
              <td>{CATEGORY_LABELS[row.category]}</td>
              <td>
                {row.unitNames.length === 0 ? (
                  '—'
                ) : (
                  <>
                    {row.unitNames[0]}
                    {row.unitNames.length > 1 ? (
                      <span className="wb-muted">（协办 {row.unitNames.length - 1} 个）</span>
                    ) : null}
                  </>
                )}
              </td>
              <td>
                <span className={`wb-state wb-state-${row.state}`}>{STATE_LABELS[row.state]}</span>
                {row.sentBack ? (
                  <span className="wb-sentback" title={row.sentBack.reason}>
                    <span className="wb-sentback-tag">退回</span>
                    {row.sentBack.unitName}：{row.sentBack.reason}
                  </span>
                ) : null}
              </td>
              <td className={duePassed ? 'wb-late' : ''}>
                {row.currentDue
                  ? `${DUE_KIND_LABELS[row.currentDue.kind]} ${formatDateTime(row.currentDue.dueAt)}`
                  : '—'}
                {row.calendarMissing ? (
                  <span className="wb-provisional" title="该时限按周一至周五推算，下一年节假日安排尚未录入">
                    按周一至周五推算，节假日安排尚未录入
                  </span>
                ) : null}
              </td>
              <td className={late ? 'wb-late' : ''}>{late ? `${late.kind}超期 ${late.days} 个工作日` : '—'}</td>
            </tr>
          )
        })}
      </tbody>
    </table>
  )
}
