/**
 * The timer's plan, case by case: when it acts, what it reminds of, when it supervises, escalates and closes
 * unrated tickets, and that the range queries it asks the shell to run never miss a ticket it would act on.
 */
import { BUILT_IN_CALENDAR } from '../../cloudfunctions/core/clock'
import { addresseesFor, addresseesOf } from '../../cloudfunctions/core/reminders/addressees'
import {
  DUE_POLICIES,
  REMINDER_INDEXES,
  REMINDER_QUERY_FIELDS,
  SCHEDULER_TICKET_FIELDS,
  dueWindow,
  isTimerActive,
  planReminders,
  reminderQueries,
  type ScheduledTicket,
  type SchedulerSettings,
} from '../../cloudfunctions/core/reminders/schedule'
import { ARRANGEMENT, OPENIDS, makeDirectory, makeScheduledTicket, rules, rulesWith, sh } from './factories'

const REPLY_DUE = sh('2026-10-12T23:59:59.999')
/** the timer acting at any hour: probes the due edges to the millisecond */
const ALL_DAY: SchedulerSettings = { sendWindow: { from: '00:00', to: '24:00' }, catchUpWorkingDays: 10 }

const planAt = (now: Date, tickets: ScheduledTicket[], settings?: SchedulerSettings, limits = rules.limits) =>
  planReminders(tickets, limits, BUILT_IN_CALENDAR, now, settings)
const summary = (plan: ReturnType<typeof planReminders>) => ({
  events: plan.events.map((event) => `${event.ticketId} ${event.event.type} ${event.dueFields.join(',')}`),
  notifications: plan.notifications.map((notification) => `${notification.ticketId} ${notification.template}`),
})

describe('isTimerActive: working days, 08:30 to 21:00 Shanghai', () => {
  it.each([
    ['08:29:59.999 on a working day', sh('2026-10-08T08:29:59.999'), false],
    ['08:30 on a working day', sh('2026-10-08T08:30'), true],
    ['20:59:59.999', sh('2026-10-08T20:59:59.999'), true],
    ['21:00', sh('2026-10-08T21:00'), false],
    ['the National Day holiday', sh('2026-10-05T10:00'), false],
    ['an ordinary Sunday', sh('2026-10-18T10:00'), false],
    ['the make-up Saturday 10 Oct', sh('2026-10-10T10:00'), true],
  ])('%s → %s', (_, now, active) => {
    expect(isTimerActive(BUILT_IN_CALENDAR, now)).toBe(active)
  })

  it('plans nothing outside the window, however overdue things are', () => {
    const ticket = makeScheduledTicket({ replyDueAt: REPLY_DUE })
    expect(planAt(sh('2026-10-13T07:00'), [ticket])).toEqual({ events: [], notifications: [] })
  })
})

describe('due soon (即将超期): from 00:00 of the working day before the due, once per deadline', () => {
  const ticket = makeScheduledTicket({ replyDueAt: REPLY_DUE })

  it.each([
    ['1 ms before the reminder time (Sat 10 Oct 00:00, the make-up day)', sh('2026-10-09T23:59:59.999'), []],
    ['at the reminder time', sh('2026-10-10T00:00'), ['T-1 replyDueSoon']],
    ['on the Sunday in between: the timer rests on non-working days', sh('2026-10-11T10:00'), []],
    ['at the due itself', REPLY_DUE, ['T-1 replyDueSoon']],
  ])('%s', (_, now, notifications) => {
    expect(summary(planAt(now, [ticket], ALL_DAY)).notifications).toEqual(notifications)
  })

  it('names the due and its time, which the dedupe key is made of', () => {
    expect(planAt(sh('2026-10-10T08:30'), [ticket]).notifications).toEqual([
      {
        template: 'replyDueSoon',
        ticketId: 'T-1',
        audience: ['leadUnit', 'coUnits'],
        dueField: 'replyDueAt',
        dueAt: REPLY_DUE,
        occurrence: null,
        entry: null,
      },
    ])
  })

  it('skips a reminder whose time came before the due was set: the 新工单待签收 message was the reminder', () => {
    const dispatched = makeScheduledTicket({
      state: 'dispatched',
      dispatchedAt: sh('2026-09-29T10:00'),
      signDueAt: sh('2026-09-30T23:59:59.999'),
    })
    expect(planAt(sh('2026-09-30T09:00'), [dispatched]).notifications).toEqual([])
  })

  it('reminds of a due set long enough ahead (accept limit stretched to 3 working days)', () => {
    const submitted = makeScheduledTicket({
      state: 'submitted',
      createdAt: sh('2026-10-12T09:00'),
      acceptDueAt: sh('2026-10-15T23:59:59.999'),
    })
    const limits = rulesWith({ accept: 3 }).limits
    expect(summary(planAt(sh('2026-10-14T08:30'), [submitted], undefined, limits)).notifications).toEqual([
      'T-1 acceptDueSoon',
    ])
  })

  it('reminds of several live dues of one ticket (a coordination ticket’s meeting and reply)', () => {
    const coordination = makeScheduledTicket({ track: 'coordination', meetingDueAt: REPLY_DUE, replyDueAt: REPLY_DUE })
    expect(summary(planAt(sh('2026-10-10T08:30'), [coordination])).notifications).toEqual([
      'T-1 replyDueSoon',
      'T-1 meetingDueSoon',
    ])
  })

  it('does not remind of the send-back window: a right of the handler, not a duty', () => {
    const dispatched = makeScheduledTicket({ state: 'dispatched', sendBackDueAt: REPLY_DUE })
    expect(planAt(sh('2026-10-10T08:30'), [dispatched])).toEqual({ events: [], notifications: [] })
  })

  it('does not remind while the clock stands still for a supplement', () => {
    const paused = makeScheduledTicket({ replyDueAt: REPLY_DUE, pausedAt: sh('2026-10-09T10:00') })
    expect(planAt(sh('2026-10-10T08:30'), [paused])).toEqual({ events: [], notifications: [] })
  })

  it('ignores dues that are not live in the state (a replied ticket’s old reply due)', () => {
    const replied = makeScheduledTicket({ state: 'replied', replyDueAt: REPLY_DUE })
    expect(planAt(sh('2026-10-10T08:30'), [replied])).toEqual({ events: [], notifications: [] })
  })
})

describe('overdue (已超期督办): one system 督办 per deadline, on a working day', () => {
  const overdue = makeScheduledTicket({ replyDueAt: REPLY_DUE, version: 7 })

  it.each([
    ['at the due', REPLY_DUE, []],
    ['1 ms after the due', new Date(REPLY_DUE.getTime() + 1), ['T-1 supervise replyDueAt']],
  ])('%s', (_, now, events) => {
    expect(summary(planAt(now, [overdue], ALL_DAY)).events).toEqual(events)
  })

  it('fires supervise as the system with a note and the version it read', () => {
    expect(planAt(sh('2026-10-13T08:30'), [overdue]).events).toEqual([
      {
        ticketId: 'T-1',
        expectedVersion: 7,
        event: { type: 'supervise', note: '答复已逾期1个工作日（期限2026年10月12日 23:59），请尽快办理' },
        dueFields: ['replyDueAt'],
      },
    ])
  })

  it('does not supervise again once the system has, until the deadline moves', () => {
    const supervised = makeScheduledTicket({
      replyDueAt: REPLY_DUE,
      timeline: [{ event: 'supervise', role: 'system', at: sh('2026-10-13T08:30') }],
    })
    expect(planAt(sh('2026-10-14T08:30'), [supervised]).events).toEqual([])
    const extended = { ...supervised, replyDueAt: sh('2026-10-15T23:59:59.999') }
    expect(summary(planAt(sh('2026-10-16T08:30'), [extended])).events).toEqual(['T-1 supervise replyDueAt'])
  })

  it('still supervises after a dispatcher’s own 督办: only the system’s counts', () => {
    const byDispatcher = makeScheduledTicket({
      replyDueAt: REPLY_DUE,
      timeline: [{ event: 'supervise', role: 'dispatcher', at: sh('2026-10-13T08:00') }],
    })
    expect(summary(planAt(sh('2026-10-13T08:30'), [byDispatcher])).events).toEqual(['T-1 supervise replyDueAt'])
  })

  it('covers every overdue due of a ticket in one event (a unit that neither signed nor met)', () => {
    const both = makeScheduledTicket({
      state: 'dispatched',
      track: 'coordination',
      signDueAt: sh('2026-10-09T23:59:59.999'),
      meetingDueAt: REPLY_DUE,
    })
    const [event] = planAt(sh('2026-10-13T08:30'), [both]).events
    expect(event.dueFields).toEqual(['signDueAt', 'meetingDueAt'])
    expect(event.event).toEqual({
      type: 'supervise',
      note: '签收已逾期3个工作日（期限2026年10月09日 23:59）；专题协调会已逾期1个工作日（期限2026年10月12日 23:59），请尽快办理',
    })
  })

  it('does not supervise the office’s own accept due (supervise is not an event of a submitted ticket)', () => {
    const submitted = makeScheduledTicket({ state: 'submitted', acceptDueAt: sh('2026-10-09T23:59:59.999') })
    expect(planAt(sh('2026-10-13T08:30'), [submitted])).toEqual({ events: [], notifications: [] })
  })

  it('does not supervise a reply whose clock is stopped for a supplement', () => {
    const paused = makeScheduledTicket({ replyDueAt: REPLY_DUE, pausedAt: sh('2026-10-12T10:00') })
    expect(planAt(sh('2026-10-13T08:30'), [paused]).events).toEqual([])
  })
})

describe('escalation: a reply overdue by ≥ escalate.overdue working days', () => {
  // 13, 14, 15, 16 Oct are 4 working days overdue; Mon 19 Oct is the 5th
  it.each([
    // (the reply's 督办 done on 13 Oct)
    ['4 working days overdue', sh('2026-10-16T08:30'), 'timed', []],
    ['5 working days overdue', sh('2026-10-19T08:30'), 'timed', ['T-1 escalateOverdue replyDueAt']],
    ['5 on the coordination track', sh('2026-10-19T08:30'), 'coordination', ['T-1 escalateOverdue replyDueAt']],
    ['5 on the reception track: nothing higher, no event', sh('2026-10-19T08:30'), 'reception', []],
  ] as const)('%s', (_, now, track, events) => {
    const supervised = makeScheduledTicket({
      track,
      replyDueAt: REPLY_DUE,
      timeline: [{ event: 'supervise', role: 'system', at: sh('2026-10-13T08:30') }],
    })
    expect(summary(planAt(now, [supervised])).events).toEqual(events)
  })

  it('supervises first when both are due (the timer was down for a week), so a refused escalation cannot starve the 督办', () => {
    const neverSupervised = makeScheduledTicket({ replyDueAt: REPLY_DUE, version: 7 })
    expect(summary(planAt(sh('2026-10-19T08:30'), [neverSupervised])).events).toEqual(['T-1 supervise replyDueAt'])
    const supervised = {
      ...neverSupervised,
      version: 8,
      timeline: [{ event: 'supervise', role: 'system' as const, at: sh('2026-10-19T08:30') }],
    }
    expect(summary(planAt(sh('2026-10-19T08:40'), [supervised])).events).toEqual(['T-1 escalateOverdue replyDueAt'])
  })

  it('follows a shrunk limit (escalate.overdue = 1): 督办 at the first run of the first overdue day, escalation at the next', () => {
    const limits = rulesWith({ 'escalate.overdue': 1 }).limits
    const ticket = makeScheduledTicket({ replyDueAt: REPLY_DUE })
    expect(summary(planAt(sh('2026-10-13T08:30'), [ticket], undefined, limits)).events).toEqual([
      'T-1 supervise replyDueAt',
    ])
    const supervised = {
      ...ticket,
      timeline: [{ event: 'supervise', role: 'system' as const, at: sh('2026-10-13T08:30') }],
    }
    expect(summary(planAt(sh('2026-10-13T08:40'), [supervised], undefined, limits)).events).toEqual([
      'T-1 escalateOverdue replyDueAt',
    ])
  })
})

describe('rating: reminded the working day before, closed as 未评价 after', () => {
  const replied = makeScheduledTicket({
    state: 'replied',
    reply: { at: sh('2026-10-09T10:00') },
    ratingDueAt: sh('2026-10-15T23:59:59.999'),
  })

  it.each([
    ['the day before the rating due', sh('2026-10-14T08:30'), { events: [], notifications: ['T-1 ratingDueSoon'] }],
    [
      'the working day after it',
      sh('2026-10-16T08:30'),
      { events: ['T-1 expireRating ratingDueAt'], notifications: [] },
    ],
  ])('%s', (_, now, expected) => {
    expect(summary(planAt(now, [replied]))).toEqual(expected)
  })
})

describe('the range queries the shell runs', () => {
  it('are one per live due field, with the states it is live in', () => {
    expect(REMINDER_QUERY_FIELDS).toEqual([
      { field: 'acceptDueAt', states: ['submitted'] },
      { field: 'signDueAt', states: ['dispatched'] },
      { field: 'replyDueAt', states: ['dispatched', 'signed'] },
      { field: 'meetingDueAt', states: ['dispatched', 'signed'] },
      { field: 'ratingDueAt', states: ['replied'] },
    ])
    expect(REMINDER_INDEXES.map((index) => index.name)).toEqual([
      'by_state_acceptDueAt',
      'by_state_signDueAt',
      'by_state_replyDueAt',
      'by_state_meetingDueAt',
      'by_state_ratingDueAt',
    ])
    expect(REMINDER_INDEXES[2].keys).toEqual({ state: 1, replyDueAt: 1 })
  })

  it('look from the 10th working day back to the end of the next working day', () => {
    // back from Fri 9 Oct: 8 Oct, 30, 29, 28, 24 (25 Sep is 中秋), 23, 22, 21, 20 (a make-up Sunday), 18 Sep
    expect(dueWindow(rules.limits, BUILT_IN_CALENDAR, sh('2026-10-09T08:30'))).toEqual({
      from: sh('2026-09-18T00:00'),
      to: sh('2026-10-10T23:59:59.999'),
    })
    const [query] = reminderQueries(rules.limits, BUILT_IN_CALENDAR, sh('2026-10-09T08:30'))
    expect(query).toMatchObject({
      field: 'acceptDueAt',
      states: ['submitted'],
      index: 'by_state_acceptDueAt',
      to: sh('2026-10-10T23:59:59.999'),
    })
  })

  it('never miss a ticket the plan would act on: planning the queried tickets equals planning them all', () => {
    const states = ['submitted', 'accepted', 'dispatched', 'signed', 'replied', 'closed'] as const
    const tracks = ['timed', 'coordination', 'reception'] as const
    const base = sh('2026-09-10T12:00').getTime()
    const tickets: ScheduledTicket[] = []
    // a deterministic spread of dues from 3 weeks before to 3 weeks after the runs below
    for (let i = 0; i < 400; i += 1) {
      const dueAt = (offsetDays: number) =>
        new Date(base + ((i * 7 + offsetDays) % 60) * 86_400_000 + (i % 3) * 3_600_000)
      tickets.push(
        makeScheduledTicket({
          _id: `T-${i}`,
          state: states[i % states.length],
          track: tracks[i % tracks.length],
          acceptDueAt: dueAt(0),
          signDueAt: dueAt(1),
          replyDueAt: dueAt(5),
          meetingDueAt: i % 2 === 0 ? dueAt(3) : null,
          ratingDueAt: dueAt(2),
          dispatchedAt: new Date(base - 86_400_000),
          reply: { at: new Date(base - 86_400_000) },
          timeline: i % 4 === 0 ? [{ event: 'supervise', role: 'system', at: dueAt(6) }] : [],
        }),
      )
    }
    for (const now of [
      sh('2026-10-08T08:30'),
      sh('2026-10-10T12:00'),
      sh('2026-10-19T09:00'),
      sh('2026-09-30T20:00'),
    ]) {
      const queried = new Map<string, ScheduledTicket>()
      for (const query of reminderQueries(rules.limits, BUILT_IN_CALENDAR, now)) {
        for (const ticket of tickets) {
          const due = ticket[query.field]
          if (query.states.includes(ticket.state) && due !== null && due >= query.from && due <= query.to)
            queried.set(ticket._id, ticket)
        }
      }
      const all = planAt(now, tickets)
      expect(all.events.length + all.notifications.length).toBeGreaterThan(0)
      expect(queried.size).toBeLessThan(tickets.length)
      expect(
        planAt(
          now,
          tickets.filter((ticket) => queried.has(ticket._id)),
        ),
      ).toEqual(all)
    }
  })

  it('project every field the planner, routing and the messages read', () => {
    for (const field of [
      '_id',
      'version',
      'timeline',
      'pausedAt',
      'reply',
      'units',
      'enterpriseIsKey',
      'no',
      'title',
      ...Object.keys(DUE_POLICIES),
    ]) {
      expect(SCHEDULER_TICKET_FIELDS).toContain(field)
    }
  })
})

describe('addressees: from routing’s recipients to OPENIDs', () => {
  const directory = makeDirectory()
  const routingTicket = {
    enterpriseId: ARRANGEMENT.enterpriseId,
    enterpriseIsKey: true,
    units: ['hrss'],
    taskForce: null,
    dispatchedAt: sh('2026-09-29T10:00'),
    pausedAt: null,
    supplements: [],
  }

  it('reaches the unit, its head and the key enterprise’s lead service unit for a 督办', () => {
    expect(
      addresseesFor(['leadUnit', 'coUnits', 'unitHead', 'leadServiceUnit'], routingTicket, ARRANGEMENT, directory),
    ).toEqual([
      { openId: OPENIDS.hrssHandler, role: 'handler' },
      { openId: OPENIDS.hrssHead, role: 'unitHead' },
      { openId: OPENIDS.leadServiceUnit, role: 'handler' },
    ])
  })

  it('tells a user once however many roles reach them', () => {
    const twoHats = makeDirectory({
      users: [
        {
          _id: 'o-both',
          grants: [
            { role: 'handler', unitCode: 'hrss' },
            { role: 'handler', unitCode: 'industry-it' },
          ],
        },
      ],
    })
    expect(addresseesFor(['leadUnit', 'leadServiceUnit'], routingTicket, ARRANGEMENT, twoHats)).toEqual([
      { openId: 'o-both', role: 'handler' },
    ])
  })

  it('reaches a service team through its commissioners, and a named user in their staff role', () => {
    expect(
      addresseesOf(
        [
          { kind: 'serviceTeam', serviceTeamId: 'team-1' },
          { kind: 'user', userId: OPENIDS.dispatcher },
        ],
        directory,
      ),
    ).toEqual([
      { openId: OPENIDS.commissioner, role: 'commissioner' },
      { openId: OPENIDS.dispatcher, role: 'dispatcher' },
    ])
  })
})
