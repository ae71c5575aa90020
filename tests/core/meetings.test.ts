/**
 * Reception days and coordination meetings, pure (cloudfunctions/core/meetings.ts) and in the lifecycle
 * table: a parent is answered only when its commitments are done; holding the meeting clears its due and
 * says whether it was late; a decision is recorded once per retry key; commitments are not collected problems.
 */
import { BUILT_IN_CALENDAR } from '../../cloudfunctions/core/clock'
import {
  addToAgenda,
  answerFromCommitments,
  childTicketIdFor,
  commitmentIdFor,
  isCommitmentLate,
  newMeeting,
  openCommitmentTicket,
  planDecision,
  tallyByEnterprise,
} from '../../cloudfunctions/core/meetings'
import { transition } from '../../cloudfunctions/core/lifecycle'
import { summarize } from '../../cloudfunctions/core/stats'
import type { Ticket } from '../../types/domain'
import type { Meeting } from '../../types/meetings'
import { ACTORS, makeEvent, rules, sh, ticketIn } from './factories'

const NOW = sh('2026-10-20T15:00:00')

function meetingWith(tickets: Ticket[], overrides: Partial<Meeting> = {}): Meeting {
  const made = newMeeting(
    {
      kind: 'reception',
      title: '第1期接待日',
      startsAt: sh('2026-10-20T14:30:00'),
      place: '市政府',
      leaderIds: ['leader-mayor'],
      chair: '',
      unitCodes: [],
      enterpriseIds: [],
      representatives: '',
      ticketIds: [],
    },
    { id: 'M-1', openid: 'u-dispatcher', requestId: 'req-create-01' },
    sh('2026-10-10T09:00:00'),
  )
  if (!made.ok) throw new Error(made.message)
  const added = addToAgenda({ ...made.value, ...overrides }, tickets, 'added', sh('2026-10-12T09:00:00'))
  if (!added.ok) throw new Error(added.message)
  return added.value
}

const COMMITMENT = { unitCode: 'hrss', what: '组织专场招聘会', dueAt: sh('2026-10-30T12:00:00') }

describe('the lifecycle guard hasNoOpenChildren', () => {
  const parent: Ticket = { ...ticketIn('signed'), childIds: ['T-c1', 'T-c2'] }
  it.each<[string, { openChildIds?: string[] } | undefined, boolean, string?]>([
    ['refuses while two are open, saying how many', { openChildIds: ['T-c1', 'T-c2'] }, false, '还有2项承诺事项未办结'],
    ['refuses when the shell did not load them (never guesses)', undefined, false, '承诺事项办理情况未知'],
    ['allows once all are done', { openChildIds: [] }, true, undefined],
  ])('%s', (_why, facts, allowed, message) => {
    const result = transition(parent, makeEvent('reply'), ACTORS.handler, rules, BUILT_IN_CALENDAR, NOW, facts)
    expect(result.ok).toBe(allowed)
    if (!result.ok) expect(result.message).toContain(message)
  })

  it('does not concern a ticket without commitments', () => {
    expect(transition(ticketIn('signed'), makeEvent('reply'), ACTORS.handler, rules, BUILT_IN_CALENDAR, NOW).ok).toBe(
      true,
    )
  })

  it('lets the answer from commitments through only after a decision', () => {
    const refused = transition(
      ticketIn('signed'),
      makeEvent('answerFromCommitments'),
      ACTORS.dispatcher,
      rules,
      BUILT_IN_CALENDAR,
      NOW,
    )
    expect(refused).toMatchObject({ ok: false, message: '接待日或专题协调会尚未议定此诉求' })
  })
})

describe('holding a coordination meeting', () => {
  const coordination = ticketIn('dispatched', {
    events: { dispatch: { units: ['hrss', 'education'], reason: '涉及多个部门' } },
  })
  const due = coordination.meetingDueAt!
  it.each<[string, number, boolean]>([
    ['a millisecond before the due: on time', -1, false],
    ['at the due: on time', 0, false],
    ['a millisecond after: late, and it stays late', 1, true],
  ])('%s', (_why, offset, late) => {
    const heldAt = new Date(due.getTime() + offset)
    const result = transition(
      coordination,
      makeEvent('recordDecision', { kind: 'coordination', heldAt }),
      ACTORS.dispatcher,
      rules,
      BUILT_IN_CALENDAR,
      new Date(heldAt.getTime() + 60_000),
    )
    if (!result.ok) throw new Error(result.message)
    expect(result.ticket).toMatchObject({ meetingDueAt: null, meetingHeldAt: heldAt, meetingLate: late })
    // the due is cleared in the effects too: the reminders stop chasing "专题协调会已逾期"
    expect(result.effects).toContainEqual({
      kind: 'deadline',
      ticketId: coordination._id,
      due: 'meetingDueAt',
      at: null,
      remindAt: null,
    })
  })
})

describe('a decision', () => {
  const parent = ticketIn('dispatched')

  it('derives the commitment and child ids from the retry key, and a retry changes nothing', () => {
    const meeting = meetingWith([parent])
    const plan = planDecision(
      meeting,
      { ticketId: parent._id, decision: '人社局牵头', commitments: [COMMITMENT] },
      'req-d-1',
      NOW,
    )
    if (!plan.ok) throw new Error(plan.message)
    const id = commitmentIdFor('M-1', parent._id, 'req-d-1', 0)
    expect(plan.value.item.commitments).toEqual([
      {
        id,
        unitCode: 'hrss',
        what: '组织专场招聘会',
        dueAt: sh('2026-10-30T23:59:59.999'),
        childTicketId: childTicketIdFor(id),
      },
    ])
    const again = planDecision(
      plan.value.meeting,
      { ticketId: parent._id, decision: '人社局牵头', commitments: [COMMITMENT] },
      'req-d-1',
      NOW,
    )
    expect(again).toMatchObject({ ok: true, value: { changed: false } })
  })

  it.each<[string, Partial<Parameters<typeof planDecision>[1]>, string, Date?]>([
    ['before the session: refused', {}, '会议尚未召开', sh('2026-10-20T14:00:00')],
    ['nothing committed and no outcome', { commitments: [] }, '请选择办理结果'],
    [
      'a commitment already past due',
      { commitments: [{ ...COMMITMENT, dueAt: sh('2026-10-19T12:00:00') }] },
      '第1项承诺事项的完成期限已过',
    ],
  ])('%s', (_why, input, message, at = NOW) => {
    const result = planDecision(
      meetingWith([parent]),
      { ticketId: parent._id, decision: '议定', commitments: [COMMITMENT], ...input },
      'req-d-2',
      at,
    )
    expect(result).toMatchObject({ ok: false })
    if (!result.ok) expect(result.message).toContain(message)
  })

  it('refuses a second decision from another call (two office users at once)', () => {
    const first = planDecision(
      meetingWith([parent]),
      { ticketId: parent._id, decision: 'A', commitments: [COMMITMENT] },
      'req-a',
      NOW,
    )
    if (!first.ok) throw new Error(first.message)
    const second = planDecision(
      first.value.meeting,
      { ticketId: parent._id, decision: 'B', commitments: [], outcome: 'solved' },
      'req-b',
      NOW,
    )
    expect(second).toMatchObject({ ok: false, code: 'CONFLICT' })
  })
})

describe('a commitment', () => {
  const parent = ticketIn('dispatched')
  const meeting = meetingWith([parent])
  const plan = planDecision(
    meeting,
    { ticketId: parent._id, decision: '议定', commitments: [COMMITMENT] },
    'req-c',
    NOW,
  )
  if (!plan.ok) throw new Error(plan.message)
  const commitment = plan.value.item.commitments[0]
  const { ticket: child, effects } = openCommitmentTicket(
    parent,
    commitment,
    meeting,
    0,
    ACTORS.dispatcher,
    rules,
    BUILT_IN_CALENDAR,
    NOW,
  )

  it('is a child ticket dispatched to its unit, due when promised, linked to its parent and origin', () => {
    expect(child).toMatchObject({
      _id: commitment.childTicketId,
      no: `${parent.no}-1`,
      state: 'dispatched',
      units: ['hrss'],
      track: 'timed',
      replyDueAt: commitment.dueAt,
      parentId: parent._id,
      origin: { kind: 'reception', id: 'M-1', commitmentId: commitment.id },
      meetingLeaderIds: ['leader-mayor'],
      enterpriseId: parent.enterpriseId,
    })
    expect(effects.filter((e) => e.kind === 'notify').map((e) => e.kind === 'notify' && e.template)).toEqual([
      'ticketDispatched',
    ])
  })

  it('runs the normal loop: sign, reply', () => {
    const signed = transition(
      child,
      makeEvent('sign'),
      ACTORS.handler,
      rules,
      BUILT_IN_CALENDAR,
      sh('2026-10-21T09:00:00'),
    )
    if (!signed.ok) throw new Error(signed.message)
    expect(
      transition(signed.ticket, makeEvent('reply'), ACTORS.handler, rules, BUILT_IN_CALENDAR, sh('2026-10-22T09:00:00'))
        .ok,
    ).toBe(true)
  })

  it('is late once its due passes unanswered, or when answered after it; the fact stays', () => {
    const due = commitment.dueAt
    const after = new Date(due.getTime() + 1)
    expect(isCommitmentLate(commitment, child, due)).toBe(false)
    expect(isCommitmentLate(commitment, child, after)).toBe(true)
    const answeredLate = {
      ...child,
      state: 'closed' as const,
      reply: { text: '', attachments: [], at: after, by: 'x' },
    }
    expect(isCommitmentLate(commitment, answeredLate, sh('2027-01-01T00:00:00'))).toBe(true)
    const tally = tallyByEnterprise(plan.value.meeting, new Map([[child._id, answeredLate]]), after)
    expect(tally).toEqual([
      {
        enterpriseId: parent.enterpriseId,
        enterpriseName: parent.enterpriseName,
        raised: 1,
        promised: 1,
        done: 1,
        late: 1,
      },
    ])
  })

  it('cannot be withdrawn by the enterprise: it is the city’s promise', () => {
    const result = transition(child, makeEvent('withdraw'), ACTORS.enterprise, rules, BUILT_IN_CALENDAR, NOW)
    expect(result).toMatchObject({ ok: false, message: '承诺事项由接待日或专题协调会议定，不能撤回' })
  })

  it('is not a collected problem: the summary counts its parent once', () => {
    const stats = summarize([parent, child])
    expect(stats.collected).toBe(1)
  })

  it('gives the parent its answer: the decision, then each commitment; solved only if all were', () => {
    const done = (outcome: 'solved' | 'planned') => ({
      ...child,
      state: 'replied' as const,
      outcome,
      reply: { text: '已办结', attachments: [], at: NOW, by: 'x' },
    })
    const decided = {
      meetingDecisions: [{ meetingId: 'M-1', kind: 'reception' as const, text: '人社局牵头', at: NOW, childIds: [] }],
    }
    expect(answerFromCommitments(decided, [done('solved')], { hrss: '市人社局' }, { [child._id]: 'hrss' })).toEqual({
      outcome: 'solved',
      text: '接待日议定：人社局牵头\n承诺事项办理情况：\n1. 组织专场招聘会（市人社局）：已解决，已办结',
    })
    expect(answerFromCommitments(decided, [done('solved'), done('planned')]).outcome).toBe('planned')
  })
})
