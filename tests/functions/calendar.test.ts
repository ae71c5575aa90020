/**
 * The statutory calendar as office data, through the api function (issue 11): who may read and save it, the
 * preview of the dues a year moves, the save that moves them once — retried, crashed at any write, raced —
 * and the next call counting with the year just saved. The 2027 days are an example (元旦 1–3 January), not
 * the State Council's notice.
 */
import { openTestCloud } from '../support/localCloud'
import { crashAtWrite } from '../support/faults'
import { makeSubmission } from '../support/factories'
import { COLLECTIONS } from '../../cloudfunctions/shared/collections'
import type { ActionResult } from '../../types/actions'
import type { Ticket } from '../../types/domain'
import { failure, ok, PEOPLE, seedWorld } from '../directory/world'
import { setClock, sh } from '../scheduler/support'

type Detail = ActionResult<'ticket.get'>
type Env = ReturnType<typeof openTestCloud>

const YEAR = { year: 2027, holidays: [{ name: '元旦', from: '2027-01-01', to: '2027-01-03' }], workdays: [] }
const SAVE = { ...YEAR, notice: '示例：国办发明电〔2026〕X号', version: 0 }
const END = (date: string) => sh(`${date}T23:59:59.999`).toISOString()

let env: Env
let requestNo = 0

/** A fresh cloud; the api's calendar read of the previous cloud is forgotten (the module outlives it here). */
function open(): Env {
  const cloud = openTestCloud()
  // loaded after the local cloud patched the SDK, the same module instance the api function uses
  const shared =
    require('../../cloudfunctions/shared/calendar') as typeof import('../../cloudfunctions/shared/calendar')
  shared.forgetWorkingCalendar()
  seedWorld(cloud)
  return cloud
}

/** Monday 28 December 2026: a 5-working-day reply due reaches into 2027, which chinese-days does not know. */
beforeEach(() => {
  setClock(sh('2026-12-28T10:00'))
  env = open()
})
afterEach(() => {
  env.close()
  jest.useRealTimers()
})

async function dispatched(on: Env = env): Promise<Detail> {
  requestNo += 1
  const submitted = ok(
    await on.call(PEOPLE.contactA, 'ticket.submit', makeSubmission(), { requestId: `req-cal-${requestNo}` }),
  )
  const accepted = ok(
    await on.call(PEOPLE.dispatcher, 'ticket.act', {
      ticketId: submitted._id,
      version: submitted.version,
      event: { type: 'accept' },
    }),
  )
  return ok(
    await on.call(PEOPLE.dispatcher, 'ticket.act', {
      ticketId: accepted._id,
      version: accepted.version,
      event: { type: 'dispatch', units: ['hrss'] },
    }),
  )
}

const stored = (id: string, on: Env = env) =>
  on.cloud.store.find(COLLECTIONS.tickets, { _id: id })[0] as Ticket & {
    pendingNotifications?: Array<{ template: string }>
  }
const entries = (id: string, on: Env = env) => stored(id, on).timeline.filter((e) => e.event === 'calendarAdjusted')

describe('who may touch the calendar', () => {
  it('lets the office read it and only the admin preview or save it', async () => {
    const read = ok(await env.call(PEOPLE.dispatcher, 'calendar.get', {}))
    expect(read.missingYears).toEqual([2027])
    expect(read.years.find((y) => y.year === 2026)).toMatchObject({ source: 'builtIn' })
    for (const who of [PEOPLE.contactA, PEOPLE.handlerA, PEOPLE.dispatcher, PEOPLE.leaderA]) {
      expect(failure(await env.call(who, 'calendar.save', SAVE, { requestId: `req-${who}` })).code).toBe('FORBIDDEN')
      expect(failure(await env.call(who, 'calendar.preview', YEAR)).code).toBe('FORBIDDEN')
    }
    expect(failure(await env.call(PEOPLE.contactA, 'calendar.get', {})).code).toBe('FORBIDDEN')
    expect(env.cloud.store.count(COLLECTIONS.calendar)).toBe(0)
  })
})

describe('entering 2027', () => {
  it('previews the reply due that moves, in names, and changes nothing', async () => {
    const ticket = await dispatched()
    expect(ticket.calendarMissing).toBe(true)
    expect(ticket.replyDueAt).toBe(END('2027-01-04'))
    const preview = ok(await env.call(PEOPLE.admin, 'calendar.preview', YEAR))
    expect(preview).toEqual({
      errors: {},
      ticketCount: 1,
      moves: [
        {
          ticketId: ticket._id,
          no: ticket.no,
          enterpriseName: '燕京啤酒(桂林漓泉)股份有限公司',
          dueName: '答复时限',
          from: END('2027-01-04'),
          to: END('2027-01-05'),
        },
      ],
    })
    expect(stored(ticket._id).version).toBe(ticket.version)
  })

  it('answers problems next to their rows and saves nothing', async () => {
    const bad = { ...SAVE, workdays: [{ date: '2027-01-06', name: '元旦' }] }
    const preview = ok(await env.call(PEOPLE.admin, 'calendar.preview', bad))
    expect(preview.errors).toEqual({ 'workdays.0': '2027-01-06不是周末，调休上班日应为周六或周日' })
    const refused = failure(await env.call(PEOPLE.admin, 'calendar.save', bad, { requestId: 'req-bad-save-1' }))
    expect(refused.code).toBe('INVALID_INPUT')
    expect(refused.fields).toEqual({ 'workdays.0': '2027-01-06不是周末，调休上班日应为周六或周日' })
    expect(env.cloud.store.count(COLLECTIONS.calendar)).toBe(0)
  })

  it('moves the due once, tells the enterprise, and the next call counts with the year', async () => {
    const ticket = await dispatched()
    const saved = ok(await env.call(PEOPLE.admin, 'calendar.save', SAVE, { requestId: 'req-save-1' }))
    expect(saved.movedTickets).toBe(1)
    expect(saved.year).toMatchObject({ year: 2027, source: 'office', version: 1, enteredByName: '林建国' })
    const after = stored(ticket._id)
    expect(after.replyDueAt).toEqual(new Date(END('2027-01-05')))
    expect(after.calendarMissing).toBe(false)
    expect(entries(ticket._id).map((e) => e.note)).toEqual([
      '国务院公布2027年节假日安排，答复时限由2027年1月4日调整为2027年1月5日',
    ])
    expect(after.pendingNotifications?.map((n) => n.template)).toContain('replyDueMoved')

    // the same save retried, and a second save of the year, move nothing again
    ok(await env.call(PEOPLE.admin, 'calendar.save', SAVE, { requestId: 'req-save-1' }))
    ok(await env.call(PEOPLE.admin, 'calendar.save', { ...SAVE, version: 1 }, { requestId: 'req-save-2' }))
    expect(entries(ticket._id)).toHaveLength(1)
    expect(stored(ticket._id).replyDueAt).toEqual(new Date(END('2027-01-05')))

    // a ticket dispatched now counts with 元旦: Dec 29, 30, 31, Jan 4, Jan 5 — and is not provisional
    const fresh = await dispatched()
    expect(fresh.replyDueAt).toBe(END('2027-01-05'))
    expect(fresh.calendarMissing).toBe(false)
    expect(ok(await env.call(PEOPLE.dispatcher, 'calendar.get', {})).missingYears).toEqual([])
  })

  it('answers CONFLICT to a save made on a version someone else already replaced, also when raced', async () => {
    const [a, b] = await Promise.all([
      env.call(PEOPLE.admin, 'calendar.save', SAVE, { requestId: 'req-race-a' }),
      env.call(PEOPLE.admin, 'calendar.save', { ...SAVE, notice: '另一份' }, { requestId: 'req-race-b' }),
    ])
    const outcomes = [a, b].map((res) => (res.ok ? 'ok' : res.error.code)).sort()
    expect(outcomes).toEqual(['CONFLICT', 'ok'])
    const stale = failure(await env.call(PEOPLE.admin, 'calendar.save', SAVE, { requestId: 'req-stale' }))
    expect(stale.code).toBe('CONFLICT')
    expect(stale.message).toContain('2027年的节假日安排刚刚被他人保存')
    expect(env.cloud.store.find(COLLECTIONS.calendar, { _id: '2027' })[0]).toMatchObject({ version: 1 })
  })

  it('is finished by its retry after a crash at any write, each due moved exactly once', async () => {
    jest.spyOn(console, 'error').mockImplementation(() => undefined)
    const probe = await dispatched()
    await dispatched()
    const counter = crashAtWrite(env.cloud, Number.POSITIVE_INFINITY)
    ok(await env.call(PEOPLE.admin, 'calendar.save', SAVE, { requestId: 'req-count' }))
    counter.restore()
    const writes = counter.writes()
    expect(writes).toBe(3) // the year, then each of the two tickets
    expect(entries(probe._id)).toHaveLength(1)

    for (let at = 1; at <= writes; at++) {
      for (const after of [false, true]) {
        env.close()
        env = open()
        const one = await dispatched()
        const two = await dispatched()
        const crash = crashAtWrite(env.cloud, at, { after })
        const crashed = await env.call(PEOPLE.admin, 'calendar.save', SAVE, { requestId: 'req-crash' })
        crash.restore()
        if (!crashed.ok) expect(crashed.error.code).toBe('INTERNAL')
        const retried = ok(await env.call(PEOPLE.admin, 'calendar.save', SAVE, { requestId: 'req-crash' }))
        expect(retried.year.version).toBe(1)
        for (const ticket of [one, two]) {
          expect(entries(ticket._id)).toHaveLength(1)
          expect(stored(ticket._id).replyDueAt).toEqual(new Date(END('2027-01-05')))
          expect(stored(ticket._id).calendarRemappedYears).toEqual([2027])
        }
      }
    }
    jest.restoreAllMocks()
  })
})
