/**
 * The outbox: one record per message and user, keyed so a second insert is impossible; what each answer of
 * subscribeMessage.send does to it.
 */
import { BUILT_IN_CALENDAR } from '../../cloudfunctions/core/clock'
import { SYSTEM_ACTOR } from '../../cloudfunctions/core/events'
import { transition } from '../../cloudfunctions/core/lifecycle'
import {
  DEDUPE_KEY_MAX,
  afterSendAttempt,
  dedupeKey,
  notificationsFromEffects,
  planOutbox,
  skipForNoConsent,
  toSendResult,
  type PlannedNotification,
} from '../../cloudfunctions/core/reminders/outbox'
import { ROUTING_TABLE } from '../../cloudfunctions/core/routing'
import { defaultTemplateRegistry, resolveTemplateIds } from '../../cloudfunctions/core/reminders/templates'
import {
  OPENIDS,
  envWithAllTemplateIds,
  makeMessageTicket,
  makeOutboxRecord,
  rules,
  sh,
  ticketDispatchedAt,
} from './factories'

const registry = defaultTemplateRegistry()
const allConfigured = resolveTemplateIds(envWithAllTemplateIds(registry.templates), registry)
const REPLY_DUE = sh('2026-10-12T23:59:59.999')
const NOW = sh('2026-10-10T08:30')

describe('dedupeKey', () => {
  it('is the same for the same notification, ticket, recipient and due', () => {
    expect(dedupeKey('replyDueSoon', 'T-1', 'o-hrss', REPLY_DUE)).toBe(
      dedupeKey('replyDueSoon', 'T-1', 'o-hrss', new Date(REPLY_DUE.getTime())),
    )
    expect(dedupeKey('replyDueSoon', 'T-1', 'o-hrss', REPLY_DUE)).toBe(
      'replyDueSoon:T-1:o-hrss:2026-10-12T15:59:59.999Z',
    )
  })

  it.each([
    ['another notification', dedupeKey('signDueSoon', 'T-1', 'o-hrss', REPLY_DUE)],
    ['another ticket', dedupeKey('replyDueSoon', 'T-2', 'o-hrss', REPLY_DUE)],
    ['another recipient', dedupeKey('replyDueSoon', 'T-1', 'o-industry', REPLY_DUE)],
    ['a moved due (extension, pause)', dedupeKey('replyDueSoon', 'T-1', 'o-hrss', sh('2026-10-15T23:59:59.999'))],
    ['no due', dedupeKey('replyDueSoon', 'T-1', 'o-hrss')],
    ['an event occurrence instead of a due', dedupeKey('replyDueSoon', 'T-1', 'o-hrss', 'v7')],
  ])('differs for %s', (_, other) => {
    expect(other).not.toBe(dedupeKey('replyDueSoon', 'T-1', 'o-hrss', REPLY_DUE))
  })

  it('hashes what would be too long or ambiguous, deterministically, within 128 characters', () => {
    const longId = `T-${'9'.repeat(120)}`
    const hashed = dedupeKey('ticketSupervised', longId, 'o-hrss', 'v3')
    expect(hashed).toMatch(/^h:[0-9a-f]{64}$/)
    expect(hashed.length).toBeLessThanOrEqual(DEDUPE_KEY_MAX)
    expect(dedupeKey('ticketSupervised', longId, 'o-hrss', 'v3')).toBe(hashed)
    // 'a:b' + 'c' and 'a' + 'b:c' would read the same joined with ':'
    expect(dedupeKey('ticketSupervised', 'a:b', 'c', 'v1')).not.toBe(dedupeKey('ticketSupervised', 'a', 'b:c', 'v1'))
  })

  it('fits real ids readably: a 32-character cloud id and a 28-character OPENID', () => {
    const key = dedupeKey('meetingDueSoon', 'f'.repeat(32), `o${'x'.repeat(27)}`, REPLY_DUE)
    expect(key.startsWith('meetingDueSoon:')).toBe(true)
    expect(key.length).toBeLessThanOrEqual(DEDUPE_KEY_MAX)
  })
})

const reminder = (overrides: Partial<PlannedNotification> = {}): PlannedNotification => ({
  template: 'replyDueSoon',
  ticketId: 'T-1',
  audience: ROUTING_TABLE.replyDueSoon,
  dueField: 'replyDueAt',
  dueAt: REPLY_DUE,
  occurrence: null,
  entry: null,
  ...overrides,
})

describe('planOutbox', () => {
  const ticket = makeMessageTicket({ state: 'signed' })
  const hrss = { openId: OPENIDS.hrssHandler, role: 'handler' as const }
  const industry = { openId: OPENIDS.leadServiceUnit, role: 'handler' as const }

  it('makes one pending record per user, keyed, rendered, to be sent now', () => {
    const records = planOutbox([{ notification: reminder(), addressees: [hrss, industry], ticket }], NOW, {
      templateIds: allConfigured,
    })
    expect(records.map((record) => [record._id, record.status, record.nextAttemptAt])).toEqual([
      ['replyDueSoon:T-1:o-hrss:2026-10-12T15:59:59.999Z', 'pending', NOW],
      ['replyDueSoon:T-1:o-industry:2026-10-12T15:59:59.999Z', 'pending', NOW],
    ])
    expect(records[0]).toMatchObject({
      dedupeKey: records[0]._id,
      templateKey: 'dueSoon',
      attempts: 0,
      message: {
        page: 'pages/ticket/index?id=T-1',
        data: { thing3: { value: '答复期限' }, time4: { value: '2026年10月12日 23:59' } },
      },
    })
  })

  it('makes a record once when a user is reached twice in a batch', () => {
    const records = planOutbox(
      [
        { notification: reminder(), addressees: [hrss, hrss], ticket },
        { notification: reminder(), addressees: [hrss], ticket },
      ],
      NOW,
      { templateIds: allConfigured },
    )
    expect(records).toHaveLength(1)
  })

  it('keeps in the message center only what has no template, or no template id in this environment', () => {
    const summary = planOutbox(
      [
        {
          notification: reminder({ template: 'leaderSummary', dueField: null, dueAt: null }),
          addressees: [hrss],
          ticket,
        },
      ],
      NOW,
      {
        templateIds: allConfigured,
        // a notification the registry keeps in the message center only (the default sends leaderSummary now)
        registry: {
          ...defaultTemplateRegistry(),
          notifications: { ...defaultTemplateRegistry().notifications, leaderSummary: null },
        },
      },
    )
    expect(summary[0]).toMatchObject({ status: 'inAppOnly', templateKey: null, message: null, nextAttemptAt: null })
    const unconfigured = planOutbox([{ notification: reminder(), addressees: [hrss], ticket }], NOW, {
      templateIds: resolveTemplateIds({}),
    })
    expect(unconfigured[0].status).toBe('inAppOnly')
    expect(unconfigured[0].lastError).toContain('HQ_TPL_DUE_SOON')
  })

  it('fails a message it cannot fill, with the field as a defect, instead of sending it', () => {
    const [record] = planOutbox(
      [
        {
          notification: reminder({ template: 'ratingDueSoon', dueField: 'ratingDueAt' }),
          addressees: [hrss],
          ticket: { ...ticket, ratingDueAt: null },
        },
      ],
      NOW,
      { templateIds: allConfigured },
    )
    expect(record.status).toBe('failed')
    expect(record.defect).toMatchObject({
      kind: 'render',
      templateKey: 'replied',
      field: 'time5',
      source: 'ticket.ratingDueAt',
    })
  })
})

describe('notificationsFromEffects', () => {
  it('makes the messages of an event unique to it: the ticket version after the event', () => {
    const ticket = ticketDispatchedAt(sh('2026-09-29T10:00'))
    const result = transition(
      ticket,
      { type: 'supervise', note: '签收已逾期1个工作日，请尽快办理' },
      SYSTEM_ACTOR,
      rules,
      BUILT_IN_CALENDAR,
      sh('2026-10-08T08:30'),
    )
    if (!result.ok) throw new Error(result.message)
    const [notification] = notificationsFromEffects(result.effects, result.ticket)
    expect(notification).toMatchObject({
      template: 'ticketSupervised',
      occurrence: `v${ticket.version + 1}`,
      dueAt: null,
    })
    expect(notification.entry?.note).toBe('签收已逾期1个工作日，请尽快办理')
  })
})

describe('afterSendAttempt', () => {
  const record = makeOutboxRecord()
  const at = sh('2026-10-10T08:31')

  it('0: sent', () => {
    const next = afterSendAttempt(record, { errCode: 0, errMsg: 'openapi.subscribeMessage.send:ok' }, at)
    expect(next).toEqual({
      record: {
        ...record,
        status: 'sent',
        attempts: 1,
        sentAt: at,
        nextAttemptAt: null,
        lastErrCode: 0,
        lastError: null,
      },
      defect: null,
    })
  })

  it('43101: no consent left, not retried; the message stays in the app', () => {
    const next = afterSendAttempt(record, { errCode: 43101, errMsg: 'user refuse to accept the msg' }, at)
    expect(next.record).toMatchObject({
      status: 'skippedNoConsent',
      attempts: 1,
      nextAttemptAt: null,
      lastErrCode: 43101,
    })
    expect(next.defect).toBeNull()
  })

  it('47003: failed for good, the refused field named as a defect with its source', () => {
    const next = afterSendAttempt(
      record,
      { errCode: 47003, errMsg: 'argument invalid! data.thing2.value exceeds limit rid: 6523' },
      at,
    )
    expect(next.record).toMatchObject({ status: 'failed', nextAttemptAt: null, lastErrCode: 47003 })
    expect(next.defect).toMatchObject({
      kind: 'field',
      templateKey: 'dueSoon',
      field: 'thing2',
      source: 'ticket.title',
      errCode: 47003,
    })
    expect(next.defect?.message).toContain('模板“即将超期”的字段 thing2（诉求标题，来源 ticket.title）不被微信接受')
    expect(next.record.defect).toEqual(next.defect)
  })

  it('40003: failed for good, the OPENID named as a defect', () => {
    const next = afterSendAttempt(record, { errCode: 40003, errMsg: 'invalid openid' }, at)
    expect(next.record.status).toBe('failed')
    expect(next.defect).toMatchObject({ kind: 'recipient', errCode: 40003 })
    expect(next.defect?.message).toContain(OPENIDS.hrssHandler)
  })

  it.each([
    [40037, 'templateId'],
    [41030, 'page'],
  ])('%d: failed for good as a %s defect', (errCode, kind) => {
    expect(afterSendAttempt(record, { errCode, errMsg: 'invalid' }, at).defect?.kind).toBe(kind)
  })

  it.each([
    [-1, 'system error'],
    [45009, 'reach max api daily quota limit'],
    [-501000, 'system busy'],
  ])('%d (%s): retried after 1, 5, 30, 120 minutes, failed after the 5th attempt', (errCode, errMsg) => {
    let current = record
    let now = at
    const waits: number[] = []
    for (let attempt = 1; attempt <= 5; attempt += 1) {
      const { record: next, defect } = afterSendAttempt(current, { errCode, errMsg }, now)
      expect(defect).toBeNull()
      expect(next.attempts).toBe(attempt)
      if (attempt < 5) {
        expect(next.status).toBe('pending')
        waits.push((next.nextAttemptAt!.getTime() - now.getTime()) / 60_000)
        now = next.nextAttemptAt!
      } else {
        expect(next).toMatchObject({ status: 'failed', nextAttemptAt: null, lastErrCode: errCode, lastError: errMsg })
      }
      current = next
    }
    expect(waits).toEqual([1, 5, 30, 120])
  })

  it('never mutates the record it is given', () => {
    const frozen = Object.freeze(makeOutboxRecord())
    afterSendAttempt(frozen, { errCode: -1, errMsg: 'busy' }, at)
    expect(frozen.status).toBe('pending')
  })

  it('skipForNoConsent: our own count says none left; not an attempt', () => {
    expect(skipForNoConsent(record)).toMatchObject({ status: 'skippedNoConsent', attempts: 0, nextAttemptAt: null })
  })
})

describe('toSendResult: what wx-server-sdk resolves or throws', () => {
  it.each([
    [
      'a resolved answer',
      { errCode: 0, errMsg: 'openapi.subscribeMessage.send:ok' },
      { errCode: 0, errMsg: 'openapi.subscribeMessage.send:ok' },
    ],
    [
      'a thrown error with errCode',
      Object.assign(new Error('x'), { errCode: 43101, errMsg: 'user refuse to accept the msg' }),
      { errCode: 43101, errMsg: 'user refuse to accept the msg' },
    ],
    [
      'the HTTPS API’s lowercase keys',
      { errcode: 47003, errmsg: 'argument invalid!' },
      { errCode: 47003, errMsg: 'argument invalid!' },
    ],
    ['a network failure without a code', new Error('ETIMEDOUT'), { errCode: -1, errMsg: 'ETIMEDOUT' }],
    ['something else', 'boom', { errCode: -1, errMsg: 'boom' }],
  ])('%s', (_, outcome, expected) => {
    expect(toSendResult(outcome)).toEqual(expected)
  })
})

describe('a record keeps every field the in-app message center and the sender read', () => {
  it('has the shape the shell stores', () => {
    const [record] = planOutbox(
      [
        {
          notification: reminder(),
          addressees: [{ openId: OPENIDS.hrssHandler, role: 'handler' }],
          ticket: makeMessageTicket(),
        },
      ],
      NOW,
      { templateIds: allConfigured },
    )
    expect(Object.keys(record).sort()).toEqual(
      [
        '_id',
        'attempts',
        'createdAt',
        'dedupeKey',
        'defect',
        'dueAt',
        'dueField',
        'lastErrCode',
        'lastError',
        'message',
        'nextAttemptAt',
        'recipientOpenId',
        'recipientRole',
        'sentAt',
        'status',
        'template',
        'templateKey',
        'ticketId',
      ].sort(),
    )
    // the database keeps null, not undefined
    expect(Object.values(record).some((value) => value === undefined)).toBe(false)
  })
})
