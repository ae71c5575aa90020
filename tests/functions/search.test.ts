/**
 * `ticket.search` over the demo year: cursor pages walk every ticket exactly once, the total is the
 * count of all pages, a ticket number or words find their tickets, a unit sees only what was dispatched
 * to it, a leader opens every ticket a list shows, and rows carry names and every lateness.
 */
import { openTestCloud } from '../support/localCloud'
import { seedDemoData } from '../../emulator/project'
import type { ActionResult } from '../../types/actions'
import type { TicketFilters, TicketSort } from '../../types/search'
import { COLLECTIONS } from '../../cloudfunctions/shared/collections'

let env: ReturnType<typeof openTestCloud>
beforeAll(() => {
  env = openTestCloud()
  seedDemoData(env.cloud)
})
afterAll(() => env.close())

type Page = ActionResult<'ticket.search'>

function ok<T>(res: { ok: true; data: T } | { ok: false; error: { code: string; message: string } }): T {
  if (!res.ok) throw new Error(`${res.error.code}: ${res.error.message}`)
  return res.data
}

/** Every row of a search, page by page through the cursor. */
async function searchAll(openid: string, filters: TicketFilters, sort: TicketSort = 'newest', limit = 100) {
  const rows: Page['items'] = []
  let cursor: string | undefined
  let total = -1
  for (let pages = 0; pages < 100; pages++) {
    const page = ok(await env.call(openid, 'ticket.search', { filters, sort, cursor, limit }))
    total = page.total
    rows.push(...page.items)
    if (page.nextCursor === null) return { rows, total }
    cursor = page.nextCursor
  }
  throw new Error('more than 100 pages')
}

it('walks every ticket once through the cursor, in order, and the total counts them all', async () => {
  const all = env.cloud.store.count(COLLECTIONS.tickets)
  for (const sort of ['newest', 'oldest'] as const) {
    const { rows, total } = await searchAll('demo-dispatcher', {}, sort, 37)
    expect(total).toBe(all)
    expect(rows).toHaveLength(all)
    expect(new Set(rows.map((r) => r._id)).size).toBe(all)
    const times = rows.map((r) => Date.parse(r.createdAt))
    const sorted = [...times].sort((a, b) => (sort === 'newest' ? b - a : a - b))
    expect(times).toEqual(sorted)
  }
})

it('finds a ticket by its number, and tickets by words of the enterprise name or title', async () => {
  const [some] = env.cloud.store.find(COLLECTIONS.tickets, { state: 'closed' }) as Array<{
    _id: string
    no: string
    enterpriseName: string
  }>
  const byNo = ok(await env.call('demo-dispatcher', 'ticket.search', { filters: { keyword: some.no.toLowerCase() } }))
  expect(byNo.items.map((r) => r._id)).toEqual([some._id])
  expect(byNo.total).toBe(1)
  const word = some.enterpriseName.slice(2, 6)
  const { rows } = await searchAll('demo-dispatcher', { keyword: word })
  expect(rows.length).toBeGreaterThan(0)
  for (const row of rows) expect(`${row.enterpriseName}${row.title}`).toContain(word)
})

it('shows names of units, never codes, and the district', async () => {
  const page = ok(await env.call('demo-dispatcher', 'ticket.search', { filters: { states: ['closed'] }, limit: 50 }))
  for (const row of page.items) {
    expect(row.unitNames.length).toBeGreaterThan(0)
    for (const name of row.unitNames) expect(name).toMatch(/[\u4e00-\u9fa5]/)
    expect(row.enterpriseDistrict).toMatch(/[\u4e00-\u9fa5]/)
  }
})

it('narrows a unit to the tickets dispatched to it', async () => {
  const { rows, total } = await searchAll('demo-handler-hrss', {})
  const expected = env.cloud.store.count(COLLECTIONS.tickets, { units: 'hrss', dispatchedAt: { $ne: null } })
  expect(total).toBe(expected)
  expect(rows).toHaveLength(expected)
})

it('lets a leader open every ticket a list shows (a list that leads to NOT_FOUND is a defect)', async () => {
  const page = ok(await env.call('demo-leader-mayor', 'ticket.search', { filters: {}, limit: 30 }))
  expect(page.items).toHaveLength(30)
  for (const row of page.items) {
    const detail = ok(await env.call('demo-leader-mayor', 'ticket.get', { ticketId: row._id }))
    expect(detail._id).toBe(row._id)
  }
})

it('keeps the search from enterprise contacts and commissioners', async () => {
  for (const openid of ['demo-ent-liquan']) {
    expect(await env.call(openid, 'ticket.search', {})).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } })
  }
})

it('refuses a cursor it did not make', async () => {
  expect(await env.call('demo-dispatcher', 'ticket.search', { cursor: 'not-a-cursor' })).toMatchObject({
    ok: false,
    error: { code: 'INVALID_INPUT' },
  })
})

it('lists every kind of lateness, each row saying which due and by how many working days', async () => {
  const any = await searchAll('demo-dispatcher', { overdue: 'any' })
  expect(any.total).toBeGreaterThan(0)
  for (const row of any.rows) expect(row.lateness.some((l) => l.open && l.workingDaysLate >= 0)).toBe(true)
  const seen = new Set<string>()
  for (const kind of ['accept', 'sign', 'reply', 'meeting', 'rating'] as const) {
    const { rows } = await searchAll('demo-dispatcher', { overdue: kind })
    for (const row of rows) {
      expect(row.lateness).toContainEqual(expect.objectContaining({ kind, open: true }))
      seen.add(row._id)
    }
  }
  // 'any' is exactly the union of the kinds
  expect([...seen].sort()).toEqual(any.rows.map((r) => r._id).sort())
})
