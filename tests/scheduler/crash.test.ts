/**
 * The transactional outbox: the notifications of a transition are written in the same conditional update
 * as the transition, so no crash after the write can lose them, and the write still costs one round trip.
 * Whatever the app's flush does not finish — it never ran, WeChat failed, it died halfway — the next timer
 * run delivers, once.
 */
import { COLLECTIONS } from '../../cloudfunctions/shared/collections'
import {
  USERS,
  act,
  expectOk,
  flush,
  outbox,
  sentMessages,
  setClock,
  sh,
  submitTicket,
  type Detail,
  type TestCloud,
  useSchedulerCloud,
} from './support'

const TUESDAY_10 = sh('2026-11-24T10:00')

const cloud = useSchedulerCloud(TUESDAY_10)
let env: TestCloud
beforeEach(() => {
  env = cloud.env
})

async function dispatched(): Promise<Detail> {
  let ticket = await submitTicket(env)
  await flush(env, USERS.contact, ticket._id)
  ticket = await act(env, USERS.dispatcher, ticket, { type: 'accept' })
  await flush(env, USERS.dispatcher, ticket._id)
  env.cloud.records.subscribeMessages.length = 0
  return act(env, USERS.dispatcher, ticket, { type: 'dispatch' })
}

const storedTicket = (id: string) => env.cloud.store.find(COLLECTIONS.tickets, { _id: id })[0]
const dispatchSends = () =>
  sentMessages(env)
    .filter((m) => m.template === 'newAssignment')
    .map((m) => m.to)
    .sort()
const DISPATCH_AUDIENCE = [USERS.hrssHandler, USERS.industryHandler].sort()

it('keeps the notifications with the saved transition, in the same write: ≤ 3 round trips', async () => {
  let ticket = await submitTicket(env)
  const { result, dbRoundTrips } = await env.callWithStats(USERS.dispatcher, 'ticket.act', {
    ticketId: ticket._id,
    version: ticket.version,
    event: { type: 'accept' } as never,
  })
  ticket = expectOk(result)
  expect(dbRoundTrips).toBe(3) // user, ticket, conditional update (issue 3 budget)
  expect(storedTicket(ticket._id)).toMatchObject({
    version: 2,
    notifyPendingSince: TUESDAY_10,
    pendingNotifications: [
      expect.objectContaining({ template: 'ticketSubmitted', occurrence: 'v1' }),
      expect.objectContaining({
        template: 'ticketAccepted',
        occurrence: 'v2',
        audience: ['enterprise'],
        ticket: expect.objectContaining({ state: 'accepted', no: ticket.no }),
      }),
    ],
  })
  // the app never sees the outbox fields
  expect(ticket).not.toHaveProperty('pendingNotifications')
  expect(expectOk(await env.call(USERS.contact, 'ticket.get', { ticketId: ticket._id }))).not.toHaveProperty(
    'notifyPendingSince',
  )
})

it('delivers on the next timer run when the function died right after the write (no flush)', async () => {
  const ticket = await dispatched()
  expect(dispatchSends()).toEqual([])
  expect(storedTicket(ticket._id).pendingNotifications.map((n: { template: string }) => n.template)).toEqual([
    'ticketDispatched',
  ])

  setClock(sh('2026-11-24T10:10'))
  await env.runScheduler()
  expect(dispatchSends()).toEqual(DISPATCH_AUDIENCE)
  expect(storedTicket(ticket._id)).toMatchObject({ pendingNotifications: [], notifyPendingSince: null })
})

it('retries on the timer what a flush could not send (WeChat busy), once each', async () => {
  const ticket = await dispatched()
  env.cloud.records.failNextSubscribeSend(-1, { count: DISPATCH_AUDIENCE.length })
  await flush(env, USERS.dispatcher, ticket._id)
  expect(sentMessages(env).every((m) => m.errCode === -1)).toBe(true)
  expect(
    outbox(env)
      .filter((r) => r.template === 'ticketDispatched')
      .map((r) => [r.status, r.attempts]),
  ).toEqual([
    ['pending', 1],
    ['pending', 1],
  ])

  setClock(sh('2026-11-24T10:10'))
  await env.runScheduler()
  setClock(sh('2026-11-24T10:20'))
  await env.runScheduler()
  expect(
    sentMessages(env)
      .filter((m) => m.errCode === 0 && m.template === 'newAssignment')
      .map((m) => m.to)
      .sort(),
  ).toEqual(DISPATCH_AUDIENCE)
})

it('sends nothing twice when a flush died after moving the notifications but before clearing them', async () => {
  const ticket = await dispatched()
  const beforeFlush = storedTicket(ticket._id)
  env.cloud.records.failNextSubscribeSend(-1, { count: DISPATCH_AUDIENCE.length })
  await flush(env, USERS.dispatcher, ticket._id)
  // the state such a crash leaves: records in the outbox, and the ticket still holding its pending list
  env.cloud.store.clear(COLLECTIONS.tickets)
  env.cloud.store.insertMany(COLLECTIONS.tickets, [beforeFlush])

  setClock(sh('2026-11-24T10:10'))
  const { result } = await env.runScheduler()
  // the two dispatch messages, and the leader's weekly digest of the week before (digest.test.ts)
  expect(result).toMatchObject({
    swept: { tickets: 1, inserted: 0, duplicates: 2 },
    delivery: { sent: 3 },
    digests: { inserted: 1 },
  })
  expect(
    sentMessages(env)
      .filter((m) => m.errCode === 0 && m.template !== 'leaderDigest')
      .map((m) => m.to)
      .sort(),
  ).toEqual(DISPATCH_AUDIENCE)
  expect(storedTicket(ticket._id).pendingNotifications).toEqual([])
})

it('keeps the notifications of a transition that lands while a flush is moving the earlier ones', async () => {
  let ticket = await dispatched()
  ticket = await act(env, USERS.hrssHandler, ticket, { type: 'sign' })
  // the flush reads the ticket with the dispatch's notifications; the extension request may write in between:
  // the flush then clears nothing (the version moved) and the request's notification waits for the timer
  await Promise.all([
    flush(env, USERS.dispatcher, ticket._id),
    act(env, USERS.hrssHandler, ticket, { type: 'requestExtension', days: 3, reason: '需协调用工招聘会场地' }),
  ])
  setClock(sh('2026-11-24T10:10'))
  await env.runScheduler()

  expect(dispatchSends()).toEqual(DISPATCH_AUDIENCE)
  expect(
    sentMessages(env)
      .filter((m) => m.template === 'progress')
      .map((m) => [m.to, m.data.thing3]),
  ).toEqual([[USERS.hrssHead, '申请延期']])
  expect(storedTicket(ticket._id)).toMatchObject({ pendingNotifications: [], notifyPendingSince: null })
})

it('runs on its timer only: a mini-program user cannot call the scheduler', async () => {
  const { result, dbRoundTrips } = await env.cloud.invoke('scheduler', {}, { openid: USERS.contact })
  expect(result).toEqual({ ok: false, error: { code: 'FORBIDDEN', message: expect.stringContaining('定时触发器') } })
  expect(dbRoundTrips).toBe(0)
})
