/**
 * The office's spreadsheets (issue 10 item 5) through the real `export` function in the local cloud, read
 * back with exceljs cell by cell: names never codes, Beijing times as Excel dates, text that a spreadsheet
 * would run as a formula guarded, the demo year's report equal to the seed's figures, a reception day's
 * problems and commitments.
 */
import ExcelJS from 'exceljs'
import { openTestCloud } from '../support/localCloud'
import { ticketIn } from '../core/factories'
import { seedDemoData } from '../../emulator/project'
import { DEMO_IDENTITIES } from '../../emulator/demo'
import { COLLECTIONS } from '../../cloudfunctions/shared/collections'
import type { Meeting } from '../../types/meetings'
import type { Ticket } from '../../types/domain'
import { failure, ok } from '../directory/world'

const DISPATCHER = DEMO_IDENTITIES.find((who) => who.role === 'dispatcher')!.openid
const HANDLER = DEMO_IDENTITIES.find((who) => who.role === 'handler')!.openid
const OCTOBER = { from: '2026-09-30T16:00:00.000Z', to: '2026-10-31T16:00:00.000Z' }

let env: ReturnType<typeof openTestCloud>

function crafted(id: string, title: string, overrides: Partial<Ticket> = {}): Ticket {
  return {
    ...ticketIn('signed'),
    _id: id,
    no: `HQ20261012-${id.slice(-4)}`,
    title,
    enterpriseName: '桂林测试机械有限公司',
    enterpriseDistrict: '七星区',
    units: ['hrss', 'education'],
    createdAt: new Date('2026-10-12T02:30:00Z'), // 10:30 in Beijing
    replyDueAt: new Date('2026-10-19T15:59:59.999Z'),
    ...overrides,
  }
}

beforeAll(() => {
  env = openTestCloud()
  seedDemoData(env.cloud)
  env.cloud.store.insertMany(COLLECTIONS.tickets, [
    crafted('T-XLS-0001', '=HYPERLINK("http://evil","点我")'),
    crafted('T-XLS-0002', '+cmd|/C calc!A0', { createdAt: new Date('2026-10-12T03:00:00Z') }),
    crafted('T-XLS-0003', '@SUM(1+1)', { createdAt: new Date('2026-10-12T03:00:00Z') }),
    crafted('T-XLS-0004', '-2+3+cmd', { createdAt: new Date('2026-10-13T03:00:00Z'), category: 'land' }),
    // outside the period
    crafted('T-XLS-0005', '九月的诉求', { createdAt: new Date('2026-09-20T03:00:00Z') }),
  ])
})
afterAll(() => env.close())

async function workbookOf(fileID: string): Promise<ExcelJS.Workbook> {
  const file = env.cloud.storageFile(fileID.replace(/^cloud:\/\/[^/]+\//, ''))
  expect(file).toBeDefined()
  const book = new ExcelJS.Workbook()
  await book.xlsx.readFile(file!)
  return book
}

function rowsOf(sheet: ExcelJS.Worksheet): unknown[][] {
  const rows: unknown[][] = []
  sheet.eachRow((row) => rows.push((row.values as unknown[]).slice(1)))
  return rows
}

describe('export.tickets', () => {
  it('writes the filtered tickets in names, guarded against formulas, times in Beijing', async () => {
    const file = ok(await env.call(DISPATCHER, 'export.tickets', { filters: OCTOBER }))
    expect(file.rows).toBe(4)
    expect(file.fileName).toMatch(/^惠企通诉求清单-\d{8}-\d{4}\.xlsx$/)
    const sheet = (await workbookOf(file.fileID)).getWorksheet('诉求清单')!
    const rows = rowsOf(sheet)
    expect(rows[0].slice(0, 6)).toEqual(['诉求编号', '标题', '企业', '县(市、区)', '类别', '状态'])
    expect(rows.slice(1).map((r) => r[1])).toEqual([
      `'=HYPERLINK("http://evil","点我")`,
      "'+cmd|/C calc!A0",
      "'@SUM(1+1)",
      "'-2+3+cmd",
    ])
    const first = rows[1]
    expect(first[0]).toBe('HQ20261012-0001')
    expect(first[2]).toBe('桂林测试机械有限公司')
    expect(first[3]).toBe('七星区')
    expect(first[4]).toBe('用工招工')
    expect(first[5]).toBe('已签收')
    expect(first[9]).toBe('市人力资源和社会保障局')
    expect(first[10]).toBe('市教育局')
    // 提交时间: 2026-10-12 10:30 Beijing, as an Excel date
    expect(first[12]).toEqual(new Date('2026-10-12T10:30:00Z'))
    expect(sheet.getRow(2).getCell(13).numFmt).toBe('yyyy-mm-dd hh:mm')
    expect(rows[4][4]).toBe('用地需求')
  })

  it('applies the list filters (category, keyword)', async () => {
    const land = ok(await env.call(DISPATCHER, 'export.tickets', { filters: { ...OCTOBER, categories: ['land'] } }))
    expect(land.rows).toBe(1)
    const keyword = ok(await env.call(DISPATCHER, 'export.tickets', { filters: { keyword: 'HQ20261012-0002' } }))
    expect(keyword.rows).toBe(1)
  })

  it('is the office’s: a handler is refused and nothing is written', async () => {
    const uploads = env.cloud.records.uploads.length
    expect(failure(await env.call(HANDLER, 'export.tickets', {})).code).toBe('FORBIDDEN')
    expect(env.cloud.records.uploads).toHaveLength(uploads)
  })
})

describe('export.monthlyReport', () => {
  it('gives the seed’s figures for the demo year, by category, lead unit and district, in names', async () => {
    const file = ok(await env.call(DISPATCHER, 'export.monthlyReport', { year: '2021' }))
    const book = await workbookOf(file.fileID)
    expect(book.worksheets.map((s) => s.name)).toEqual(['总体', '按类别', '按牵头单位', '按县(市、区)'])
    const overall = rowsOf(book.getWorksheet('总体')!)
    expect(overall[1].slice(0, 4)).toEqual(['2021年', 266, 217, '81.6%'])
    for (const name of ['按类别', '按牵头单位', '按县(市、区)']) {
      const lines = rowsOf(book.getWorksheet(name)!).slice(1)
      // every breakdown adds up to the whole
      expect(lines.reduce((sum, line) => sum + (line[1] as number), 0)).toBe(266)
      expect(lines.reduce((sum, line) => sum + (line[2] as number), 0)).toBe(217)
    }
    const units = rowsOf(book.getWorksheet('按牵头单位')!)
      .slice(1)
      .map((line) => line[0] as string)
    expect(units).toContain('市人力资源和社会保障局')
    expect(units.every((name) => /[\u4e00-\u9fff]/.test(name))).toBe(true)
    const categories = rowsOf(book.getWorksheet('按类别')!)
      .slice(1)
      .map((line) => line[0])
    expect(categories).toContain('融资需求')
  })

  it('takes a month: October 2026 has the four crafted tickets', async () => {
    const file = ok(await env.call(DISPATCHER, 'export.monthlyReport', { month: '2026-10' }))
    const overall = rowsOf((await workbookOf(file.fileID)).getWorksheet('总体')!)
    expect(overall[1].slice(0, 2)).toEqual(['2026年10月', 4])
  })
})

describe('export.receptionDay', () => {
  it('lists the session’s problems (its agenda) and the commitments made there (child tickets with parentId)', async () => {
    const day = env.cloud.store
      .find(COLLECTIONS.meetings, { kind: 'reception' })
      .find((m) => (m as Meeting).agenda.some((item) => item.commitments.length > 0)) as Meeting
    const agendaIds = day.agenda.map((item) => item.ticketId)
    const children = env.cloud.store.find(COLLECTIONS.tickets, { parentId: { $in: agendaIds } }) as Ticket[]
    expect(children.length).toBeGreaterThan(0)
    const file = ok(await env.call(DISPATCHER, 'export.receptionDay', { receptionDayId: day._id }))
    const book = await workbookOf(file.fileID)
    const problems = rowsOf(book.getWorksheet('接待日问题')!)
    expect(problems).toHaveLength(1 + agendaIds.length)
    const commitments = rowsOf(book.getWorksheet('承诺事项')!).slice(1)
    expect(commitments).toHaveLength(children.length)
    const first = [...children].sort((a, b) => (a.no < b.no ? -1 : 1))[0]
    const parent = env.cloud.store.find(COLLECTIONS.tickets, { _id: first.parentId })[0] as Ticket
    expect(commitments[0].slice(0, 2)).toEqual([first.no, parent.no])
    expect(commitments[0][3]).toBe(first.title)
  })

  it('answers NOT_FOUND for a coordination meeting or an unknown id', async () => {
    const meeting = env.cloud.store.find(COLLECTIONS.meetings, { kind: 'coordination' })[0] as Meeting
    for (const receptionDayId of [meeting._id, 'no-such-day']) {
      const res = await env.call(DISPATCHER, 'export.receptionDay', { receptionDayId })
      expect(res).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } })
    }
  })

  it('answers NOT_FOUND for a day that does not exist', async () => {
    expect(failure(await env.call(DISPATCHER, 'export.receptionDay', { receptionDayId: 'rd-none' })).code).toBe(
      'NOT_FOUND',
    )
  })
})
