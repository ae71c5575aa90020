/**
 * Consent is counted by us (DESIGN.md §6): one accepted one-time consent = one send; without one the message
 * is not sent but stays in the app's message center; WeChat's 43101 means nothing is left, whatever we counted.
 * The consent itself comes from the app: the template ids to ask for at a tap, and what the user chose.
 */
import { COLLECTIONS } from '../../cloudfunctions/shared/collections'
import {
  USERS,
  act,
  advanceClock,
  configureTemplateIds,
  expectOk,
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

const cloud = useSchedulerCloud(TUESDAY_10, { consents: false })
let env: TestCloud
beforeEach(() => {
  env = cloud.env
})

/** The user taps, the app asks for the group's templates, the user accepts them all. */
async function acceptAllAt(openid: string, occasion: 'submit' | 'inbox' | 'afterSign') {
  const { templateIds } = expectOk(await env.call(openid, 'subscriptions.templateIds', { group: occasion }))
  const result = Object.fromEntries([
    ...templateIds.map((id) => [id, 'accept']),
    ['errMsg', 'requestSubscribeMessage:ok'],
  ])
  return expectOk(await env.call(openid, 'subscriptions.record', { result }))
}

function remainingOf(
  status: { groups: Array<{ templates: Array<{ templateKey: string; remaining: number | 'unlimited' }> }> },
  key: string,
) {
  return status.groups.flatMap((g) => g.templates).find((t) => t.templateKey === key)?.remaining
}

describe('one consent, one send', () => {
  it('sends the first new ticket to the dispatcher and keeps the second in the app only', async () => {
    const status = await acceptAllAt(USERS.dispatcher, 'inbox')
    expect(remainingOf(status, 'newTicket')).toBe(1)

    const first = await submitTicket(env, 'req-consent-0001')
    await flush(env, USERS.contact, first._id)
    advanceClock()
    const second = await submitTicket(env, 'req-consent-0002')
    await flush(env, USERS.contact, second._id)

    expect(
      sentMessages(env)
        .filter((m) => m.to === USERS.dispatcher)
        .map((m) => m.data.character_string1),
    ).toEqual([first.no])
    const list = expectOk(await env.call(USERS.dispatcher, 'notifications.list', {}))
    expect(list.items.map((item) => [item.ticketNo, item.title, item.delivery, item.read])).toEqual([
      [second.no, '新诉求待受理', 'skippedNoConsent', false],
      [first.no, '新诉求待受理', 'sent', false],
    ])
    const after = expectOk(await env.call(USERS.dispatcher, 'subscriptions.status', {}))
    expect(remainingOf(after, 'newTicket')).toBe(0)
  })

  it('never tries WeChat without consent, and the message is still in the message center', async () => {
    let ticket = await submitTicket(env)
    ticket = await act(env, USERS.dispatcher, ticket, { type: 'accept' })
    await flush(env, USERS.dispatcher, ticket._id)

    expect(sentMessages(env)).toEqual([]) // nobody in the fixture consented
    const list = expectOk(await env.call(USERS.contact, 'notifications.list', {}))
    expect(list.items).toEqual([
      expect.objectContaining({
        template: 'ticketAccepted',
        title: '诉求已受理',
        ticketId: ticket._id,
        ticketNo: ticket.no,
        delivery: 'skippedNoConsent',
        deliveryLabel: '未订阅，仅站内',
        role: 'enterprise',
        read: false,
      }),
    ])
  })

  it('takes 43101 as "nothing left": the message stays in the app and our count is set to zero', async () => {
    await acceptAllAt(USERS.hrssHandler, 'inbox')
    await acceptAllAt(USERS.hrssHandler, 'afterSign') // 2 consents of each unit template by our count
    env.cloud.records.failNextSubscribeSend(43101, { touser: USERS.hrssHandler })

    let ticket = await submitTicket(env)
    ticket = await act(env, USERS.dispatcher, ticket, { type: 'accept' })
    ticket = await act(env, USERS.dispatcher, ticket, { type: 'dispatch' })
    await flush(env, USERS.dispatcher, ticket._id)

    expect(
      sentMessages(env)
        .filter((m) => m.to === USERS.hrssHandler)
        .map((m) => m.errCode),
    ).toEqual([43101])
    const [record] = outbox(env).filter((r) => r.recipientOpenId === USERS.hrssHandler)
    expect(record).toMatchObject({
      template: 'ticketDispatched',
      status: 'skippedNoConsent',
      lastErrCode: 43101,
      attempts: 1,
    })
    const status = expectOk(await env.call(USERS.hrssHandler, 'subscriptions.status', {}))
    expect(remainingOf(status, 'newAssignment')).toBe(0)
    // the other templates of the group keep their count
    expect(remainingOf(status, 'dueSoon')).toBe(2)
  })

  it('gives the consent back when WeChat is busy, and the next timer run sends the message once', async () => {
    await acceptAllAt(USERS.dispatcher, 'inbox')
    env.cloud.records.failNextSubscribeSend(-1, { touser: USERS.dispatcher })
    const ticket = await submitTicket(env)
    await flush(env, USERS.contact, ticket._id)

    const [record] = outbox(env).filter((r) => r.recipientOpenId === USERS.dispatcher)
    expect(record).toMatchObject({
      status: 'pending',
      attempts: 1,
      lastErrCode: -1,
      nextAttemptAt: sh('2026-11-24T10:01'),
    })
    expect(remainingOf(expectOk(await env.call(USERS.dispatcher, 'subscriptions.status', {})), 'newTicket')).toBe(1)

    setClock(sh('2026-11-24T10:10'))
    await env.runScheduler()
    expect(
      sentMessages(env)
        .filter((m) => m.to === USERS.dispatcher)
        .map((m) => m.errCode),
    ).toEqual([-1, 0])
    expect(outbox(env).find((r) => r._id === record._id)).toMatchObject({ status: 'sent', attempts: 2 })
    expect(remainingOf(expectOk(await env.call(USERS.dispatcher, 'subscriptions.status', {})), 'newTicket')).toBe(0)
  })

  it('stops at a defect of ours (47003), gives the consent back and keeps the reason for the admin', async () => {
    await acceptAllAt(USERS.dispatcher, 'inbox')
    env.cloud.records.failNextSubscribeSend(47003, { touser: USERS.dispatcher })
    const ticket = await submitTicket(env)
    await flush(env, USERS.contact, ticket._id)

    const [record] = outbox(env).filter((r) => r.recipientOpenId === USERS.dispatcher)
    expect(record).toMatchObject({ status: 'failed', defect: { kind: 'field', errCode: 47003 } })
    expect(remainingOf(expectOk(await env.call(USERS.dispatcher, 'subscriptions.status', {})), 'newTicket')).toBe(1)
  })
})

describe('asking for consent', () => {
  it('gives each role the ≤ 3 template ids of its group at each tap', async () => {
    const asked = async (openid: string, group: 'submit' | 'inbox' | 'afterSign') =>
      expectOk(await env.call(openid, 'subscriptions.templateIds', { group }))
    expect(await asked(USERS.contact, 'submit')).toEqual({
      occasion: 'submit',
      group: 'enterpriseOnSubmit',
      title: '提交诉求后：受理、办理进度（补充材料、时限调整）、答复',
      // the enterprise is told when its deadline moves (progress) from its very first ticket on
      templateIds: [templateIdOf('accepted'), templateIdOf('progress'), templateIdOf('replied')],
    })
    expect((await asked(USERS.hrssHandler, 'afterSign')).templateIds).toEqual(
      ['newAssignment', 'dueSoon', 'overdue'].map(templateIdOf),
    )
    expect((await asked(USERS.leader, 'inbox')).templateIds).toEqual(
      ['escalated', 'progress', 'leaderDigest'].map(templateIdOf),
    )
    // a leader signs nothing: nothing to ask
    expect(await asked(USERS.leader, 'afterSign')).toMatchObject({ group: null, templateIds: [] })
  })

  it('asks for nothing that is not configured in this environment', async () => {
    cloud.configureTemplates(['replied'])
    expect(
      expectOk(await env.call(USERS.contact, 'subscriptions.templateIds', { group: 'submit' })).templateIds,
    ).toEqual([templateIdOf('replied')])
    const status = expectOk(await env.call(USERS.contact, 'subscriptions.status', {}))
    expect(status.groups.find((g) => g.group === 'enterpriseOnSubmit')).toMatchObject({
      configured: false,
      templates: [
        { templateKey: 'accepted', configured: false, mode: 'oneTime', remaining: 0 },
        { templateKey: 'progress', configured: false, mode: 'oneTime', remaining: 0 },
        { templateKey: 'replied', configured: true, mode: 'oneTime', remaining: 0 },
      ],
    })
    expect(status.missingMessage).toBeNull() // the admin's sentence only
    // each role sees its own groups
    const asDispatcher = expectOk(await env.call(USERS.dispatcher, 'subscriptions.status', {}))
    expect(asDispatcher.groups.map((g) => g.group)).toEqual(['dispatcherQueue'])
  })

  it('records accept, ignores reject and ids it never offered, and takes ban as "nothing left"', async () => {
    const [accepted, replied, closed] = ['accepted', 'replied', 'closed'].map(templateIdOf)
    await env.call(USERS.contact, 'subscriptions.record', {
      result: { [accepted]: 'accept', [replied]: 'accept', errMsg: 'requestSubscribeMessage:ok' },
    })
    const status = expectOk(
      await env.call(USERS.contact, 'subscriptions.record', {
        result: {
          [accepted]: 'accept',
          [replied]: 'ban',
          [closed]: 'reject',
          'tpl-not-ours-xxxxxxxxxxxxxxxxxxxx': 'accept',
          errMsg: 'requestSubscribeMessage:ok',
        },
      }),
    )
    expect(['accepted', 'replied', 'closed'].map((key) => remainingOf(status, key))).toEqual([2, 0, 0])
    expect(env.cloud.store.find(COLLECTIONS.consents)).toEqual([
      expect.objectContaining({
        _id: USERS.contact,
        accepted: { oneTime: 2, longTerm: false },
        replied: { oneTime: 0, longTerm: false },
      }),
    ])
  })

  it('refuses a malformed consent result', async () => {
    const res = await env.call(USERS.contact, 'subscriptions.record', { result: 'accept' as never })
    expect(res).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } })
  })
})

describe('the message center', () => {
  it('lists every notification of the user, counts the unread and marks them read', async () => {
    configureTemplateIds([]) // no template id at all: WeChat gets nothing, the app shows everything
    let ticket = await submitTicket(env)
    advanceClock()
    ticket = await act(env, USERS.dispatcher, ticket, { type: 'accept' })
    advanceClock()
    ticket = await act(env, USERS.dispatcher, ticket, { type: 'dispatch' })
    await flush(env, USERS.dispatcher, ticket._id)
    expect(sentMessages(env)).toEqual([])

    // the lead service unit's handler was told of the new 诉求 and of the dispatch (四个一)
    const list = expectOk(await env.call(USERS.industryHandler, 'notifications.list', {}))
    expect(list.items.map((item) => [item.title, item.delivery])).toEqual([
      ['新工单待签收', 'inAppOnly'],
      ['新诉求待受理', 'inAppOnly'],
    ])
    expect(expectOk(await env.call(USERS.industryHandler, 'notifications.unreadCount', {}))).toEqual({ count: 2 })

    expect(
      expectOk(await env.call(USERS.industryHandler, 'notifications.markRead', { ids: [list.items[0]._id] })),
    ).toEqual({ updated: 1 })
    expect(expectOk(await env.call(USERS.industryHandler, 'notifications.unreadCount', {}))).toEqual({ count: 1 })
    // someone else's ids change nothing
    expect(expectOk(await env.call(USERS.contact, 'notifications.markRead', { ids: [list.items[1]._id] }))).toEqual({
      updated: 0,
    })
    expect(expectOk(await env.call(USERS.industryHandler, 'notifications.markRead', { all: true }))).toEqual({
      updated: 1,
    })
    const read = expectOk(await env.call(USERS.industryHandler, 'notifications.list', {}))
    expect(read.items.map((item) => item.read)).toEqual([true, true])
  })

  it('refuses a markRead that names nothing', async () => {
    expect(await env.call(USERS.contact, 'notifications.markRead', {})).toMatchObject({
      ok: false,
      error: { code: 'INVALID_INPUT' },
    })
  })
})
