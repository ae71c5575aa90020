/**
 * The ticket lifecycle (DESIGN.md §3). The spec below is written from the design, independently of the
 * table in lifecycle.ts; every state × event × role is checked against it. Then each event's guards at
 * their edges, and what each event does.
 */
import { BUILT_IN_CALENDAR } from '../../cloudfunctions/core/clock'
import { TICKET_STATES, type ActorRole, type Ticket, type TicketState } from '../../types/domain'
import { TICKET_EVENT_TYPES, type Actor, type TicketEventType } from '../../cloudfunctions/core/events'
import { LIFECYCLE, submissionEffects, transition, type TransitionResult } from '../../cloudfunctions/core/lifecycle'
import { openTicket } from '../../cloudfunctions/core/intake'
import {
  ACTORS,
  ACTOR_ROLES,
  TIMES,
  USUAL_ACTOR,
  deepFreeze,
  fire,
  makeEvent,
  makeIntake,
  rules,
  rulesWith,
  sh,
  ticketIn,
} from './factories'

const END = 'T23:59:59.999'

/** Who may fire what, where, and where it leads — from DESIGN.md §3. */
const SPEC: {
  readonly [S in TicketState]: { readonly [E in TicketEventType]?: { to: TicketState; by: readonly ActorRole[] } }
} = {
  submitted: {
    accept: { to: 'accepted', by: ['dispatcher'] },
    reject: { to: 'rejected', by: ['dispatcher'] },
    resolveOnSite: { to: 'replied', by: ['commissioner', 'leader', 'dispatcher'] },
    askSupplement: { to: 'submitted', by: ['dispatcher'] },
    supplement: { to: 'submitted', by: ['enterprise'] },
    withdraw: { to: 'withdrawn', by: ['enterprise'] },
    instruct: { to: 'submitted', by: ['leader'] },
    recordDecision: { to: 'submitted', by: ['dispatcher'] },
    answerFromCommitments: { to: 'replied', by: ['dispatcher', 'system'] },
    note: { to: 'submitted', by: ['handler', 'unitHead', 'commissioner', 'leader', 'dispatcher'] },
    takeUpward: { to: 'submitted', by: ['commissioner', 'dispatcher'] },
  },
  accepted: {
    dispatch: { to: 'dispatched', by: ['dispatcher'] },
    withdraw: { to: 'withdrawn', by: ['enterprise'] },
    instruct: { to: 'accepted', by: ['leader'] },
    recordDecision: { to: 'accepted', by: ['dispatcher'] },
    answerFromCommitments: { to: 'replied', by: ['dispatcher', 'system'] },
    resolveOnSite: { to: 'replied', by: ['commissioner'] },
    note: { to: 'accepted', by: ['handler', 'unitHead', 'commissioner', 'leader', 'dispatcher'] },
    takeUpward: { to: 'accepted', by: ['commissioner', 'dispatcher'] },
  },
  dispatched: {
    sign: { to: 'signed', by: ['handler'] },
    sendBack: { to: 'accepted', by: ['handler'] },
    reassign: { to: 'dispatched', by: ['dispatcher'] },
    withdraw: { to: 'withdrawn', by: ['enterprise'] },
    supervise: { to: 'dispatched', by: ['dispatcher', 'system'] },
    escalate: { to: 'dispatched', by: ['dispatcher', 'leader'] },
    escalateOverdue: { to: 'dispatched', by: ['system'] },
    instruct: { to: 'dispatched', by: ['leader'] },
    scheduleReception: { to: 'dispatched', by: ['dispatcher'] },
    recordDecision: { to: 'dispatched', by: ['dispatcher'] },
    answerFromCommitments: { to: 'replied', by: ['dispatcher', 'system'] },
    resolveOnSite: { to: 'replied', by: ['commissioner'] },
    note: { to: 'dispatched', by: ['handler', 'unitHead', 'commissioner', 'leader', 'dispatcher'] },
    requestMeeting: { to: 'dispatched', by: ['leader'] },
    takeUpward: { to: 'dispatched', by: ['commissioner', 'dispatcher'] },
  },
  signed: {
    reply: { to: 'replied', by: ['handler'] },
    sendBack: { to: 'accepted', by: ['handler'] },
    reassign: { to: 'dispatched', by: ['dispatcher'] },
    requestExtension: { to: 'signed', by: ['handler'] },
    approveExtension: { to: 'signed', by: ['unitHead'] },
    denyExtension: { to: 'signed', by: ['unitHead'] },
    askSupplement: { to: 'signed', by: ['handler'] },
    supplement: { to: 'signed', by: ['enterprise'] },
    withdraw: { to: 'withdrawn', by: ['enterprise'] },
    supervise: { to: 'signed', by: ['dispatcher', 'system'] },
    escalate: { to: 'signed', by: ['dispatcher', 'leader'] },
    escalateOverdue: { to: 'signed', by: ['system'] },
    instruct: { to: 'signed', by: ['leader'] },
    scheduleReception: { to: 'signed', by: ['dispatcher'] },
    recordDecision: { to: 'signed', by: ['dispatcher'] },
    answerFromCommitments: { to: 'replied', by: ['dispatcher', 'system'] },
    resolveOnSite: { to: 'replied', by: ['commissioner'] },
    note: { to: 'signed', by: ['handler', 'unitHead', 'commissioner', 'leader', 'dispatcher'] },
    requestMeeting: { to: 'signed', by: ['leader'] },
    takeUpward: { to: 'signed', by: ['commissioner', 'dispatcher'] },
  },
  replied: {
    rate: { to: 'closed', by: ['enterprise'] },
    expireRating: { to: 'closed', by: ['system'] },
    instruct: { to: 'replied', by: ['leader'] },
    note: { to: 'replied', by: ['handler', 'unitHead', 'commissioner', 'leader', 'dispatcher'] },
  },
  closed: {
    reopen: { to: 'dispatched', by: ['enterprise', 'dispatcher'] },
    note: { to: 'closed', by: ['handler', 'unitHead', 'commissioner', 'leader', 'dispatcher'] },
  },
  rejected: {},
  withdrawn: {},
}

/**
 * A ticket in `state` on which `event` passes its guards, and the moment to fire it: the preconditions
 * each guard asks for (a pending extension, a paused clock, an overdue reply, …).
 */
function readyFor(state: TicketState, event: TicketEventType): { ticket: Ticket; now: Date } {
  const onReception =
    event === 'scheduleReception' ? { events: { dispatch: { flags: ['major'], reason: '重大问题，提交接待日' } } } : {}
  const onVisit = event === 'resolveOnSite' ? { intake: { channel: 'visit' as const } } : {}
  let ticket = ticketIn(state, { ...onReception, ...onVisit })
  let now = new Date(ticket.updatedAt.getTime() + 60_000)
  if (event === 'supplement' && SPEC[state].askSupplement) {
    ticket = fire(ticket, 'askSupplement', now, {}, state === 'submitted' ? ACTORS.dispatcher : ACTORS.handler)
    now = new Date(now.getTime() + 60_000)
  }
  if ((event === 'approveExtension' || event === 'denyExtension') && SPEC[state].requestExtension) {
    ticket = fire(ticket, 'requestExtension', now)
    now = new Date(now.getTime() + 60_000)
  }
  // answered from commitments: a session decided about it first (the decision is its guard hasMeetingDecision)
  if (event === 'answerFromCommitments' && SPEC[state].recordDecision) {
    ticket = fire(ticket, 'recordDecision', now, {}, ACTORS.dispatcher)
    now = new Date(now.getTime() + 60_000)
  }
  if (event === 'escalateOverdue') now = sh('2026-10-20T09:00:00') // reply due 13 Oct: 5 working days overdue
  if (event === 'expireRating' && ticket.ratingDueAt) now = new Date(ticket.ratingDueAt.getTime() + 1)
  return { ticket, now }
}

describe('the table matches the design', () => {
  const cases = TICKET_STATES.flatMap((state) =>
    TICKET_EVENT_TYPES.flatMap((event) => ACTOR_ROLES.map((role) => [state, event, role] as const)),
  )

  it.each(cases)('%s × %s × %s', (state, event, role) => {
    const { ticket, now } = readyFor(state, event)
    const result = transition(ticket, makeEvent(event), ACTORS[role], rules, BUILT_IN_CALENDAR, now)
    const spec = SPEC[state][event]
    if (spec === undefined) {
      expect(result).toMatchObject({ ok: false, code: 'INVALID_TRANSITION' })
    } else if (!spec.by.includes(role)) {
      expect(result).toMatchObject({ ok: false, code: 'FORBIDDEN' })
    } else {
      expect(result).toMatchObject({ ok: true, ticket: { state: spec.to } })
    }
  })

  it('has no row the spec does not have', () => {
    for (const state of TICKET_STATES) {
      expect(Object.keys(LIFECYCLE[state]).sort()).toEqual(Object.keys(SPEC[state]).sort())
    }
  })

  it('says in Chinese why not', () => {
    const closed = ticketIn('closed')
    expect(transition(closed, makeEvent('reply'), ACTORS.handler, rules, BUILT_IN_CALENDAR, TIMES.closed)).toEqual({
      ok: false,
      code: 'INVALID_TRANSITION',
      message: '已办结的诉求不能答复',
    })
    expect(
      transition(ticketIn('submitted'), makeEvent('accept'), ACTORS.handler, rules, BUILT_IN_CALENDAR, TIMES.accepted),
    ).toEqual({
      ok: false,
      code: 'FORBIDDEN',
      message: '承办单位经办人不能受理',
    })
  })
})

describe('scope beyond the role', () => {
  it.each<[string, TicketState, TicketEventType, Actor, string]>([
    [
      "another enterprise's contact",
      'submitted',
      'withdraw',
      { ...ACTORS.enterprise, enterpriseId: 'ent-other' },
      '只能办理本企业的诉求',
    ],
    [
      'a handler of a co-unit',
      'dispatched',
      'sign',
      { ...ACTORS.handler, unitCode: 'education' },
      '只有牵头承办单位可以办理此诉求',
    ],
    [
      'a handler without a unit',
      'dispatched',
      'sign',
      { ...ACTORS.handler, unitCode: undefined },
      '只有牵头承办单位可以办理此诉求',
    ],
  ])('%s is FORBIDDEN', (_who, state, event, actor, message) => {
    const ticket = ticketIn(state)
    expect(transition(ticket, makeEvent(event), actor, rules, BUILT_IN_CALENDAR, TIMES.signed)).toEqual({
      ok: false,
      code: 'FORBIDDEN',
      message,
    })
  })

  it('the head of another unit cannot approve an extension', () => {
    const ticket = fire(ticketIn('signed'), 'requestExtension', TIMES.signed)
    const result = transition(
      ticket,
      makeEvent('approveExtension'),
      { ...ACTORS.unitHead, unitCode: 'education' },
      rules,
      BUILT_IN_CALENDAR,
      TIMES.signed,
    )
    expect(result).toMatchObject({ ok: false, code: 'FORBIDDEN' })
  })
})

describe('input', () => {
  // the message is plain Chinese with no field key or English value; the key says which field it belongs to
  it.each<[string, TicketState, TicketEventType, Record<string, unknown>, string, string]>([
    ['a send-back without a reason', 'dispatched', 'sendBack', { reason: ' ' }, '请填写退回理由', 'reason'],
    ['a reply with an unknown outcome', 'signed', 'reply', { outcome: 'done' }, '请选择办理结果', 'outcome'],
    ['a rating that does not exist', 'replied', 'rate', { rating: 'ok' }, '请选择评价', 'rating'],
    ['an extension of 0 days', 'signed', 'requestExtension', { days: 0 }, '延期至少1个工作日', 'days'],
    ['a reassignment to nobody', 'dispatched', 'reassign', { units: [] }, '请指定承办单位', 'units'],
    ['an unknown field', 'submitted', 'accept', { extra: 1 }, '请刷新后重试', '_'],
  ])('%s is INVALID_INPUT', (_why, state, event, overrides, fragment, field) => {
    const result = transition(
      ticketIn(state),
      makeEvent(event, overrides),
      ACTORS[USUAL_ACTOR[event]],
      rules,
      BUILT_IN_CALENDAR,
      TIMES.signed,
    )
    expect(result).toMatchObject({ ok: false, code: 'INVALID_INPUT', fields: { [field]: expect.any(String) } })
    expect(!result.ok && result.message).toContain(fragment)
    expect(!result.ok && result.message).not.toMatch(/[A-Za-z]/)
  })

  it('an unknown event is INVALID_INPUT', () => {
    const result = transition(
      ticketIn('submitted'),
      { type: 'approve' } as never,
      ACTORS.dispatcher,
      rules,
      BUILT_IN_CALENDAR,
      TIMES.accepted,
    )
    expect(result).toMatchObject({ ok: false, code: 'INVALID_INPUT' })
  })
})

function expectOk(result: TransitionResult): Extract<TransitionResult, { ok: true }> {
  if (!result.ok) throw new Error(`expected success, got ${result.code}: ${result.message}`)
  return result
}

describe('guards at their edges (limit − 1 ms, the limit, + 1 ms)', () => {
  const dispatched = ticketIn('dispatched') // dispatched Wed 30 Sep 12:00
  const signed = ticketIn('signed')
  const replied = ticketIn('replied') // replied Fri 9 Oct 10:00

  it('sends back within 2 working days of the dispatch: until the end of Fri 9 Oct', () => {
    const limit = sh(`2026-10-09${END}`)
    expect(dispatched.sendBackDueAt).toEqual(limit)
    const at = (ms: number) =>
      transition(
        dispatched,
        makeEvent('sendBack'),
        ACTORS.handler,
        rules,
        BUILT_IN_CALENDAR,
        new Date(limit.getTime() + ms),
      )
    expect(at(-1)).toMatchObject({ ok: true })
    expect(at(0)).toMatchObject({ ok: true })
    expect(at(1)).toMatchObject({
      ok: false,
      code: 'INVALID_TRANSITION',
      message: '已超过退回期限（派单后2个工作日内），请联系市重点办改派',
    })
  })

  it('asks for an extension before the reply is due (13 Oct)', () => {
    const limit = sh(`2026-10-13${END}`)
    expect(signed.replyDueAt).toEqual(limit)
    const at = (ms: number) =>
      transition(
        signed,
        makeEvent('requestExtension'),
        ACTORS.handler,
        rules,
        BUILT_IN_CALENDAR,
        new Date(limit.getTime() + ms),
      )
    expect(at(-1)).toMatchObject({ ok: true })
    expect(at(0)).toMatchObject({ ok: true })
    expect(at(1)).toMatchObject({ ok: false, code: 'INVALID_TRANSITION', message: '延期须在答复期限届满前申请' })
  })

  it('closes unrated only after the rating due (5 working days after the reply: 15 Oct)', () => {
    const limit = sh(`2026-10-15${END}`)
    expect(replied.ratingDueAt).toEqual(limit)
    const at = (ms: number) =>
      transition(
        replied,
        makeEvent('expireRating'),
        ACTORS.system,
        rules,
        BUILT_IN_CALENDAR,
        new Date(limit.getTime() + ms),
      )
    expect(at(-1)).toMatchObject({ ok: false, code: 'INVALID_TRANSITION', message: '评价期限未到' })
    expect(at(0)).toMatchObject({ ok: false, code: 'INVALID_TRANSITION' })
    expect(at(1)).toMatchObject({ ok: true, ticket: { state: 'closed', rating: null } })
  })

  it('escalates an overdue reply at 5 working days overdue, not 4', () => {
    const fourDays = sh('2026-10-19T23:59:59.999')
    const fiveDays = sh('2026-10-20T00:00:00')
    expect(
      transition(signed, makeEvent('escalateOverdue'), ACTORS.system, rules, BUILT_IN_CALENDAR, fourDays),
    ).toMatchObject({
      ok: false,
      message: '答复逾期未满5个工作日，或已是最高办理层级，无需升级',
    })
    expect(
      transition(signed, makeEvent('escalateOverdue'), ACTORS.system, rules, BUILT_IN_CALENDAR, fiveDays),
    ).toMatchObject({
      ok: true,
      ticket: { track: 'coordination', ruleIds: ['R-COORD-OVERDUE', 'R-CAT-LABOR'] },
    })
  })

  it('extensions add up to at most 10 working days', () => {
    let ticket = signed
    ticket = fire(ticket, 'requestExtension', TIMES.signed, { days: 7 })
    ticket = fire(ticket, 'approveExtension', TIMES.signed)
    expect(
      transition(
        ticket,
        makeEvent('requestExtension', { days: 4 }),
        ACTORS.handler,
        rules,
        BUILT_IN_CALENDAR,
        TIMES.signed,
      ),
    ).toEqual({
      ok: false,
      code: 'INVALID_INPUT',
      message: '延期合计不能超过10个工作日（已延期7个工作日）',
    })
    expect(
      transition(
        ticket,
        makeEvent('requestExtension', { days: 3 }),
        ACTORS.handler,
        rules,
        BUILT_IN_CALENDAR,
        TIMES.signed,
      ),
    ).toMatchObject({ ok: true })
  })

  it.each<[string, () => Ticket, TicketEventType, Actor, string]>([
    [
      'one pending extension at a time',
      () => fire(signed, 'requestExtension', TIMES.signed),
      'requestExtension',
      ACTORS.handler,
      '已有待审批的延期申请',
    ],
    ['nothing to approve', () => signed, 'approveExtension', ACTORS.unitHead, '没有待审批的延期申请'],
    ['nothing to supplement', () => signed, 'supplement', ACTORS.enterprise, '当前没有需要补充的材料'],
    [
      'already waiting for material',
      () => fire(signed, 'askSupplement', TIMES.signed),
      'askSupplement',
      ACTORS.handler,
      '正在等待企业补充材料，请勿重复要求',
    ],
    [
      'onsite only from a visit or a reception day, or by the enterprise’s commissioner',
      () => ticketIn('submitted'),
      'resolveOnSite',
      ACTORS.leader,
      '只有走访或接待日当场提出的诉求，或服务专员所联系企业的诉求，可以登记现场办结',
    ],
    [
      'reopen only after 不满意',
      () => ticketIn('closed', { events: { rate: { rating: 'basicallySatisfied' } } }),
      'reopen',
      ACTORS.enterprise,
      '只有评价为不满意的诉求可以重办',
    ],
    [
      'a reception day only for the reception track',
      () => dispatched,
      'scheduleReception',
      ACTORS.dispatcher,
      '只有提交接待日的诉求需要安排接待日',
    ],
  ])('%s', (_why, ticketOf, event, actor, message) => {
    expect(transition(ticketOf(), makeEvent(event), actor, rules, BUILT_IN_CALENDAR, TIMES.signed)).toMatchObject({
      ok: false,
      message,
    })
  })

  it('a duplicate cannot be merged into itself; a reassignment must change the units', () => {
    const submitted = ticketIn('submitted')
    expect(
      transition(
        submitted,
        makeEvent('reject', { mergedInto: submitted._id }),
        ACTORS.dispatcher,
        rules,
        BUILT_IN_CALENDAR,
        TIMES.accepted,
      ),
    ).toMatchObject({
      ok: false,
      code: 'INVALID_INPUT',
    })
    expect(
      transition(
        dispatched,
        makeEvent('reassign', { units: ['hrss'] }),
        ACTORS.dispatcher,
        rules,
        BUILT_IN_CALENDAR,
        TIMES.signed,
      ),
    ).toMatchObject({
      ok: false,
      code: 'INVALID_INPUT',
      message: '改派须指定与现在不同的承办单位',
    })
  })
  it('a dispatch that overrides the graded units or flags must say why; confirming needs no reason', () => {
    const accepted = ticketIn('accepted')
    const dispatchAs = (fields: Record<string, unknown>) =>
      transition(accepted, makeEvent('dispatch', fields), ACTORS.dispatcher, rules, BUILT_IN_CALENDAR, TIMES.dispatched)
    const refusal = { ok: false, code: 'INVALID_INPUT', message: '调整了承办单位或分级标记，请填写调整理由' }
    expect(dispatchAs({ units: ['education'] })).toMatchObject(refusal)
    expect(dispatchAs({ flags: ['upstream'] })).toMatchObject(refusal)
    expect(dispatchAs({})).toMatchObject({ ok: true })
    expect(dispatchAs({ units: accepted.units, flags: accepted.flags })).toMatchObject({ ok: true })
    const overridden = dispatchAs({ units: ['education'], reason: '子女入学问题，由教育局牵头' })
    expect(overridden).toMatchObject({ ok: true, ticket: { units: ['education'] } })
    if (overridden.ok) expect(overridden.ticket.timeline.at(-1)).toMatchObject({ reason: '子女入学问题，由教育局牵头' })
  })
})

describe('what each event does', () => {
  it('opens a ticket graded, with the accept due, telling the dispatcher', () => {
    const ticket = openTicket(makeIntake(), rules, BUILT_IN_CALENDAR, TIMES.submitted)
    expect(ticket).toMatchObject({
      state: 'submitted',
      version: 1,
      track: 'timed',
      units: ['hrss'],
      acceptDueAt: sh(`2026-10-08${END}`),
    })
    expect(submissionEffects(ticket, rules, BUILT_IN_CALENDAR)).toEqual([
      { kind: 'timeline', ticketId: 'T-1', entry: ticket.timeline[0] },
      {
        kind: 'notify',
        ticketId: 'T-1',
        template: 'ticketSubmitted',
        audience: ['dispatcher', 'serviceTeam', 'commissioners', 'leadServiceUnit'],
      },
      {
        kind: 'deadline',
        ticketId: 'T-1',
        due: 'acceptDueAt',
        at: sh(`2026-10-08${END}`),
        remindAt: sh('2026-09-30T00:00:00'),
      },
    ])
  })

  it('dispatch confirms grade and route and sets every handling due from the dispatch', () => {
    const accepted = ticketIn('accepted')
    const { ticket, effects } = expectOk(
      transition(
        accepted,
        makeEvent('dispatch', {
          units: ['hrss', 'education'],
          flags: ['upstream'],
          reason: '涉及教育局，需自治区协调',
        }),
        ACTORS.dispatcher,
        rules,
        BUILT_IN_CALENDAR,
        TIMES.dispatched,
      ),
    )
    expect(ticket).toMatchObject({
      state: 'dispatched',
      track: 'coordination',
      level: 'region',
      units: ['hrss', 'education'],
      flags: ['upstream'],
      ruleIds: ['R-COORD-MULTI', 'R-LEVEL-UPSTREAM', 'R-CAT-LABOR'],
      dispatchedAt: TIMES.dispatched,
      signDueAt: sh(`2026-10-08${END}`),
      sendBackDueAt: sh(`2026-10-09${END}`),
      meetingDueAt: sh(`2026-10-20${END}`),
      replyDueAt: sh(`2026-11-03${END}`),
    })
    expect(
      effects
        .filter((effect) => effect.kind === 'deadline')
        .map((effect) => effect.kind === 'deadline' && [effect.due, effect.remindAt]),
    ).toEqual([
      ['signDueAt', sh('2026-09-30T00:00:00')],
      ['sendBackDueAt', null], // a right of the handler, not a duty: nothing to remind of
      ['replyDueAt', sh('2026-11-02T00:00:00')],
      ['meetingDueAt', sh('2026-10-19T00:00:00')],
    ])
    expect(effects).toContainEqual({
      kind: 'notify',
      ticketId: 'T-1',
      template: 'ticketDispatched',
      audience: ['leadUnit', 'coUnits', 'taskForce', 'leadServiceUnit'],
    })
  })

  it('the first dispatch grades afresh: dropping the major flag drops the reception track', () => {
    const accepted = ticketIn('accepted', { intake: { flags: ['major'] } })
    expect(accepted.track).toBe('reception')
    const { ticket } = expectOk(
      transition(
        accepted,
        makeEvent('dispatch', { flags: [], reason: '经核实不属重大问题' }),
        ACTORS.dispatcher,
        rules,
        BUILT_IN_CALENDAR,
        TIMES.dispatched,
      ),
    )
    expect(ticket.track).toBe('timed')
  })

  it('sendBack returns to the office and clears the handling dues; re-dispatch keeps an escalated track', () => {
    const escalated = fire(ticketIn('dispatched'), 'escalate', TIMES.dispatched)
    const sentBack = fire(escalated, 'sendBack', TIMES.dispatched)
    expect(sentBack).toMatchObject({
      state: 'accepted',
      signDueAt: null,
      replyDueAt: null,
      sendBackDueAt: null,
      track: 'coordination',
    })
    const redispatched = fire(sentBack, 'dispatch', TIMES.signed, {
      units: ['education'],
      reason: '人社局退回，改由教育局办理',
    })
    expect(redispatched).toMatchObject({
      track: 'coordination',
      units: ['education'],
      ruleIds: ['R-COORD-KEEP', 'R-CAT-LABOR'],
    })
  })

  it('reassign gives the new unit its own limits and extension allowance', () => {
    let ticket = fire(ticketIn('signed'), 'requestExtension', TIMES.signed, { days: 2 })
    ticket = fire(ticket, 'approveExtension', TIMES.signed)
    const reassigned = fire(ticket, 'reassign', sh('2026-10-12T09:00:00'), { units: ['education'] })
    expect(reassigned).toMatchObject({
      state: 'dispatched',
      units: ['education'],
      extensionDaysGranted: 0,
      extensionRequest: null,
      replyDueAt: sh(`2026-10-19${END}`),
    })
  })

  it('an approved extension moves the reply due by working days, over the make-up Saturday', () => {
    let ticket = fire(ticketIn('signed'), 'requestExtension', TIMES.signed, { days: 3 })
    expect(ticket.extensionRequest).toMatchObject({ status: 'pending', days: 3, requestedBy: ACTORS.handler.id })
    ticket = fire(ticket, 'approveExtension', sh('2026-10-14T09:00:00'))
    expect(ticket.replyDueAt).toEqual(sh(`2026-10-16${END}`)) // 13 Oct + 3: 14, 15, 16
    expect(ticket.extensionRequest).toMatchObject({ status: 'approved', decidedBy: ACTORS.unitHead.id })
    expect(ticket.extensionDaysGranted).toBe(3)
  })

  it('a denied extension leaves the due alone', () => {
    let ticket = fire(ticketIn('signed'), 'requestExtension', TIMES.signed)
    ticket = fire(ticket, 'denyExtension', TIMES.signed)
    expect(ticket.replyDueAt).toEqual(sh(`2026-10-13${END}`))
    expect(ticket.extensionRequest?.status).toBe('denied')
  })

  it('a supplement stops the clock: the reply due moves by the working days spent waiting', () => {
    let ticket = fire(ticketIn('signed'), 'askSupplement', sh('2026-10-09T10:00:00'))
    expect(ticket.pausedAt).toEqual(sh('2026-10-09T10:00:00'))
    ticket = fire(ticket, 'supplement', sh('2026-10-12T15:00:00'))
    // waited Sat 10 (make-up) and Mon 12: two working days
    expect(ticket.replyDueAt).toEqual(sh(`2026-10-15${END}`))
    expect(ticket.pausedAt).toBeNull()
    expect(ticket.supplements).toEqual([
      {
        question: '请补充用工岗位清单',
        askedAt: sh('2026-10-09T10:00:00'),
        askedBy: ACTORS.handler.id,
        answeredAt: sh('2026-10-12T15:00:00'),
        text: '岗位清单见附件',
        attachments: ['cloud://files/list.pdf'],
      },
    ])
  })

  it('a supplement asked before acceptance moves the accept due', () => {
    let ticket = fire(ticketIn('submitted'), 'askSupplement', sh('2026-09-30T11:00:00'), {}, ACTORS.dispatcher)
    ticket = fire(ticket, 'supplement', sh('2026-10-09T09:00:00'))
    expect(ticket.acceptDueAt).toEqual(sh(`2026-10-10${END}`)) // waited 8 and 9 Oct
  })

  it('moving on without the supplement still ends the pause and keeps the days waited', () => {
    let ticket = fire(ticketIn('signed'), 'askSupplement', sh('2026-10-09T10:00:00'))
    ticket = fire(ticket, 'reply', sh('2026-10-12T15:00:00'))
    expect(ticket).toMatchObject({ state: 'replied', pausedAt: null, replyDueAt: sh(`2026-10-15${END}`) })
    expect(ticket.supplements[0].answeredAt).toBeNull()
  })

  it('reply records the answer and starts the rating clock', () => {
    const ticket = ticketIn('replied')
    expect(ticket).toMatchObject({
      outcome: 'solved',
      reply: { text: '已组织专场招聘会，招到焊工48名', attachments: [], at: TIMES.replied, by: ACTORS.handler.id },
      ratingDueAt: sh(`2026-10-15${END}`),
    })
  })

  it('resolveOnSite answers at once, on the onsite track, and still waits for the rating', () => {
    const submitted = ticketIn('submitted', { intake: { channel: 'visit' } })
    const { ticket } = expectOk(
      transition(submitted, makeEvent('resolveOnSite'), ACTORS.commissioner, rules, BUILT_IN_CALENDAR, TIMES.accepted),
    )
    expect(ticket).toMatchObject({
      state: 'replied',
      track: 'onsite',
      outcome: 'solved',
      ratingDueAt: sh(`2026-10-13${END}`),
    })
    expect(ticket.ruleIds[0]).toBe('R-TRACK-ONSITE')
  })

  it('reject as a duplicate records the ticket it is merged into', () => {
    const ticket = fire(ticketIn('submitted'), 'reject', TIMES.accepted, { reason: '重复提交', mergedInto: 'T-0' })
    expect(ticket).toMatchObject({ state: 'rejected', mergedInto: 'T-0' })
    expect(ticket.timeline.at(-1)).toMatchObject({ reason: '重复提交', note: '重复诉求，合并至 T-0' })
  })

  it('reopen after 不满意 goes back to the unit, counts, and regrades', () => {
    const closed = ticketIn('closed')
    const once = fire(closed, 'reopen', sh('2026-10-12T09:00:00'))
    expect(once).toMatchObject({
      state: 'dispatched',
      reopenCount: 1,
      track: 'timed',
      outcome: null,
      reply: null,
      rating: null,
      ratingDueAt: null,
      closedAt: null,
      replyDueAt: sh(`2026-10-19${END}`),
    })
    // the second reopen makes it a coordination matter (R-COORD-REOPENED), the third a reception one
    const twice = fire(
      fire(
        fire(fire(once, 'sign', sh('2026-10-12T10:00:00')), 'reply', sh('2026-10-12T11:00:00')),
        'rate',
        sh('2026-10-12T12:00:00'),
        { rating: 'dissatisfied' },
      ),
      'reopen',
      sh('2026-10-12T13:00:00'),
    )
    expect(twice).toMatchObject({ reopenCount: 2, track: 'coordination', ruleIds: ['R-COORD-REOPENED', 'R-CAT-LABOR'] })
    const result = expectOk(
      transition(
        fire(
          fire(fire(twice, 'sign', sh('2026-10-13T10:00:00')), 'reply', sh('2026-10-13T11:00:00')),
          'rate',
          sh('2026-10-13T12:00:00'),
          { rating: 'dissatisfied' },
        ),
        makeEvent('reopen'),
        ACTORS.dispatcher,
        rules,
        BUILT_IN_CALENDAR,
        sh('2026-10-13T13:00:00'),
      ),
    )
    expect(result.ticket).toMatchObject({ reopenCount: 3, track: 'reception', replyDueAt: null })
    expect(
      result.effects
        .filter((effect) => effect.kind === 'notify')
        .map((effect) => effect.kind === 'notify' && effect.template),
    ).toEqual(['ticketReopened', 'ticketEscalated'])
  })

  it('escalate goes one step up and recomputes the reply due for the new track', () => {
    const signed = ticketIn('signed')
    const coordination = fire(signed, 'escalate', sh('2026-10-09T09:00:00'))
    expect(coordination).toMatchObject({
      track: 'coordination',
      replyDueAt: sh(`2026-11-05${END}`),
      meetingDueAt: sh(`2026-10-22${END}`),
    })
    const reception = fire(coordination, 'escalate', sh('2026-10-09T10:00:00'), {}, ACTORS.leader)
    expect(reception).toMatchObject({ track: 'reception', replyDueAt: null, meetingDueAt: null })
    expect(
      transition(reception, makeEvent('escalate'), ACTORS.dispatcher, rules, BUILT_IN_CALENDAR, TIMES.signed),
    ).toMatchObject({
      ok: false,
      message: '接待日已是最高办理层级，不能再升级',
    })
    const scheduled = fire(reception, 'scheduleReception', sh('2026-10-12T09:00:00'))
    expect(scheduled).toMatchObject({ receptionDayAt: sh('2026-10-20T09:00:00'), replyDueAt: sh(`2026-11-17${END}`) })
  })

  it('an escalation lets a pending extension lapse: it was asked against the old due', () => {
    const pending = fire(ticketIn('signed'), 'requestExtension', TIMES.signed)
    const escalated = fire(fire(pending, 'escalate', TIMES.signed), 'escalate', TIMES.signed)
    expect(escalated).toMatchObject({ track: 'reception', replyDueAt: null, extensionRequest: null })
    expect(
      transition(escalated, makeEvent('approveExtension'), ACTORS.unitHead, rules, BUILT_IN_CALENDAR, TIMES.signed),
    ).toMatchObject({
      ok: false,
      message: '没有待审批的延期申请',
    })
  })

  it('supervise and instruct leave the state alone but leave their mark', () => {
    const signed = ticketIn('signed')
    const supervised = expectOk(
      transition(signed, makeEvent('supervise'), ACTORS.system, rules, BUILT_IN_CALENDAR, TIMES.replied),
    )
    expect(supervised.ticket.state).toBe('signed')
    expect(supervised.effects).toContainEqual({
      kind: 'notify',
      ticketId: 'T-1',
      template: 'ticketSupervised',
      audience: ['leadUnit', 'coUnits', 'unitHead', 'leadServiceUnit'],
    })
    const instructed = fire(signed, 'instruct', TIMES.replied)
    expect(instructed.instructions).toEqual([
      { text: '请人社局本周内答复', at: TIMES.replied, leaderId: ACTORS.leader.id, leaderName: '市领导' },
    ])
  })

  it('rate closes; withdraw is the enterprise taking it back', () => {
    expect(fire(ticketIn('replied'), 'rate', TIMES.closed, { rating: 'basicallySatisfied' })).toMatchObject({
      state: 'closed',
      rating: 'basicallySatisfied',
      closedAt: TIMES.closed,
    })
    expect(fire(ticketIn('signed'), 'withdraw', TIMES.replied).state).toBe('withdrawn')
  })
})

describe('every successful event', () => {
  it('appends exactly one frozen timeline entry, bumps the version by one and never touches its input', () => {
    const before = deepFreeze(ticketIn('signed'))
    const { ticket, effects } = expectOk(
      transition(before, makeEvent('reply'), ACTORS.handler, rules, BUILT_IN_CALENDAR, TIMES.replied),
    )
    expect(ticket.version).toBe(before.version + 1)
    expect(ticket.timeline).toHaveLength(before.timeline.length + 1)
    expect(ticket.timeline.slice(0, -1)).toEqual(before.timeline)
    const entry = ticket.timeline.at(-1)!
    expect(entry).toEqual({
      at: TIMES.replied,
      event: 'reply',
      actorId: ACTORS.handler.id,
      actorName: '人社局经办人',
      role: 'handler',
      from: 'signed',
      to: 'replied',
      note: '已组织专场招聘会，招到焊工48名',
    })
    expect(Object.isFrozen(entry)).toBe(true)
    expect(effects[0]).toEqual({ kind: 'timeline', ticketId: 'T-1', entry })
    expect(ticket.updatedAt).toEqual(TIMES.replied)
  })

  it('takes its limits from the rules it is given', () => {
    const ticket = fire(ticketIn('accepted'), 'dispatch', TIMES.dispatched)
    const shortRules = rulesWith({ 'reply.timed': 1 })
    const result = expectOk(
      transition(
        ticketIn('accepted'),
        makeEvent('dispatch'),
        ACTORS.dispatcher,
        shortRules,
        BUILT_IN_CALENDAR,
        TIMES.dispatched,
      ),
    )
    expect(ticket.replyDueAt).toEqual(sh(`2026-10-13${END}`))
    expect(result.ticket.replyDueAt).toEqual(sh(`2026-10-08${END}`))
  })
})
