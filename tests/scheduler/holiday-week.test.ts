/**
 * The timer function driven by the clock across the National Day holiday 2026, through the local cloud:
 * the same story as the pure core's tests/reminders/holiday-week.test.ts, now with the real database,
 * directory, outbox and sends. A timed ticket is dispatched Tue 29 Sep 10:00 and never signed; the trigger
 * fires every 10 minutes (its cron in config.json) for three weeks.
 *
 * chinese-days: 1–7 Oct off, Sat 10 Oct a make-up working day (调休). Sign due Wed 30 Sep 23:59; reply due
 * Mon 12 Oct 23:59 (5 working days: 30 Sep, 8, 9, 10, 12 Oct), reminded from the make-up Saturday.
 */
import { readFileSync } from 'node:fs'
import path from 'node:path'
import { parseCron } from '../../emulator/timers'
import { COLLECTIONS } from '../../cloudfunctions/shared/collections'
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
  wall,
  type TestCloud,
} from './support'

const DISPATCHED = sh('2026-09-29T10:00')
const THREE_WEEKS_LATER = sh('2026-10-20T10:00')
const TEN_MINUTES = 10 * 60_000

let env: TestCloud
let restoreEnv: () => void
let ticketId: string
const runs: Array<{ at: string; active: boolean; sent: number; digests: number }> = []

beforeAll(async () => {
  quietLogs()
  restoreEnv = configureTemplateIds()
  setClock(DISPATCHED)
  env = openTestCloud()
  seedDirectory(env)
  seedConsents(env, Object.values(USERS))
  let ticket = await submitTicket(env)
  ticket = await act(env, USERS.dispatcher, ticket, { type: 'accept' })
  ticket = await act(env, USERS.dispatcher, ticket, { type: 'dispatch' })
  await flush(env, USERS.dispatcher, ticket._id)
  ticketId = ticket._id

  const trigger = JSON.parse(
    readFileSync(path.resolve(__dirname, '../../cloudfunctions/scheduler/config.json'), 'utf8'),
  ).triggers[0]
  const cron = parseCron(trigger.config)
  // every instant the trigger fires after the dispatch: on the minute, every 10 minutes
  for (let at = DISPATCHED.getTime() + TEN_MINUTES; at <= THREE_WEEKS_LATER.getTime(); at += TEN_MINUTES) {
    if (!cron.matches(new Date(at)) || cron.matches(new Date(at + 60_000)))
      throw new Error(`${trigger.config} should fire at ${wall(new Date(at))} only`)
    setClock(new Date(at))
    const { result } = await env.runScheduler()
    const report = result as { active: boolean; delivery: { sent: number }; digests: { inserted: number } }
    // the leader's weekly digest is counted apart (its own test: digest.test.ts)
    runs.push({
      at: wall(new Date(at)),
      active: report.active,
      sent: report.delivery.sent - report.digests.inserted,
      digests: report.digests.inserted,
    })
  }
}, 120_000)

afterAll(() => {
  env.close()
  restoreEnv()
  jest.useRealTimers()
  jest.restoreAllMocks()
})

const message = (at: string, name: string, to: string) => ({ at, kind: 'message', name, to })
const event = (at: string, name: string) => ({ at, kind: 'event', name })

it('ran every 10 minutes and acted only on working days from 08:30 to 21:00', () => {
  expect(runs).toHaveLength(21 * 24 * 6)
  const active = runs.filter((run) => run.active).map((run) => run.at)
  expect(active[0]).toBe('09-29 10:10') // the first trigger after the dispatch
  expect(active.some((at) => at.startsWith('10-01') || at.startsWith('10-07') || at.startsWith('10-11'))).toBe(false)
  expect(active.filter((at) => at.startsWith('10-10'))).toHaveLength(75) // the make-up Saturday: 08:30 … 20:50
  expect(active.some((at) => at.endsWith('08:20') || at.endsWith('21:00'))).toBe(false)
})

it('fires exactly these events and messages, at these times', () => {
  const ticket = env.cloud.store.find(COLLECTIONS.tickets, { _id: ticketId })[0]
  const events = ticket.timeline
    .filter((entry: { role: string }) => entry.role === 'system')
    .map((entry: { at: Date; event: string }) => event(wall(new Date(entry.at)), entry.event))
  const messages = outbox(env)
    .filter((record) => new Date(record.createdAt).getTime() > DISPATCHED.getTime())
    .filter((record) => record.template !== 'leaderSummary')
    .map((record) => message(wall(new Date(record.createdAt)), record.template, record.recipientOpenId))
  const log = [...events, ...messages].sort(
    (a, b) =>
      a.at.localeCompare(b.at) ||
      a.kind.localeCompare(b.kind) ||
      a.name.localeCompare(b.name) ||
      (a as { to?: string }).to!.localeCompare((b as { to?: string }).to!),
  )
  expect(log).toEqual(
    [
      // nothing during the holiday; the first working day after it, the sign is 1 working day overdue
      event('10-08 08:30', 'supervise'),
      message('10-08 08:30', 'ticketSupervised', USERS.hrssHandler),
      message('10-08 08:30', 'ticketSupervised', USERS.hrssHead),
      message('10-08 08:30', 'ticketSupervised', USERS.industryHandler),
      // the make-up Saturday is the working day before the reply due
      message('10-10 08:30', 'replyDueSoon', USERS.hrssHandler),
      // reply overdue: a 督办 of its own
      event('10-13 08:30', 'supervise'),
      message('10-13 08:30', 'ticketSupervised', USERS.hrssHandler),
      message('10-13 08:30', 'ticketSupervised', USERS.hrssHead),
      message('10-13 08:30', 'ticketSupervised', USERS.industryHandler),
      // 5 working days overdue (13, 14, 15, 16, 19 Oct): escalated, the arrangement's leader told
      event('10-19 08:30', 'escalateOverdue'),
      message('10-19 08:30', 'ticketEscalated', USERS.hrssHandler),
      message('10-19 08:30', 'ticketEscalated', USERS.leader),
      message('10-19 08:30', 'ticketEscalated', USERS.dispatcher),
      message('10-19 08:30', 'ticketEscalated', USERS.industryHandler),
      // the enterprise's commissioner follows its tickets to the end
      message('10-19 08:30', 'ticketEscalated', USERS.commissioner),
      // its reply due moved: the enterprise alone is told from when to when, and why (issue 11)
      message('10-19 08:30', 'replyDueMoved', USERS.contact),
    ].sort(
      (a, b) =>
        a.at.localeCompare(b.at) ||
        a.kind.localeCompare(b.kind) ||
        a.name.localeCompare(b.name) ||
        (a as { to?: string }).to!.localeCompare((b as { to?: string }).to!),
    ),
  )
})

it('sent each of those messages once, in the run that planned it', () => {
  const afterDispatch = env.cloud.records.subscribeMessages
    .filter((call) => call.at.getTime() > DISPATCHED.getTime())
    .filter((call) => !String(call.data.template_id).includes('leaderDigest'))
  expect(afterDispatch).toHaveLength(13)
  expect(afterDispatch.every((call) => call.errCode === 0)).toBe(true)
  expect(runs.filter((run) => run.sent > 0).map((run) => [run.at, run.sent])).toEqual([
    ['10-08 08:30', 3],
    ['10-10 08:30', 1],
    ['10-13 08:30', 3],
    ['10-19 08:30', 6],
  ])
  // the enterprise's message on its progress template: the move, and why
  const moved = sentMessages(env).filter((m) => m.to === USERS.contact && m.template === 'progress')
  expect(moved.map((m) => [m.data.thing3, m.data.thing4])).toEqual([
    ['答复时限由10月12日调整为11月16日', '诉求逾期升级为专题协调会办理'],
  ])
  // the 督办 message carries the start of the note the timeline keeps (thing ≤ 20 characters)
  const overdue = sentMessages(env)
    .filter((m) => m.template === 'overdue' && m.to === USERS.hrssHandler)
    .map((m) => m.data.thing3)
  expect(overdue).toEqual(['签收已逾期1个工作日（期限2026年0…', '答复已逾期1个工作日（期限2026年1…'])
})

it('plans the leader’s weekly digest on the first active run of each week, the holiday week’s after the holiday', () => {
  expect(runs.filter((run) => run.digests > 0).map((run) => [run.at, run.digests])).toEqual([
    ['09-29 10:10', 1],
    ['10-08 08:30', 1],
    ['10-12 08:30', 1],
    ['10-19 08:30', 1],
  ])
})

it('ends on the coordination track with new dues counted from the escalation', () => {
  const ticket = env.cloud.store.find(COLLECTIONS.tickets, { _id: ticketId })[0]
  expect(ticket).toMatchObject({
    track: 'coordination',
    replyDueAt: sh('2026-11-16T23:59:59.999'),
    pendingNotifications: [],
    notifyPendingSince: null,
  })
})
