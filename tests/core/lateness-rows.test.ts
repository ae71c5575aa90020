/**
 * Every kind of lateness, counted in working days on the Shanghai calendar: a step still open past its due,
 * or done after it. November 2026 has no holidays: Mon 2 Nov … Fri 6 Nov, Mon 9 Nov … Fri 13 Nov.
 */
import { BUILT_IN_CALENDAR } from '../../cloudfunctions/core/clock'
import { openTicket } from '../../cloudfunctions/core/intake'
import { currentDueOf, latenessOf, sentBackOf } from '../../cloudfunctions/core/lateness'
import { fire, makeIntake, rules, sh } from './factories'

const submitted = () => openTicket(makeIntake(), rules, BUILT_IN_CALENDAR, sh('2026-11-02T10:00:00')) // accept due Tue 3 Nov 23:59

it('is not late before a due, nor at the due itself', () => {
  const ticket = submitted()
  expect(latenessOf(ticket, BUILT_IN_CALENDAR, sh('2026-11-03T23:59:59.999'))).toEqual([])
  expect(currentDueOf(ticket)).toEqual({ kind: 'accept', dueAt: sh('2026-11-03T23:59:59.999') })
})

it('counts an acceptance still open past its due, in working days up to today', () => {
  expect(latenessOf(submitted(), BUILT_IN_CALENDAR, sh('2026-11-05T10:00:00'))).toEqual([
    { kind: 'accept', dueAt: sh('2026-11-03T23:59:59.999'), workingDaysLate: 2, open: true },
  ])
})

it('keeps a late acceptance as a fact once done, counted up to when it was done', () => {
  const accepted = fire(submitted(), 'accept', sh('2026-11-04T09:00:00'))
  expect(latenessOf(accepted, BUILT_IN_CALENDAR, sh('2026-11-20T10:00:00'))).toEqual([
    { kind: 'accept', dueAt: sh('2026-11-03T23:59:59.999'), workingDaysLate: 1, open: false },
  ])
})

it('counts a ticket unsigned past its sign due, then signed late, and the reply due runs on', () => {
  let ticket = fire(submitted(), 'accept', sh('2026-11-03T09:00:00'))
  ticket = fire(ticket, 'dispatch', sh('2026-11-05T12:00:00')) // sign due Fri 6 Nov
  expect(latenessOf(ticket, BUILT_IN_CALENDAR, sh('2026-11-10T09:00:00'))).toEqual([
    { kind: 'sign', dueAt: sh('2026-11-06T23:59:59.999'), workingDaysLate: 2, open: true },
  ])
  ticket = fire(ticket, 'sign', sh('2026-11-10T09:00:00'))
  expect(latenessOf(ticket, BUILT_IN_CALENDAR, sh('2026-11-10T10:00:00'))).toEqual([
    { kind: 'sign', dueAt: sh('2026-11-06T23:59:59.999'), workingDaysLate: 2, open: false },
  ])
  expect(currentDueOf(ticket)?.kind).toBe('reply')
})

it('counts a late reply and a late rating', () => {
  let ticket = fire(submitted(), 'accept', sh('2026-11-03T09:00:00'))
  ticket = fire(ticket, 'dispatch', sh('2026-11-03T10:00:00'))
  ticket = fire(ticket, 'sign', sh('2026-11-03T11:00:00'))
  const replyDue = ticket.replyDueAt!
  const replied = fire(ticket, 'reply', sh('2026-11-12T10:00:00'))
  const late = latenessOf(replied, BUILT_IN_CALENDAR, sh('2026-11-12T11:00:00'))
  expect(late).toEqual([{ kind: 'reply', dueAt: replyDue, workingDaysLate: 2, open: false }])
  // the enterprise has 5 working days to rate: due Thu 19 Nov
  expect(latenessOf(replied, BUILT_IN_CALENDAR, sh('2026-11-23T09:00:00'))).toContainEqual({
    kind: 'rating',
    dueAt: sh('2026-11-19T23:59:59.999'),
    workingDaysLate: 2,
    open: true,
  })
})

it('says which unit sent a ticket back, and why, while it waits to be dispatched again', () => {
  let ticket = fire(submitted(), 'accept', sh('2026-11-03T09:00:00'))
  ticket = fire(ticket, 'dispatch', sh('2026-11-03T10:00:00'))
  ticket = fire(ticket, 'sendBack', sh('2026-11-04T10:00:00'))
  expect(sentBackOf(ticket)).toEqual({
    reason: '不属于本单位职责，应由教育局办理',
    at: sh('2026-11-04T10:00:00'),
    unitCode: ticket.units[0],
  })
  expect(currentDueOf(ticket)).toBeNull()
  ticket = fire(ticket, 'dispatch', sh('2026-11-04T11:00:00'))
  expect(sentBackOf(ticket)).toBeNull()
})
