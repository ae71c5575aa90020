/**
 * Consent counted on the server (DESIGN.md §6): one one-time consent is one send; a long-term subscription
 * never runs out; WeChat's 43101 overrides our count.
 */
import {
  consume,
  exhaust,
  grant,
  grantFromSubscribeResult,
  refund,
  remaining,
  type ConsentLedger,
} from '../../cloudfunctions/core/reminders/consent'
import {
  defaultTemplateRegistry,
  loadTemplateRegistry,
  resolveTemplateIds,
} from '../../cloudfunctions/core/reminders/templates'
import { deepFreeze, envWithAllTemplateIds } from './factories'

const USER = 'o-hrss'
const OTHER = 'o-industry'
const EMPTY: ConsentLedger = deepFreeze({})

/** Sends until consent runs out (at most `limit`), as the sender would. */
function sendsAllowed(ledger: ConsentLedger, openid: string, templateKey: string, limit = 100): number {
  let sends = 0
  let current = ledger
  while (sends < limit) {
    const spent = consume(current, openid, templateKey)
    if (!spent.ok) break
    current = spent.ledger
    sends += 1
  }
  return sends
}

describe('one-time consent', () => {
  it('allows exactly one send per consent', () => {
    const ledger = grant(EMPTY, USER, 'dueSoon')
    const first = consume(ledger, USER, 'dueSoon')
    expect(first).toMatchObject({ ok: true, remaining: 0 })
    expect(consume(first.ledger, USER, 'dueSoon')).toMatchObject({ ok: false, remaining: 0 })
  })

  it('adds up: three taps on 允许 are three sends', () => {
    expect(sendsAllowed(grant(EMPTY, USER, 'dueSoon', 3), USER, 'dueSoon')).toBe(3)
  })

  it('is counted per user and per template', () => {
    const ledger = grant(EMPTY, USER, 'dueSoon')
    expect(remaining(ledger, USER, 'overdue')).toBe(0)
    expect(remaining(ledger, OTHER, 'dueSoon')).toBe(0)
    expect(consume(ledger, OTHER, 'dueSoon').ok).toBe(false)
  })

  it('is given back when WeChat did not deliver for another reason (busy, rate limit)', () => {
    const spent = consume(grant(EMPTY, USER, 'dueSoon'), USER, 'dueSoon').ledger
    expect(remaining(refund(spent, USER, 'dueSoon'), USER, 'dueSoon')).toBe(1)
  })

  it('is gone whatever we counted once WeChat answers 43101', () => {
    expect(remaining(exhaust(grant(EMPTY, USER, 'dueSoon', 5), USER, 'dueSoon'), USER, 'dueSoon')).toBe(0)
  })

  it('never mutates the ledger it is given', () => {
    const ledger = deepFreeze(grant(EMPTY, USER, 'dueSoon', 2))
    expect(() => consume(ledger, USER, 'dueSoon')).not.toThrow()
    expect(remaining(ledger, USER, 'dueSoon')).toBe(2)
  })

  it('refuses a negative or fractional grant', () => {
    expect(() => grant(EMPTY, USER, 'dueSoon', -1)).toThrow(RangeError)
    expect(() => grant(EMPTY, USER, 'dueSoon', 1.5)).toThrow(RangeError)
  })
})

describe('long-term subscription (government services, by config)', () => {
  it('never runs out and is not consumed', () => {
    const ledger = grant(EMPTY, USER, 'overdue', 1, 'longTerm')
    expect(sendsAllowed(ledger, USER, 'overdue', 500)).toBe(500)
    expect(consume(ledger, USER, 'overdue')).toEqual({ ok: true, remaining: 'unlimited', ledger })
  })

  it('ends when WeChat answers 43101 (the user cancelled it)', () => {
    const ledger = exhaust(grant(EMPTY, USER, 'overdue', 1, 'longTerm'), USER, 'overdue')
    expect(consume(ledger, USER, 'overdue').ok).toBe(false)
  })
})

describe('grantFromSubscribeResult: what the user chose in wx.requestSubscribeMessage', () => {
  const registry = defaultTemplateRegistry()
  const env = envWithAllTemplateIds(registry.templates)
  const resolved = resolveTemplateIds(env, registry)

  it('grants what was accepted, ignores rejections and ids we never asked for, empties what was banned', () => {
    const before = grant(EMPTY, USER, 'closed', 2)
    const after = grantFromSubscribeResult(
      before,
      USER,
      {
        errMsg: 'requestSubscribeMessage:ok',
        [env.HQ_TPL_ACCEPTED]: 'accept',
        [env.HQ_TPL_REPLIED]: 'reject',
        [env.HQ_TPL_CLOSED]: 'ban',
        'someone-elses-template-id-000000000000': 'accept',
      },
      resolved,
      registry,
    )
    expect(remaining(after, USER, 'accepted')).toBe(1)
    expect(remaining(after, USER, 'replied')).toBe(0)
    expect(remaining(after, USER, 'closed')).toBe(0)
    expect(Object.keys(after[USER]).sort()).toEqual(['accepted', 'closed'])
  })

  it('subscribes long-term when the registry says the account may', () => {
    const longTerm = loadTemplateRegistry({ ...JSON.parse(JSON.stringify(registry)), subscription: 'longTerm' })
    const after = grantFromSubscribeResult(EMPTY, USER, { [env.HQ_TPL_DUE_SOON]: 'accept' }, resolved, longTerm)
    expect(remaining(after, USER, 'dueSoon')).toBe('unlimited')
  })
})
