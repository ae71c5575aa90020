/**
 * Lateness is a fact (core/lateness.ts, DESIGN.md §4): an escalation, a reassignment or an extension approved
 * after the due moves the deadline but never erases that it was missed — the original due and the working days
 * overdue stay on the ticket, in the lists and in the on-time rate. And the stated reasons follow the grade.
 */
import { BUILT_IN_CALENDAR } from '../../cloudfunctions/core/clock'
import { addWorkingDays } from '../../cloudfunctions/core/clock'
import { latenessOf, openReplyDaysLate } from '../../cloudfunctions/core/lateness'
import { transition } from '../../cloudfunctions/core/lifecycle'
import { describeRuleIds } from '../../cloudfunctions/core/rules'
import { summarize } from '../../cloudfunctions/core/stats'
import type { Ticket } from '../../types/domain'
import { ACTORS, fire, makeEvent, rules, ticketIn } from './factories'

/** 18:00 Shanghai on the Nth working day after the ticket's reply due: N working days late. */
function daysAfterDue(ticket: Ticket, days: number): Date {
  return new Date(addWorkingDays(BUILT_IN_CALENDAR, ticket.replyDueAt!, days).at.getTime() - 6 * 3600_000)
}

describe('a missed reply due stays missed', () => {
  it('after a manual 升级: the original due and the days overdue stay, and the new due is not late', () => {
    const signed = ticketIn('signed')
    const missed = signed.replyDueAt!
    const at = daysAfterDue(signed, 3)
    const escalated = fire(signed, 'escalate', at)
    expect(escalated.replyDueAt!.getTime()).toBeGreaterThan(at.getTime())
    expect(escalated.missedDues).toEqual([{ kind: 'reply', dueAt: missed, movedAt: at, event: 'escalate' }])
    expect(latenessOf(escalated, BUILT_IN_CALENDAR, at)).toEqual([
      { kind: 'reply', dueAt: missed, workingDaysLate: 3, open: true },
    ])
    expect(openReplyDaysLate(escalated, BUILT_IN_CALENDAR, at)).toBe(3)
    // a day later it is one more working day late: counted from the original due, not the new one
    expect(openReplyDaysLate(escalated, BUILT_IN_CALENDAR, addWorkingDays(BUILT_IN_CALENDAR, at, 1).at)).toBe(4)
  })

  it('after the timer’s 逾期升级 (escalateOverdue)', () => {
    const signed = ticketIn('signed')
    const at = daysAfterDue(signed, rules.limits['escalate.overdue'])
    const result = transition(signed, makeEvent('escalateOverdue'), ACTORS.system, rules, BUILT_IN_CALENDAR, at)
    if (!result.ok) throw new Error(result.message)
    expect(result.ticket.track).toBe('coordination')
    expect(result.ticket.missedDues?.[0]).toMatchObject({ kind: 'reply', dueAt: signed.replyDueAt })
    expect(openReplyDaysLate(result.ticket, BUILT_IN_CALENDAR, at)).toBe(rules.limits['escalate.overdue'])
  })

  it('after 改派: the new unit gets full limits, the ticket keeps its lateness', () => {
    const signed = ticketIn('signed')
    const at = daysAfterDue(signed, 2)
    const reassigned = fire(signed, 'reassign', at)
    expect(reassigned.missedDues).toMatchObject([{ kind: 'reply', dueAt: signed.replyDueAt, event: 'reassign' }])
    expect(openReplyDaysLate(reassigned, BUILT_IN_CALENDAR, at)).toBe(2)
  })

  it('after a 延期 approved once the due had passed; a reply before the new due is still late', () => {
    const signed = ticketIn('signed')
    const asked = fire(signed, 'requestExtension', new Date(signed.replyDueAt!.getTime() - 3600_000))
    const approvedAt = daysAfterDue(signed, 1)
    const approved = fire(asked, 'approveExtension', approvedAt)
    expect(approved.missedDues).toMatchObject([{ kind: 'reply', dueAt: signed.replyDueAt, event: 'approveExtension' }])
    const repliedAt = daysAfterDue(signed, 2)
    expect(repliedAt.getTime()).toBeLessThan(approved.replyDueAt!.getTime())
    const replied = fire(approved, 'reply', repliedAt)
    expect(latenessOf(replied, BUILT_IN_CALENDAR, daysAfterDue(signed, 5))).toEqual([
      { kind: 'reply', dueAt: signed.replyDueAt, workingDaysLate: 2, open: false },
    ])
    // 按时办结率: measured against the original due
    expect(summarize([replied])).toMatchObject({ replied: 1, repliedOnTime: 0 })
  })

  it('an extension approved in time moves the due honestly: nothing missed, the reply on time', () => {
    const signed = ticketIn('signed')
    const before = new Date(signed.replyDueAt!.getTime() - 3600_000)
    const approved = fire(fire(signed, 'requestExtension', before), 'approveExtension', before)
    expect(approved.missedDues).toBeUndefined()
    const replied = fire(approved, 'reply', daysAfterDue(signed, 1))
    expect(latenessOf(replied, BUILT_IN_CALENDAR, daysAfterDue(signed, 5))).toEqual([])
    expect(summarize([replied])).toMatchObject({ replied: 1, repliedOnTime: 1 })
  })

  it('an escalation before the due records nothing', () => {
    const signed = ticketIn('signed')
    const escalated = fire(signed, 'escalate', new Date(signed.replyDueAt!.getTime() - 3600_000))
    expect(escalated.missedDues).toBeUndefined()
    expect(latenessOf(escalated, BUILT_IN_CALENDAR, new Date(signed.replyDueAt!.getTime() - 1000))).toEqual([])
  })

  it('退回 after the due clears the due but keeps the lateness while the ticket waits for a new unit', () => {
    const dispatched = ticketIn('dispatched')
    // within the 2-day send-back window but past the 1-day sign due
    const at = new Date(dispatched.sendBackDueAt!.getTime() - 3600_000)
    const sentBack = fire(dispatched, 'sendBack', at)
    expect(sentBack.missedDues?.map((m) => m.kind)).toEqual(['sign'])
    expect(latenessOf(sentBack, BUILT_IN_CALENDAR, at)).toMatchObject([{ kind: 'sign', open: true }])
  })
})

describe('the enterprise reads when and why its deadline moved', () => {
  it('the entry of the move says from which date to which, and why (core/due-moves.ts)', () => {
    const signed = ticketIn('signed')
    const escalated = fire(signed, 'escalate', daysAfterDue(signed, 3))
    expect(escalated.timeline.at(-1)).toMatchObject({
      event: 'escalate',
      reason: '涉及多个部门',
      note: expect.stringMatching(/^诉求升级为专题协调会办理，答复时限由\d{1,2}月\d{1,2}日调整为\d{1,2}月\d{1,2}日$/),
    })
  })
})

describe('the reasons describe the current grade', () => {
  it('a manual 升级 replaces the track rule with the person’s reason', () => {
    const signed = ticketIn('signed')
    expect(signed.ruleIds).toContain('R-TRACK-TIMED')
    const escalated = fire(signed, 'escalate', daysAfterDue(signed, 1))
    expect(escalated.ruleIds).not.toContain('R-TRACK-TIMED')
    expect(escalated.ruleIds).toContain('R-CAT-LABOR')
    expect(escalated.gradeNote).toBe('市重点办将办理方式由限时办理升级为专题协调：涉及多个部门')
    expect(describeRuleIds(escalated.ruleIds, rules).join()).not.toContain('限时办理')
  })

  it('the dispatch entry keeps the units as codes for readers to name, never in its text', () => {
    const dispatched = ticketIn('dispatched')
    expect(dispatched.timeline.at(-1)).toMatchObject({ event: 'dispatch', note: '限时办理', units: ['hrss'] })
  })
})
