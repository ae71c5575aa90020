/**
 * A leader's city-wide items (issue 10 item 2), through the real api function in the local cloud: who sees
 * what, and that a leader can open and 批示 exactly what the list shows while other roles still cannot.
 */
import { openTestCloud } from '../support/localCloud'
import { ticketIn } from '../core/factories'
import { COLLECTIONS } from '../../cloudfunctions/shared/collections'
import type { Ticket } from '../../types/domain'
import { ENTERPRISES, PEOPLE, failure, ok, seedWorld } from '../directory/world'

const entB = ENTERPRISES.find((e) => e._id === 'ent-b')!

/** A ticket of enterprise B (not linked to leader A), handled by 市教育局, in `state`, as stored. */
function ticketOfB(id: string, state: Ticket['state'], overrides: Partial<Ticket> = {}): Ticket {
  const base = ticketIn(state, {
    intake: {
      ticketId: id,
      no: `HQ20260930-${id.slice(-4)}`,
      title: `职工子女入学 ${id}`,
    },
  })
  return {
    ...base,
    category: 'schooling',
    units: ['education'],
    enterpriseId: 'ent-b',
    enterpriseName: entB.name,
    enterpriseDistrict: '七星区',
    ...overrides,
  }
}

const LONG_AGO = new Date('2025-03-03T09:00:00+08:00')
const FAR_AHEAD = new Date('2099-01-01T09:00:00+08:00')

let env: ReturnType<typeof openTestCloud>

beforeAll(() => {
  env = openTestCloud()
  seedWorld(env)
  const escalated = ticketOfB('T-ESC-0001', 'signed', { replyDueAt: FAR_AHEAD })
  escalated.timeline = [...escalated.timeline, { ...escalated.timeline.at(-1)!, event: 'escalate' }]
  env.cloud.store.insertMany(COLLECTIONS.tickets, [
    ticketOfB('T-REC-0001', 'accepted', { track: 'reception' }),
    // settled: no longer reaches leaders
    ticketOfB('T-REC-0002', 'closed', { track: 'reception' }),
    escalated,
    ticketOfB('T-OVD-0001', 'signed', { replyDueAt: LONG_AGO }),
    // late, but by less than 5 working days: not yet a leader's item
    ticketOfB('T-OVD-0002', 'signed', { replyDueAt: new Date(Date.now() - 36 * 3600_000) }),
    ticketOfB('T-PLN-0001', 'signed', { replyDueAt: FAR_AHEAD }),
  ])
})
afterAll(() => env.close())

async function idsOf(kind: 'reception' | 'escalated' | 'overdue') {
  const page = ok(await env.call(PEOPLE.leaderA, 'ticket.leaderItems', { kind }))
  return page.items.map((item) => item._id)
}

it('lists each kind city-wide: open reception-track, escalated, reply overdue ≥ 5 working days', async () => {
  expect(await idsOf('reception')).toEqual(['T-REC-0001'])
  expect(await idsOf('escalated')).toEqual(['T-ESC-0001'])
  expect(await idsOf('overdue')).toEqual(['T-OVD-0001'])
})

it('shows names, never codes, and says why in Chinese', async () => {
  const page = ok(await env.call(PEOPLE.leaderA, 'ticket.leaderItems', { kind: 'overdue' }))
  const [row] = page.items
  expect(row.unitNames).toEqual(['市教育局'])
  expect(row.enterpriseName).toBe(entB.name)
  expect(row.reasons[0]).toMatch(/^答复超期\d+个工作日$/)
  expect(row.replyOverdueWorkingDays).toBeGreaterThanOrEqual(5)
  expect(JSON.stringify(page)).not.toContain('"education"')
})

it('lets a leader open and 批示 what the list shows, and 批示 nothing else of another leader’s enterprises', async () => {
  for (const id of ['T-REC-0001', 'T-ESC-0001', 'T-OVD-0001']) {
    const ticket = ok(await env.call(PEOPLE.leaderA, 'ticket.get', { ticketId: id }))
    expect(ticket.offeredEvents).toContain('instruct')
    const after = ok(
      await env.call(PEOPLE.leaderA, 'ticket.act', {
        ticketId: id,
        version: ticket.version,
        event: { type: 'instruct', text: '请市教育局本周内答复' },
      }),
    )
    expect(after.instructions.at(-1)).toMatchObject({ text: '请市教育局本周内答复', leaderName: '周立群' })
  }
  // any ticket of the city opens for reading (ticket.search's drill-down), but 批示 only on what reaches leaders
  for (const id of ['T-REC-0002', 'T-OVD-0002', 'T-PLN-0001']) {
    const ticket = ok(await env.call(PEOPLE.leaderA, 'ticket.get', { ticketId: id }))
    expect(ticket.offeredEvents).toEqual([])
    const instructed = await env.call(PEOPLE.leaderA, 'ticket.act', {
      ticketId: id,
      version: ticket.version,
      event: { type: 'instruct', text: '请加快办理' },
    })
    expect(failure(instructed).code).toBe('NOT_FOUND')
  }
})

it('is a leader’s list only; other roles still cannot open B’s escalated ticket', async () => {
  for (const caller of [PEOPLE.handlerA, PEOPLE.commissionerA, PEOPLE.contactA]) {
    expect(failure(await env.call(caller, 'ticket.leaderItems', { kind: 'escalated' })).code).toBe('FORBIDDEN')
    expect(failure(await env.call(caller, 'ticket.get', { ticketId: 'T-ESC-0001' })).code).toBe('NOT_FOUND')
  }
})

it('pages with a cursor on the sort key: every item once, in order', async () => {
  const many = Array.from({ length: 45 }, (_, i) =>
    ticketOfB(`T-RCP-${String(i).padStart(4, '0')}`, 'dispatched', {
      track: 'reception',
      // pairs share a creation instant: the cursor must not skip or repeat ties
      createdAt: new Date(Date.UTC(2026, 9, 1) + Math.floor(i / 2) * 60_000),
    }),
  )
  env.cloud.store.insertMany(COLLECTIONS.tickets, many)
  const seen: string[] = []
  let cursor: string | undefined
  for (let pages = 0; pages < 10; pages++) {
    const page = ok(await env.call(PEOPLE.leaderA, 'ticket.leaderItems', { kind: 'reception', cursor }))
    seen.push(...page.items.map((item) => item._id))
    if (!page.nextCursor) break
    cursor = page.nextCursor
  }
  expect(seen).toHaveLength(46)
  expect(new Set(seen).size).toBe(46)
})
