/**
 * Two timer runs that overlap (a slow run still going when the next trigger fires, or the platform retrying
 * a trigger) must never tell anyone twice: reminders are keyed by their dedupe key, an event is written only
 * on the version it was planned on, and a record is claimed (status + attempts) before consent or send.
 */
import { COLLECTIONS } from '../../cloudfunctions/shared/collections'
import { seedDemoData } from '../../emulator/project'
import { historyStartEndingOn } from '../../emulator/demo'
import { openTestCloud } from '../support/localCloud'
import {
  USERS,
  act,
  configureTemplateIds,
  flush,
  outbox,
  quietLogs,
  seedConsents,
  seedDirectory,
  sentMessages,
  setClock,
  sh,
  submitTicket,
  type TestCloud,
} from './support'

let env: TestCloud
let restoreEnv: () => void
beforeEach(() => {
  quietLogs()
  restoreEnv = configureTemplateIds()
})
afterEach(() => {
  env.close()
  restoreEnv()
  jest.useRealTimers()
  jest.restoreAllMocks()
})

/** Every successful send as one comparable line. */
function sendLines(): string[] {
  return sentMessages(env)
    .filter((m) => m.errCode === 0)
    .map((m) => JSON.stringify([m.to, m.template, m.data]))
    .sort()
}

/**
 * Each message once: the successful sends are exactly the outbox records marked sent, one send each (two
 * notifications may render alike, e.g. the answer and the rating reminder, so lines alone would not tell).
 */
function expectEachMessageOnce(): void {
  const sentRecords = outbox(env).filter((r) => r.status === 'sent')
  const fromRecords = sentRecords
    .map((r) =>
      JSON.stringify([
        r.recipientOpenId,
        r.templateKey,
        Object.fromEntries(
          Object.entries(r.message.data as Record<string, { value: string }>).map(([k, v]) => [k, v.value]),
        ),
      ]),
    )
    .sort()
  expect(sendLines()).toEqual(fromRecords)
  expect(sentRecords.filter((r) => r.attempts !== 1)).toEqual([])
}

describe('over a small directory', () => {
  let toAccept: { _id: string; no: string }
  let toSign: { _id: string; no: string }
  let toRate: { _id: string; no: string }

  beforeEach(async () => {
    setClock(sh('2026-11-17T10:00'))
    env = openTestCloud()
    seedDirectory(env)
    seedConsents(env, Object.values(USERS))
    // replied Tue 17 Nov: the rating is due Tue 24 Nov (5 working days)
    let rate = await submitTicket(env, 'req-concurrent-rate')
    rate = await act(env, USERS.dispatcher, rate, { type: 'accept' })
    rate = await act(env, USERS.dispatcher, rate, { type: 'dispatch' })
    rate = await act(env, USERS.hrssHandler, rate, { type: 'sign' })
    toRate = await act(env, USERS.hrssHandler, rate, { type: 'reply', outcome: 'explained', text: '政策解释如下……' })
    // dispatched Fri 20 Nov and never signed: the sign was due Mon 23 Nov
    setClock(sh('2026-11-20T10:00'))
    let sign = await submitTicket(env, 'req-concurrent-sign')
    sign = await act(env, USERS.dispatcher, sign, { type: 'accept' })
    toSign = await act(env, USERS.dispatcher, sign, { type: 'dispatch' })
    // submitted Mon 23 Nov, not flushed: the runs move its notifications
    setClock(sh('2026-11-23T09:00'))
    toAccept = await submitTicket(env, 'req-concurrent-accept')
    // none of these actions was flushed: the runs below also race to move them
    setClock(sh('2026-11-24T10:00'))
  })

  it('sends each message once when two runs overlap', async () => {
    const [a, b] = (await Promise.all([env.runScheduler(), env.runScheduler()])).map((run) => run.result as any)
    // the overlap is real: the second run's writes and claims lost to the first's
    expect(a.events.conflicts + b.events.conflicts).toBe(1)
    expect(a.swept.duplicates + b.swept.duplicates).toBeGreaterThan(0)
    expect(a.delivery.lost + b.delivery.lost).toBeGreaterThan(0)

    expectEachMessageOnce()
    // one 督办 of the unsigned ticket, fired by one run; the other run's write lost on the version
    expect(a.events.fired + b.events.fired).toBe(1)
    const signTicket = env.cloud.store.find(COLLECTIONS.tickets, { _id: toSign._id })[0]
    expect(signTicket.timeline.filter((e: { event: string }) => e.event === 'supervise')).toHaveLength(1)

    const sent = sentMessages(env)
    const about = (no: string, template: string) =>
      sent
        .filter((m) => m.data.character_string1 === no && m.template === template)
        .map((m) => m.to)
        .sort()
    // the new ticket reaches the office (its 1-day accept limit needs no reminder: that message is one)
    expect(about(toAccept.no, 'newTicket')).toEqual(
      [USERS.commissioner, USERS.dispatcher, USERS.industryHandler].sort(),
    )
    // the answer (to the enterprise, its lead service unit and its commissioner), then the rating reminder
    expect(about(toRate.no, 'replied')).toEqual(
      [USERS.commissioner, USERS.contact, USERS.contact, USERS.industryHandler].sort(),
    )
    expect(about(toSign.no, 'overdue')).toEqual([USERS.hrssHandler, USERS.hrssHead, USERS.industryHandler].sort())
    // every record was sent by exactly one of the runs
    expect(outbox(env).filter((r) => r.status === 'sent')).toHaveLength(sent.length)
    expect(a.delivery.sent + b.delivery.sent).toBe(sent.length)
  })

  it('sends nothing again on the runs that follow', async () => {
    await Promise.all([env.runScheduler(), env.runScheduler()])
    const before = sendLines()
    setClock(sh('2026-11-24T10:10'))
    await Promise.all([env.runScheduler(), env.runScheduler()])
    setClock(sh('2026-11-24T16:00'))
    await env.runScheduler()
    expect(sendLines()).toEqual(before)
  })

  it('sends each message once when the app’s flush and the timer race', async () => {
    await Promise.all([
      flush(env, USERS.contact, toAccept._id),
      env.runScheduler(),
      flush(env, USERS.dispatcher, toSign._id),
    ])
    expectEachMessageOnce()
    expect(
      sentMessages(env)
        .filter((m) => m.template === 'newTicket' && m.data.character_string1 === toAccept.no)
        .map((m) => m.to)
        .sort(),
    ).toEqual([USERS.commissioner, USERS.dispatcher, USERS.industryHandler].sort())
  })
})

describe('over the demo year ending today', () => {
  it('fires the due 督办 and reminders once under two overlapping runs', async () => {
    const today = sh('2026-11-24T10:00')
    setClock(today)
    env = openTestCloud()
    seedDemoData(env.cloud, { historyStart: historyStartEndingOn('2026-11-24') })
    const users = env.cloud.store.find(COLLECTIONS.users).map((u: { _id: string }) => u._id)
    seedConsents(env, users)

    const runs = (await Promise.all([env.runScheduler(), env.runScheduler()])).map((run) => run.result as any)
    expectEachMessageOnce()
    const fired = runs[0].events.fired + runs[1].events.fired
    expect(fired).toBe(runs[0].events.planned) // each planned event once, whichever run won
    expect(sentMessages(env).length).toBeGreaterThan(0)
    expect(outbox(env).filter((r) => r.status === 'sent')).toHaveLength(sentMessages(env).length)

    // the next run finds everything done
    setClock(sh('2026-11-24T10:10'))
    const next = (await env.runScheduler()).result as any
    expect(next).toMatchObject({ events: { fired: 0 }, reminders: { inserted: 0 }, delivery: { sent: 0 } })
    // seeding a whole demo year and the 35 leaders' digests take seconds on a loaded 2-core machine: a guard,
    // not a speed assertion
  }, 60_000)
})
