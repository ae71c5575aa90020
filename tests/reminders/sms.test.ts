/**
 * The SMS fallback's pure rules (core/reminders/sms.ts): who and what may fall back, the text, the config.
 */
import smsJson from '../../config/notifications/sms.json'
import {
  SMS_CONTENT_MAX,
  afterSmsAttempt,
  defaultSmsConfig,
  loadSmsConfig,
  pendingSms,
  smsContent,
  smsContentProblem,
  smsEligible,
  smsNumber,
  withSmsFallback,
  withinSmsWindow,
  type OutboxRecord,
} from '../../cloudfunctions/core/reminders'

const record = (overrides: Partial<OutboxRecord> = {}): OutboxRecord => ({
  _id: 'k',
  dedupeKey: 'k',
  recipientOpenId: 'o-handler',
  recipientRole: 'handler',
  template: 'replyDueSoon',
  templateKey: 'dueSoon',
  ticketId: 'T-1',
  dueField: 'replyDueAt',
  dueAt: new Date('2026-11-25T15:59:59.999Z'),
  message: { data: {}, page: 'pages/ticket/index?id=T-1' },
  status: 'skippedNoConsent',
  attempts: 0,
  nextAttemptAt: null,
  lastErrCode: null,
  lastError: null,
  defect: null,
  createdAt: new Date('2026-11-24T02:00:00Z'),
  sentAt: null,
  ...overrides,
})

describe('who and what falls back to SMS', () => {
  it('marks a staff reminder WeChat could not carry pending, once', () => {
    expect(withSmsFallback(record()).sms).toEqual(pendingSms())
    const settled = { ...record(), sms: { ...pendingSms(), status: 'sent' as const } }
    expect(withSmsFallback(settled).sms?.status).toBe('sent')
  })

  it.each([
    ['delivered by WeChat', { status: 'sent' as const }],
    ['still pending', { status: 'pending' as const }],
    ['a WeChat defect, not a missing consent', { status: 'failed' as const }],
    ['to an enterprise', { recipientRole: 'enterprise' as const, template: 'ratingDueSoon' as const }],
    ['to a leader', { recipientRole: 'leader' as const }],
    ['not a reminder or 督办', { template: 'ticketDispatched' as const }],
  ])('leaves a record %s alone', (_what, overrides) => {
    expect(withSmsFallback(record(overrides)).sms).toBeUndefined()
  })

  it('covers the reminders and 督办 of every staff role by default', () => {
    for (const role of ['handler', 'unitHead', 'commissioner', 'dispatcher'] as const)
      for (const template of [
        'acceptDueSoon',
        'signDueSoon',
        'replyDueSoon',
        'meetingDueSoon',
        'ticketSupervised',
      ] as const)
        expect(smsEligible({ recipientRole: role, template })).toBe(true)
  })

  it('refuses a config that would text enterprises, or a window that ends before it starts', () => {
    expect(() => loadSmsConfig({ ...smsJson, roles: ['handler', 'enterprise'] })).toThrow('企业联系人')
    expect(() => loadSmsConfig({ ...smsJson, sendWindow: { from: '22:00', to: '08:00' } })).toThrow('发送时段')
    expect(() => loadSmsConfig({ ...smsJson, notifications: { replyDueSoon: 'reply due' } })).toThrow('汉字')
  })
})

describe('the text', () => {
  it.each(['20261124-0001', '20261124-0001-12', 'X'.repeat(40)])(
    'stays within 30 characters, plain, for ticket number %s',
    (no) => {
      for (const template of Object.keys(defaultSmsConfig().notifications) as OutboxRecord['template'][]) {
        const text = smsContent({ template, ticketNo: no })
        expect([...text].length).toBeLessThanOrEqual(SMS_CONTENT_MAX)
        expect(smsContentProblem(text)).toBeNull()
      }
    },
  )

  it('names the ticket and what happened when it fits', () => {
    expect(smsContent({ template: 'signDueSoon', ticketNo: '20261124-0001' })).toBe(
      '工单20261124-0001即将超过签收期限，请及时处理',
    )
  })

  it('refuses what the platform refuses', () => {
    expect(smsContentProblem('【惠企通】请处理')).not.toBeNull()
    expect(smsContentProblem('x'.repeat(31))).not.toBeNull()
  })

  it('sends only to mainland mobiles, as +86', () => {
    expect(smsNumber('13912345678')).toBe('+8613912345678')
    expect(smsNumber('+8613912345678')).toBe('+8613912345678')
    expect(smsNumber('0773-1234567')).toBeNull()
    expect(smsNumber(undefined)).toBeNull()
  })

  it('sends within 08:00–22:00 Beijing time', () => {
    expect(withinSmsWindow(new Date('2026-11-24T00:00:00Z'))).toBe(true) // 08:00
    expect(withinSmsWindow(new Date('2026-11-23T23:59:00Z'))).toBe(false) // 07:59
    expect(withinSmsWindow(new Date('2026-11-24T14:00:00Z'))).toBe(false) // 22:00
  })
})

describe('after a send', () => {
  const claim = { ...pendingSms(), status: 'sending' as const }
  const now = new Date('2026-11-24T02:00:00Z')
  it('is sent only when the call and the number’s status say so', () => {
    expect(afterSmsAttempt(claim, { errCode: 0, errMsg: 'ok', code: 'Ok' }, now).status).toBe('sent')
    expect(
      afterSmsAttempt(claim, { errCode: 0, errMsg: 'x', code: 'LimitExceeded.PhoneNumberDailyLimit' }, now),
    ).toMatchObject({
      status: 'failed',
      error: expect.stringContaining('LimitExceeded'),
    })
    expect(afterSmsAttempt(claim, { errCode: -501007, errMsg: '配额不足', code: null }, now)).toMatchObject({
      status: 'failed',
      errCode: -501007,
    })
  })
})
