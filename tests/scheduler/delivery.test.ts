/**
 * From a user's action to the subscribe message WeChat would receive, end to end through the real `api` and
 * `scheduler` functions: the notifications are written with the transition, the app's flush (or the timer's
 * sweep) moves them to the outbox, and the sender sends them with formatted fields.
 */
import { COLLECTIONS } from '../../cloudfunctions/shared/collections'
import {
  USERS,
  act,
  flush,
  outbox,
  sentMessages,
  setClock,
  sh,
  submitTicket,
  templateIdOf,
  type TestCloud,
  useSchedulerCloud,
} from './support'

const TUESDAY_10 = sh('2026-11-24T10:00')

const cloud = useSchedulerCloud(TUESDAY_10)
let env: TestCloud
beforeEach(() => {
  env = cloud.env
})

it('tells the dispatcher of a new 诉求 with every field formatted for its WeChat type', async () => {
  const ticket = await submitTicket(env, 'req-new-ticket-01', {
    title: '新厂区投产急需招聘200名技术工人，希望人社部门协助组织专场招聘',
  })
  await flush(env, USERS.contact, ticket._id)

  const toDispatcher = sentMessages(env).filter((m) => m.to === USERS.dispatcher)
  expect(toDispatcher).toEqual([
    {
      to: USERS.dispatcher,
      template: 'newTicket',
      data: {
        character_string1: ticket.no,
        // thing ≤ 20 characters: cut to 19 and '…'
        thing2: '新厂区投产急需招聘200名技术工人，希…',
        thing3: '燕京啤酒（桂林漓泉）股份有限公司',
        time4: '2026年11月24日 10:00',
        phrase5: '待受理',
      },
      page: `pages/ticket/index?id=${ticket._id}`,
      errCode: 0,
    },
  ])
  // a key enterprise: its commissioner and its lead service unit are told too (routing: ticketSubmitted)
  expect(
    sentMessages(env)
      .map((m) => [m.to, m.template])
      .sort(),
  ).toEqual(
    [
      [USERS.commissioner, 'newTicket'],
      [USERS.dispatcher, 'newTicket'],
      [USERS.industryHandler, 'newTicket'],
    ].sort(),
  )
  // and the ticket's own outbox is empty again
  expect(env.cloud.store.find(COLLECTIONS.tickets)[0]).toMatchObject({
    pendingNotifications: [],
    notifyPendingSince: null,
  })
})

it('tells the unit’s handler of a dispatched ticket: 新工单待签收 with the sign due', async () => {
  let ticket = await submitTicket(env)
  ticket = await act(env, USERS.dispatcher, ticket, { type: 'accept' })
  ticket = await act(env, USERS.dispatcher, ticket, { type: 'dispatch' })
  await flush(env, USERS.dispatcher, ticket._id)

  const toHandler = sentMessages(env).filter((m) => m.to === USERS.hrssHandler)
  expect(toHandler).toEqual([
    expect.objectContaining({
      template: 'newAssignment',
      data: {
        character_string1: ticket.no,
        thing2: '新厂区投产急需招聘200名技术工人',
        thing3: '燕京啤酒（桂林漓泉）股份有限公司',
        // 1 working day after Tue 24 Nov, end of day
        time4: '2026年11月25日 23:59',
        phrase5: '限时办理',
      },
    }),
  ])
  // the flush after the dispatch also delivered what the accept planned (the enterprise's 受理通知)
  expect(
    sentMessages(env)
      .filter((m) => m.to === USERS.contact)
      .map((m) => [m.template, m.data.phrase3]),
  ).toEqual([['accepted', '已受理']])
})

it('tells the enterprise of the answer: 答复待评价 with outcome, text and rating due', async () => {
  let ticket = await submitTicket(env)
  ticket = await act(env, USERS.dispatcher, ticket, { type: 'accept' })
  ticket = await act(env, USERS.dispatcher, ticket, { type: 'dispatch' })
  ticket = await act(env, USERS.hrssHandler, ticket, { type: 'sign' })
  ticket = await act(env, USERS.hrssHandler, ticket, {
    type: 'reply',
    outcome: 'solved',
    text: '已联系3家劳务公司，11月28日在经开区举办专场招聘会，请贵司派人参加。',
  })
  await flush(env, USERS.hrssHandler, ticket._id)

  const replied = sentMessages(env).filter((m) => m.to === USERS.contact && m.template === 'replied')
  expect(replied).toEqual([
    expect.objectContaining({
      data: {
        character_string1: ticket.no,
        thing2: '新厂区投产急需招聘200名技术工人',
        phrase3: '已解决',
        thing4: '已联系3家劳务公司，11月28日在经开…',
        time5: '2026年12月01日 23:59',
      },
    }),
  ])
  // one message per (notification, user): nothing was sent twice across the four flushes' worth of events
  const keys = outbox(env).map((record) => record._id)
  expect(new Set(keys).size).toBe(keys.length)
})

it('delivers on the next timer run when the app never flushed (at any hour: only reminders keep office hours)', async () => {
  setClock(sh('2026-11-24T23:40'))
  const ticket = await submitTicket(env)
  expect(sentMessages(env)).toEqual([])
  expect(env.cloud.store.find(COLLECTIONS.tickets)[0].pendingNotifications).toHaveLength(1)

  setClock(sh('2026-11-24T23:50'))
  const { result } = await env.runScheduler()
  expect(result).toMatchObject({ active: false, swept: { tickets: 1 }, delivery: { sent: 3 } })
  expect(
    sentMessages(env)
      .filter((m) => m.to === USERS.dispatcher)
      .map((m) => m.data.character_string1),
  ).toEqual([ticket.no])
})

it('sends with the template ids of the environment, never ones written in code', async () => {
  const ticket = await submitTicket(env)
  await flush(env, USERS.contact, ticket._id)
  const call = env.cloud.records.subscribeMessages[0]
  expect(call.data).toMatchObject({
    template_id: templateIdOf('newTicket'),
    miniprogram_state: 'formal',
    lang: 'zh_CN',
  })
})
