/**
 * Holding the coordination meeting clears its due (issue 9 item 2): before it, the timer supervises the
 * overdue 专题协调会 once; after it, never again — the lateness stays on the ticket as a fact.
 */
import { COLLECTIONS } from '../../cloudfunctions/shared/collections'
import { USERS, act, expectOk, setClock, sh, submitTicket, useSchedulerCloud, type TestCloud } from './support'

const cloud = useSchedulerCloud(sh('2026-11-24T10:00'))
let env: TestCloud
beforeEach(() => {
  env = cloud.env
})

const meetingSupervisions = (id: string) =>
  (
    env.cloud.store.find(COLLECTIONS.tickets, { _id: id })[0].timeline as Array<{ event: string; note?: string }>
  ).filter((e) => e.event === 'supervise' && (e.note ?? '').includes('专题协调会已逾期'))

it('stops sending 专题协调会已逾期 once the meeting is held, and keeps it late', async () => {
  let ticket = await submitTicket(env)
  ticket = await act(env, USERS.dispatcher, ticket, { type: 'accept' })
  ticket = await act(env, USERS.dispatcher, ticket, {
    type: 'dispatch',
    units: ['hrss', 'industry-it'],
    reason: '涉及人社和工信两个部门',
  })
  expect(ticket.track).toBe('coordination')
  const meetingDue = new Date(ticket.meetingDueAt!)

  // two working days after the meeting due: supervised for it
  setClock(sh('2026-12-10T10:00'))
  expect(new Date() > meetingDue).toBe(true)
  await env.runScheduler()
  expect(meetingSupervisions(ticket._id)).toHaveLength(1)

  // the office holds it (an hour ago) and records the decision with a commitment
  const meeting = expectOk(
    await env.call(
      USERS.dispatcher,
      'meeting.create',
      {
        kind: 'coordination',
        title: '用工保障专题协调会',
        startsAt: sh('2026-12-10T09:00').toISOString(),
        place: '市重点办会议室',
        chair: '市重点办主任',
        unitCodes: ['hrss', 'industry-it'],
        ticketIds: [ticket._id],
      },
      { requestId: 'req-meeting-held-01' },
    ),
  )
  expectOk(
    await env.call(
      USERS.dispatcher,
      'meeting.decide',
      {
        meetingId: meeting._id,
        version: meeting.version,
        ticketId: ticket._id,
        decision: '人社局牵头，工信局配合',
        commitments: [{ unitCode: 'hrss', what: '组织专场招聘会', dueAt: sh('2026-12-24T12:00').toISOString() }],
      },
      { requestId: 'req-meeting-held-02' },
    ),
  )
  const held = expectOk(await env.call(USERS.dispatcher, 'ticket.get', { ticketId: ticket._id }))
  expect(held).toMatchObject({ meetingDueAt: null, meetingLate: true })

  // the next days: no more 专题协调会已逾期
  setClock(sh('2026-12-11T10:00'))
  await env.runScheduler()
  setClock(sh('2026-12-14T10:00'))
  await env.runScheduler()
  expect(meetingSupervisions(ticket._id)).toHaveLength(1)
})
