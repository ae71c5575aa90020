/**
 * The timer, driven by the clock across the National Day holiday 2026 (chinese-days: 1–7 Oct off, Sat 10 Oct a
 * make-up working day 调休; 8 Oct is a working day). A timed ticket is dispatched Tue 29 Sep 10:00; the timer
 * runs every 10 minutes, twice at each instant (overlapping runs), from the dispatch to three weeks later.
 *
 * Its dues (5 working days for the reply: 30 Sep, 8, 9, 10 (Sat, make-up), 12 Oct):
 *   sign   1 working day  → Wed 30 Sep 23:59:59.999
 *   reply  5 working days → Mon 12 Oct 23:59:59.999, reminder from Sat 10 Oct 00:00 (the working day before)
 * The timer acts on working days from 08:30, so everything below happens at 08:30 of a working day.
 */
import { BUILT_IN_CALENDAR } from '../../cloudfunctions/core/clock'
import { isWorkingDay } from '../../cloudfunctions/core/clock'
import { ACTORS, OPENIDS, fire, sh, ticketDispatchedAt } from './factories'
import { simulateTimer, type Fired } from './timerHarness'

const DISPATCHED = sh('2026-09-29T10:00')
const THREE_WEEKS_LATER = sh('2026-10-20T10:00')

const message = (at: string, name: string, to: string): Fired => ({ at, kind: 'message', name, to })
const event = (at: string, name: string): Fired => ({ at, kind: 'event', name })

describe('the calendar the scenarios rely on (chinese-days)', () => {
  it.each([
    ['2026-09-29', true],
    ['2026-09-30', true],
    ['2026-10-01', false],
    ['2026-10-07', false],
    ['2026-10-08', true],
    ['2026-10-10', true], // Saturday, make-up working day
    ['2026-10-11', false],
    ['2026-10-12', true],
  ])('%s is a working day: %s', (date, working) => {
    expect(isWorkingDay(BUILT_IN_CALENDAR, date)).toBe(working)
  })

  it('gives the reply due the lifecycle set at dispatch', () => {
    const ticket = ticketDispatchedAt(DISPATCHED)
    expect(ticket.signDueAt).toEqual(sh('2026-09-30T23:59:59.999'))
    expect(ticket.replyDueAt).toEqual(sh('2026-10-12T23:59:59.999'))
    expect(ticket.sendBackDueAt).toEqual(sh('2026-10-08T23:59:59.999'))
  })
})

describe('a unit that never signs: 督办 of the sign, reminder and 督办 of the reply, then escalation', () => {
  const run = simulateTimer({ ticket: ticketDispatchedAt(DISPATCHED), from: DISPATCHED, until: THREE_WEEKS_LATER })

  it('fires exactly these events and messages, at these times', () => {
    expect(run.log).toEqual([
      // no sign reminder: its reminder time (29 Sep 00:00) came before the dispatch that told the unit;
      // nothing during the holiday; the first working day after it, the sign is 1 working day overdue
      event('10-08 08:30', 'supervise'),
      message('10-08 08:30', 'ticketSupervised', OPENIDS.hrssHandler),
      message('10-08 08:30', 'ticketSupervised', OPENIDS.hrssHead),
      message('10-08 08:30', 'ticketSupervised', OPENIDS.leadServiceUnit),
      // the make-up Saturday is the working day before the reply due
      message('10-10 08:30', 'replyDueSoon', OPENIDS.hrssHandler),
      // reply overdue: a 督办 of its own (the sign's 督办 was before this due)
      event('10-13 08:30', 'supervise'),
      message('10-13 08:30', 'ticketSupervised', OPENIDS.hrssHandler),
      message('10-13 08:30', 'ticketSupervised', OPENIDS.hrssHead),
      message('10-13 08:30', 'ticketSupervised', OPENIDS.leadServiceUnit),
      // 5 working days overdue (13, 14, 15, 16, 19 Oct): escalated, the arrangement's leader told
      event('10-19 08:30', 'escalateOverdue'),
      message('10-19 08:30', 'ticketEscalated', OPENIDS.dispatcher),
      message('10-19 08:30', 'ticketEscalated', OPENIDS.hrssHandler),
      message('10-19 08:30', 'ticketEscalated', OPENIDS.leader),
      message('10-19 08:30', 'ticketEscalated', OPENIDS.leadServiceUnit),
      // the enterprise's commissioners follow its tickets to the end
      message('10-19 08:30', 'ticketEscalated', OPENIDS.commissioner),
      // its reply due moved: the enterprise is told from when to when, and why (issue 11)
      message('10-19 08:30', 'replyDueMoved', OPENIDS.contact),
    ])
  })

  it('writes the 督办 notes the timeline keeps', () => {
    const notes = run.ticket.timeline.filter((entry) => entry.event === 'supervise').map((entry) => entry.note)
    expect(notes).toEqual([
      '签收已逾期1个工作日（期限2026年09月30日 23:59），请尽快办理',
      '答复已逾期1个工作日（期限2026年10月12日 23:59），请尽快办理',
    ])
  })

  it('ends on the coordination track with new dues counted from the escalation', () => {
    expect(run.ticket.track).toBe('coordination')
    expect(run.ticket.replyDueAt).toEqual(sh('2026-11-16T23:59:59.999'))
    expect(run.ticket.meetingDueAt).toEqual(sh('2026-11-02T23:59:59.999'))
  })

  it('never sends twice: the overlapping run and every later run hit the same keys', () => {
    expect(run.divergentRuns).toBe(0)
    // each of the 3 events was planned by both runs; the second write conflicts
    expect(run.conflicts).toBe(3)
    expect(run.outbox.size).toBe(run.log.filter((fired) => fired.kind === 'message').length)
    // the reply reminder is planned at every run from 10 Oct 08:30 to 12 Oct 21:00, inserted once
    expect(run.duplicateInserts).toBeGreaterThan(100)
  })
})

describe('a replied ticket nobody rates: rating reminder, then closed as 未评价', () => {
  const signed = fire(ticketDispatchedAt(DISPATCHED), { type: 'sign' }, ACTORS.handler, sh('2026-09-29T15:00'))
  const run = simulateTimer({
    ticket: signed,
    from: DISPATCHED,
    until: THREE_WEEKS_LATER,
    userSteps: [
      {
        at: sh('2026-10-09T10:00'),
        event: { type: 'reply', outcome: 'solved', text: '已组织专场招聘会，招到焊工48名', attachments: [] },
        actor: ACTORS.handler,
      },
    ],
  })

  it('reminds the enterprise the working day before the rating due (15 Oct) and closes it the next working day', () => {
    expect(run.log).toEqual([
      // replied 9 Oct, before the reply reminder (10 Oct) would have come
      message('10-14 08:30', 'ratingDueSoon', OPENIDS.contact),
      event('10-16 08:30', 'expireRating'),
      message('10-16 08:30', 'ticketClosedUnrated', OPENIDS.contact),
      message('10-16 08:30', 'ticketClosedUnrated', OPENIDS.hrssHandler),
      message('10-16 08:30', 'ticketClosedUnrated', OPENIDS.commissioner),
    ])
    expect(run.ticket.state).toBe('closed')
    expect(run.ticket.rating).toBeNull()
    expect(run.conflicts).toBe(1)
  })
})

describe('a ticket waiting for the enterprise’s supplement: the clock stands still', () => {
  const signed = fire(ticketDispatchedAt(DISPATCHED), { type: 'sign' }, ACTORS.handler, sh('2026-09-29T15:00'))
  const run = simulateTimer({
    ticket: signed,
    from: DISPATCHED,
    until: THREE_WEEKS_LATER,
    userSteps: [
      {
        at: sh('2026-10-09T10:00'),
        event: { type: 'askSupplement', question: '请补充用工岗位清单' },
        actor: ACTORS.handler,
      },
      {
        at: sh('2026-10-13T10:00'),
        event: { type: 'supplement', text: '岗位清单见附件', attachments: [] },
        actor: ACTORS.enterprise,
      },
    ],
  })

  it('sends no reminder while paused and reminds of the moved due (12 → 15 Oct) after', () => {
    // paused 9 Oct, resumed 13 Oct: 3 working days lost (10, 12, 13 Oct), the reply due moves to 15 Oct
    expect(run.log).toEqual([
      message('10-14 08:30', 'replyDueSoon', OPENIDS.hrssHandler),
      event('10-16 08:30', 'supervise'),
      message('10-16 08:30', 'ticketSupervised', OPENIDS.hrssHandler),
      message('10-16 08:30', 'ticketSupervised', OPENIDS.hrssHead),
      message('10-16 08:30', 'ticketSupervised', OPENIDS.leadServiceUnit),
    ])
    expect(run.ticket.replyDueAt).toEqual(sh('2026-10-15T23:59:59.999'))
  })
})

describe('under another process time zone', () => {
  const originalTz = process.env.TZ
  afterAll(() => {
    process.env.TZ = originalTz
  })

  it('fires the same things at the same Shanghai times', () => {
    const inShanghai = simulateTimer({
      ticket: ticketDispatchedAt(DISPATCHED),
      from: DISPATCHED,
      until: sh('2026-10-14T00:00'),
    })
    process.env.TZ = 'America/Los_Angeles'
    const elsewhere = simulateTimer({
      ticket: ticketDispatchedAt(DISPATCHED),
      from: DISPATCHED,
      until: sh('2026-10-14T00:00'),
    })
    expect(elsewhere.log).toEqual(inShanghai.log)
    expect([...elsewhere.outbox.keys()]).toEqual([...inShanghai.outbox.keys()])
  })
})
