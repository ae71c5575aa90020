/**
 * The SMS fallback end to end through the real `api` and `scheduler` functions and the local cloud's
 * cloudbase.sendSms: a 督办 or reminder to a staff member that WeChat cannot carry (no consent left) goes out as
 * one SMS when they verified a phone; never twice, never over the daily limits, never with an OPENID in it.
 */
import { PRIVACY_NOTICE } from '../../types/privacy'
import { COLLECTIONS } from '../../cloudfunctions/shared/collections'
import { defaultSmsConfig, defaultTemplateRegistry, SMS_CONTENT_MAX } from '../../cloudfunctions/core/reminders'
import { standInPhoneNumber } from '../../emulator/openapi'
import { crashAtWrite } from '../support/faults'
import {
  USERS,
  act,
  advanceClock,
  expectOk,
  flush,
  outbox,
  seedConsents,
  sentMessages,
  sh,
  submitTicket,
  type Detail,
  type TestCloud,
  useSchedulerCloud,
} from './support'

const TUESDAY_10 = sh('2026-11-24T10:00')
const SMS_ENV = 'hq-test-env-1a2b'

const cloud = useSchedulerCloud(TUESDAY_10, { consents: false })
let env: TestCloud
let restoreSmsEnv: () => void
beforeEach(() => {
  env = cloud.env
  // everyone has consents but the 市人社局 handler, whose one-time consents are used up
  seedConsents(
    env,
    Object.values(USERS).filter((openid) => openid !== USERS.hrssHandler),
  )
  const before = process.env.HQ_SMS_ENV
  process.env.HQ_SMS_ENV = SMS_ENV
  restoreSmsEnv = () => {
    if (before === undefined) delete process.env.HQ_SMS_ENV
    else process.env.HQ_SMS_ENV = before
  }
})
afterEach(() => restoreSmsEnv())

async function verifyPhone(openid: string, code: string): Promise<string> {
  expectOk(await env.call(openid, 'me.acceptPrivacy', { version: PRIVACY_NOTICE.version }))
  expectOk(await env.call(openid, 'me.verifyPhone', { code }))
  return `+86${standInPhoneNumber(code)}`
}

async function dispatched(requestId = 'req-sms-0001'): Promise<Detail> {
  let ticket = await submitTicket(env, requestId)
  ticket = await act(env, USERS.dispatcher, ticket, { type: 'accept' })
  ticket = await act(env, USERS.dispatcher, ticket, { type: 'dispatch' })
  await flush(env, USERS.dispatcher, ticket._id)
  return ticket
}

async function supervise(ticket: Detail, note = '签收已逾期，请尽快办理'): Promise<Detail> {
  const next = await act(env, USERS.dispatcher, ticket, { type: 'supervise', note })
  await flush(env, USERS.dispatcher, next._id)
  return next
}

const smsCalls = () => env.cloud.records.smsMessages
const supervisionTo = (openid: string) =>
  outbox(env).filter((r) => r.recipientOpenId === openid && r.template === 'ticketSupervised')

it('sends one SMS to a handler WeChat cannot reach, with a verified phone: number, what happened, the page', async () => {
  const phone = await verifyPhone(USERS.hrssHandler, 'phone-hrss-1')
  const ticket = await supervise(await dispatched())

  // WeChat was not asked (our count says no consent left); the SMS went instead
  expect(sentMessages(env).filter((m) => m.to === USERS.hrssHandler && m.template === 'overdue')).toEqual([])
  expect(smsCalls()).toHaveLength(1)
  const [call] = smsCalls()
  expect(call).toMatchObject({ functionName: 'api', api: 'cloudbase.sendSms', errCode: 0 })
  expect(call.data).toEqual({
    env: SMS_ENV,
    phone_number_list: [phone],
    sms_type: 'Marketing',
    content: `工单${ticket.no}已被督办，请及时处理`,
    path: `/open-miniprogram.html?path=${encodeURIComponent(`pages/ticket/index?id=${ticket._id}`)}`,
    use_short_name: true,
  })
  // the record says so: the office sees 短信已发送 with the number's last four digits
  expect(supervisionTo(USERS.hrssHandler)).toEqual([
    expect.objectContaining({
      status: 'skippedNoConsent',
      sms: expect.objectContaining({ status: 'sent', phoneTail: phone.slice(-4), day: '2026-11-24', errCode: 0 }),
    }),
  ])
  // people WeChat reached get no SMS, even with a verified phone
  await verifyPhone(USERS.hrssHead, 'phone-head-1')
  await supervise(ticket, '再次督办')
  expect(smsCalls().map((c) => c.data.phone_number_list)).toEqual([[phone], [phone]])
})

it('keeps OPENIDs, codes and English out of the text, and stays within the platform’s 30 characters', async () => {
  await verifyPhone(USERS.hrssHandler, 'phone-hrss-1')
  await supervise(await dispatched())
  const { content, path } = smsCalls()[0].data as { content: string; path: string }
  expect([...content].length).toBeLessThanOrEqual(SMS_CONTENT_MAX)
  for (const openid of Object.values(USERS)) {
    expect(content).not.toContain(openid)
    expect(decodeURIComponent(path)).not.toContain(openid)
  }
  expect(content).not.toMatch(/hrss|handler|supervis|ticket|overdue/i)
})

it('sends nothing without a verified phone, and records why', async () => {
  await supervise(await dispatched())
  expect(smsCalls()).toEqual([])
  expect(supervisionTo(USERS.hrssHandler)).toEqual([
    expect.objectContaining({ status: 'skippedNoConsent', sms: expect.objectContaining({ status: 'noPhone' }) }),
  ])
})

it('sends no SMS for messages that are not reminders or 督办, nor to enterprises', async () => {
  await verifyPhone(USERS.hrssHandler, 'phone-hrss-1')
  await verifyPhone(USERS.contact, 'phone-contact-1')
  await dispatched() // 新工单待签收 to the handler: no consent, but not a reminder
  expect(outbox(env).filter((r) => r.recipientOpenId === USERS.hrssHandler)).toEqual([
    expect.objectContaining({ template: 'ticketDispatched', status: 'skippedNoConsent' }),
  ])
  expect(outbox(env).some((r) => r.sms)).toBe(false)
  expect(smsCalls()).toEqual([])
})

it('sends nothing while HQ_SMS_ENV is unset; the timer sends it once the environment has SMS', async () => {
  await verifyPhone(USERS.hrssHandler, 'phone-hrss-1')
  delete process.env.HQ_SMS_ENV
  await supervise(await dispatched())
  expect(smsCalls()).toEqual([])
  expect(supervisionTo(USERS.hrssHandler)[0].sms).toMatchObject({ status: 'pending' })

  process.env.HQ_SMS_ENV = SMS_ENV
  advanceClock(10)
  const report = (await env.runScheduler()).result as { sms: Record<string, number> }
  expect(report.sms).toMatchObject({ sent: 1 })
  expect(smsCalls()).toHaveLength(1)
  advanceClock(10)
  await env.runScheduler()
  expect(smsCalls()).toHaveLength(1)
})

it('holds to the per-person daily limit and records the ones it did not send', async () => {
  await verifyPhone(USERS.hrssHandler, 'phone-hrss-1')
  const limit = defaultSmsConfig().limits.perPersonPerDay
  let ticket = await dispatched()
  for (let i = 0; i < limit + 2; i += 1) {
    advanceClock()
    ticket = await supervise(ticket, `第${i + 1}次督办`)
  }
  expect(smsCalls()).toHaveLength(limit)
  expect(
    supervisionTo(USERS.hrssHandler)
      .map((r) => r.sms.status)
      .sort(),
  ).toEqual([...Array(limit).fill('sent'), 'limited', 'limited'].sort())
  expect(env.cloud.store.find(COLLECTIONS.smsQuota)).toEqual([
    expect.objectContaining({ _id: '2026-11-24', total: limit, people: { [USERS.hrssHandler]: limit } }),
  ])
})

it('holds to the environment’s daily limit across people', async () => {
  await verifyPhone(USERS.hrssHandler, 'phone-hrss-1')
  const perEnvironment = defaultSmsConfig().limits.perEnvironmentPerDay
  env.cloud.store.insertMany(COLLECTIONS.smsQuota, [{ _id: '2026-11-24', total: perEnvironment, people: {} }])
  await supervise(await dispatched())
  expect(smsCalls()).toEqual([])
  expect(supervisionTo(USERS.hrssHandler)[0].sms).toMatchObject({ status: 'limited', error: '超出短信每日限额' })
})

it('records a refused SMS (package used up, invalid number) and gives its count back', async () => {
  jest.spyOn(console, 'error').mockImplementation(() => undefined)
  const phone = await verifyPhone(USERS.hrssHandler, 'phone-hrss-1')
  env.cloud.records.failNextSms('quotaExhausted')
  let ticket = await supervise(await dispatched())
  expect(supervisionTo(USERS.hrssHandler)[0].sms).toMatchObject({
    status: 'failed',
    errCode: -501007,
    error: expect.stringContaining('配额不足'),
  })
  env.cloud.records.failNextSms('invalidNumber', { phone })
  advanceClock()
  ticket = await supervise(ticket, '再次督办')
  const refused = supervisionTo(USERS.hrssHandler).map((r) => [r.sms.status, r.sms.error])
  expect(refused).toHaveLength(2)
  expect(refused).toEqual(
    expect.arrayContaining([
      ['failed', expect.stringContaining('配额不足')],
      ['failed', expect.stringContaining('IncorrectPhoneNumber')],
    ]),
  )
  expect(env.cloud.store.find(COLLECTIONS.smsQuota)[0]).toMatchObject({ total: 0 })
  expect(ticket.version).toBeGreaterThan(0)
})

it('honours a long-term subscription (长期订阅, per template): sends use nothing up, so no SMS is needed', async () => {
  const overdue = defaultTemplateRegistry().templates.overdue
  overdue.subscription = 'longTerm'
  try {
    await verifyPhone(USERS.hrssHandler, 'phone-hrss-1')
    env.cloud.store.insertMany(COLLECTIONS.consents, [
      { _id: USERS.hrssHandler, overdue: { oneTime: 0, longTerm: true } },
    ])
    const ticket = await supervise(await dispatched())
    advanceClock()
    await supervise(ticket, '再次督办')
    expect(sentMessages(env).filter((m) => m.to === USERS.hrssHandler && m.template === 'overdue')).toHaveLength(2)
    expect(env.cloud.store.find(COLLECTIONS.consents, { _id: USERS.hrssHandler })[0].overdue).toEqual({
      oneTime: 0,
      longTerm: true,
    })
    expect(smsCalls()).toEqual([])
    // the office sees it as 长期订阅
    const page = expectOk(await env.call(USERS.dispatcher, 'reach.list', {}))
    const handler = page.items.find((item) => item.openid === USERS.hrssHandler)!
    expect(handler.templates.find((t) => t.templateKey === 'overdue')).toMatchObject({ remaining: 'unlimited' })
    expect(handler.reachable).toBe(true)
  } finally {
    delete overdue.subscription
  }
})

it('never sends twice: a retried flush and the timer leave one SMS per record', async () => {
  await verifyPhone(USERS.hrssHandler, 'phone-hrss-1')
  const ticket = await supervise(await dispatched())
  await flush(env, USERS.dispatcher, ticket._id)
  advanceClock(10)
  await env.runScheduler()
  advanceClock(10)
  await env.runScheduler()
  expect(smsCalls()).toHaveLength(1)
})

/**
 * A crash at every write of the flush that sends the SMS: whatever the write, at most one SMS is sent, and once
 * the timer has run, the record tells what happened (sent, or 已提交未确认 when the sender died after its claim).
 */
describe('a crash at any write around the SMS', () => {
  async function crashRun(at: number, after: boolean) {
    jest.spyOn(console, 'error').mockImplementation(() => undefined)
    await verifyPhone(USERS.hrssHandler, 'phone-hrss-1')
    let ticket = await dispatched()
    ticket = await act(env, USERS.dispatcher, ticket, { type: 'supervise', note: '签收已逾期，请尽快办理' })
    const crash = crashAtWrite(env.cloud, at, { after })
    const res = await env.call(USERS.dispatcher, 'notifications.flush', { ticketId: ticket._id })
    crash.restore()
    return { res, writes: crash.writes() }
  }

  // the flush's writes: outbox insert, ticket cleared, then per record claim/settle…, then the SMS's claim,
  // quota (create + take), settle; learn how many there are from a run without a crash
  it('finds the writes of a clean run', async () => {
    const { res, writes } = await crashRun(1_000, false)
    expect(res.ok).toBe(true)
    // the loop below crashes at each of them
    expect(writes).toBeGreaterThan(4)
    expect(writes).toBeLessThanOrEqual(16)
  })

  for (const after of [false, true]) {
    for (let at = 1; at <= 16; at += 1) {
      it(`write ${at} ${after ? 'applied, answer lost' : 'refused'}: at most one SMS, and a record of it`, async () => {
        await crashRun(at, after)
        advanceClock(10)
        await env.runScheduler()
        advanceClock(10)
        await env.runScheduler()
        expect(smsCalls().length).toBeLessThanOrEqual(1)
        const records = supervisionTo(USERS.hrssHandler)
        expect(records).toHaveLength(1)
        const sms = records[0].sms
        if (smsCalls().length === 1) expect(['sent', 'sending']).toContain(sms.status)
        else expect(sms?.status).toBe('sending')
        // the SMS that went out is counted against the limits
        const counted = env.cloud.store.find(COLLECTIONS.smsQuota)[0]?.total ?? 0
        expect(counted).toBeGreaterThanOrEqual(smsCalls().length)
      })
    }
  }
})
