/**
 * Issue 11: the form previews how track and deadlines change, computed by the transition itself; and the
 * enterprise is told — once, in plain Chinese, on its timeline and as a message — exactly when the reply due it
 * was shown moves, and why.
 */
import { BUILT_IN_CALENDAR, addWorkingDays } from '../../cloudfunctions/core/clock'
import type { Effect } from '../../cloudfunctions/core/effects'
import { transition } from '../../cloudfunctions/core/lifecycle'
import { PREVIEW_PLACEHOLDER, previewTransition } from '../../cloudfunctions/core/preview'
import { gradeReasonsOf } from '../../cloudfunctions/core/rules'
import { notificationsFromEffects, planOutbox, resolveTemplateIds } from '../../cloudfunctions/core/reminders'
import { defaultTemplateRegistry } from '../../cloudfunctions/core/reminders/templates'
import type { Actor, TicketEventInput } from '../../cloudfunctions/core/events'
import type { Ticket } from '../../types/domain'
import { envWithAllTemplateIds } from '../reminders/factories'
import { ACTORS, TIMES, fire, makeEvent, rules, sh, ticketIn } from './factories'

/** 18:00 Shanghai on the Nth working day after the ticket's reply due: N working days late. */
function daysAfterDue(ticket: Ticket, days: number): Date {
  return new Date(addWorkingDays(BUILT_IN_CALENDAR, ticket.replyDueAt!, days).at.getTime() - 6 * 3600_000)
}

function run(ticket: Ticket, event: TicketEventInput, actor: Actor, at: Date) {
  const result = transition(ticket, event, actor, rules, BUILT_IN_CALENDAR, at)
  if (!result.ok) throw new Error(`${result.code} ${result.message}`)
  return result
}

const notices = (effects: readonly Effect[]) =>
  effects.filter(
    (effect): effect is Extract<Effect, { kind: 'notify' }> =>
      effect.kind === 'notify' && effect.template === 'replyDueMoved',
  )
const toEnterprise = (effects: readonly Effect[]) =>
  effects.filter((effect) => effect.kind === 'notify' && effect.audience.includes('enterprise'))

/** A reception-track ticket: its reply due hangs on the reception day, not on the dispatch. */
function receptionTicket(): Ticket {
  return ticketIn('dispatched', {
    events: { dispatch: { flags: ['major'], reason: '重大事项', receptionDayAt: sh('2026-10-20T09:00:00') } },
  })
}

/** Every event that sets or moves a due, on a ticket it applies to, as its usual actor would fire it. */
const DUE_EVENTS: ReadonlyArray<{
  name: string
  ticket: () => Ticket
  event: TicketEventInput
  actor: Actor
  at: () => Date
}> = [
  {
    name: '派单 with other units and a flag',
    ticket: () => ticketIn('accepted'),
    event: makeEvent('dispatch', {
      units: ['hrss', 'education'],
      flags: ['upstream'],
      reason: '涉及学校，需自治区协调',
    }),
    actor: ACTORS.dispatcher,
    at: () => TIMES.dispatched,
  },
  {
    name: '派单 again after 退回',
    ticket: () => fire(ticketIn('dispatched'), 'sendBack', sh('2026-09-30T16:00:00')),
    event: makeEvent('dispatch', { units: ['education'], reason: '改由教育局' }),
    actor: ACTORS.dispatcher,
    at: () => sh('2026-10-09T10:00:00'),
  },
  {
    name: '改派',
    ticket: () => ticketIn('signed'),
    event: makeEvent('reassign'),
    actor: ACTORS.dispatcher,
    at: () => sh('2026-10-09T10:00:00'),
  },
  {
    name: '升级 of an overdue ticket',
    ticket: () => ticketIn('signed'),
    event: makeEvent('escalate'),
    actor: ACTORS.dispatcher,
    at: () => daysAfterDue(ticketIn('signed'), 3),
  },
  {
    name: '逾期升级 by the timer',
    ticket: () => ticketIn('signed'),
    event: makeEvent('escalateOverdue'),
    actor: ACTORS.system,
    at: () => daysAfterDue(ticketIn('signed'), rules.limits['escalate.overdue']),
  },
  {
    name: '同意延期',
    ticket: () => fire(ticketIn('signed'), 'requestExtension', sh('2026-10-09T09:00:00')),
    event: makeEvent('approveExtension'),
    actor: ACTORS.unitHead,
    at: () => sh('2026-10-09T11:00:00'),
  },
  {
    name: '安排接待日 again',
    ticket: receptionTicket,
    event: makeEvent('scheduleReception', { receptionDayAt: sh('2026-10-27T09:00:00') }),
    actor: ACTORS.dispatcher,
    at: () => sh('2026-10-09T10:00:00'),
  },
  {
    name: '重办',
    ticket: () => ticketIn('closed'),
    event: makeEvent('reopen'),
    actor: ACTORS.enterprise,
    at: () => sh('2026-10-12T10:00:00'),
  },
  {
    name: '补充材料 (the paused clock resumes)',
    ticket: () => fire(ticketIn('signed'), 'askSupplement', sh('2026-10-08T10:00:00')),
    event: makeEvent('supplement'),
    actor: ACTORS.enterprise,
    at: () => sh('2026-10-12T10:00:00'),
  },
]

describe('the preview is what the transition then does', () => {
  it.each(DUE_EVENTS)('$name', ({ ticket, event, actor, at }) => {
    const before = ticket()
    const now = at()
    const previewed = previewTransition(before, event, actor, rules, BUILT_IN_CALENDAR, now)
    if (!previewed.ok) throw new Error(previewed.message)
    const { ticket: after, effects } = run(before, event, actor, now)
    const { preview } = previewed
    expect(preview.track).toEqual({ before: before.track, after: after.track })
    expect(preview.units).toEqual({ before: before.units, after: after.units })
    for (const due of preview.dues) {
      expect(due.before).toEqual(before[due.due])
      expect(due.after).toEqual(after[due.due])
    }
    // at least one running due moved, and every due the event moved is in the preview
    expect(preview.dues.some((d) => d.before?.getTime() !== d.after?.getTime())).toBe(true)
    expect(preview.reasons.after).toEqual(gradeReasonsOf(after, rules))
    expect(preview.enterpriseNotice).toBe(notices(effects)[0]?.message?.text ?? null)
    expect(previewed.ticket).toEqual(after)
  })

  it('says how late the moved due already was; the lateness record stays', () => {
    const signed = ticketIn('signed')
    const previewed = previewTransition(
      signed,
      makeEvent('escalate'),
      ACTORS.dispatcher,
      rules,
      BUILT_IN_CALENDAR,
      daysAfterDue(signed, 3),
    )
    if (!previewed.ok) throw new Error(previewed.message)
    const reply = previewed.preview.dues.find((d) => d.due === 'replyDueAt')!
    expect(reply).toMatchObject({ before: signed.replyDueAt, missedWorkingDays: 3 })
    expect(previewed.preview.track).toEqual({ before: 'timed', after: 'coordination' })
    expect(previewed.preview.reasons.after[0]).toBe('市重点办将办理方式由限时办理升级为专题协调：涉及多个部门')
  })

  it('previews a form still being filled: a blank reason is stood in for, everything else is as it will be', () => {
    const signed = ticketIn('signed')
    const at = daysAfterDue(signed, 1)
    const previewed = previewTransition(signed, { type: 'escalate' }, ACTORS.dispatcher, rules, BUILT_IN_CALENDAR, at)
    if (!previewed.ok) throw new Error(previewed.message)
    expect(previewed.preview.reasons.after[0]).toContain(PREVIEW_PLACEHOLDER)
    expect(previewed.ticket.replyDueAt).toEqual(
      run(signed, makeEvent('escalate'), ACTORS.dispatcher, at).ticket.replyDueAt,
    )
    // a dispatch that overrides the grade needs a reason to be confirmed, not to be previewed
    const accepted = ticketIn('accepted')
    const dispatch = previewTransition(
      accepted,
      { type: 'dispatch', units: ['hrss', 'education'] },
      ACTORS.dispatcher,
      rules,
      BUILT_IN_CALENDAR,
      TIMES.dispatched,
    )
    expect(dispatch.ok && dispatch.preview.track.after).toBe('coordination')
    expect(
      transition(
        accepted,
        { type: 'dispatch', units: ['hrss', 'education'] },
        ACTORS.dispatcher,
        rules,
        BUILT_IN_CALENDAR,
        TIMES.dispatched,
      ),
    ).toMatchObject({ ok: false })
  })

  it('is refused for the same reasons as the event, and never changes the ticket', () => {
    const dispatched = ticketIn('dispatched')
    const frozen = JSON.stringify(dispatched)
    expect(
      previewTransition(dispatched, makeEvent('escalate'), ACTORS.handler, rules, BUILT_IN_CALENDAR, TIMES.signed),
    ).toMatchObject({
      ok: false,
      code: 'FORBIDDEN',
    })
    expect(
      previewTransition(
        dispatched,
        makeEvent('approveExtension'),
        ACTORS.unitHead,
        rules,
        BUILT_IN_CALENDAR,
        TIMES.signed,
      ),
    ).toMatchObject({
      ok: false,
      code: 'INVALID_TRANSITION',
    })
    previewTransition(dispatched, makeEvent('escalate'), ACTORS.dispatcher, rules, BUILT_IN_CALENDAR, TIMES.signed)
    expect(JSON.stringify(dispatched)).toBe(frozen)
  })
})

describe('the enterprise is told exactly when the reply due it was shown moves', () => {
  it('升级: one message to the enterprise alone, old → new date and why, the same words on the timeline', () => {
    const signed = ticketIn('signed')
    const { ticket, effects } = run(signed, makeEvent('escalate'), ACTORS.dispatcher, daysAfterDue(signed, 3))
    const [notice] = notices(effects)
    expect(notices(effects)).toHaveLength(1)
    expect(notice.audience).toEqual(['enterprise'])
    expect(notice.message!.text).toMatch(
      /^诉求升级为专题协调会办理，答复时限由\d{1,2}月\d{1,2}日调整为\d{1,2}月\d{1,2}日$/,
    )
    expect(notice.message!.text).not.toMatch(/[A-Za-z]/)
    expect(ticket.timeline.at(-1)!.note).toBe(notice.message!.text)
    // the units and the office are told as before, and the enterprise by nothing else
    const escalated = effects.find((e) => e.kind === 'notify' && e.template === 'ticketEscalated')
    expect(escalated).toMatchObject({ audience: expect.arrayContaining(['leadUnit', 'dispatcher']) })
    expect(toEnterprise(effects)).toEqual([notice])
  })

  it.each([
    ['同意延期', 0, /^承办单位申请延期3个工作日已获同意，答复时限由/],
    ['改派', 1, /^诉求改由新的承办单位办理，答复时限由/],
  ] as const)('%s says why in its own words', (_, index, words) => {
    const signed = ticketIn('signed')
    const cases = [
      () =>
        run(
          fire(signed, 'requestExtension', sh('2026-10-09T09:00:00')),
          makeEvent('approveExtension'),
          ACTORS.unitHead,
          sh('2026-10-09T11:00:00'),
        ),
      () => run(signed, makeEvent('reassign'), ACTORS.dispatcher, sh('2026-10-09T10:00:00')),
    ]
    const { effects } = cases[index]()
    expect(notices(effects)[0].message!.text).toMatch(words)
  })

  it('退回 clears the due (nothing to tell yet); the next 派单 tells the move from the due the enterprise saw', () => {
    const dispatched = ticketIn('dispatched')
    const sentBack = run(dispatched, makeEvent('sendBack'), ACTORS.handler, sh('2026-09-30T16:00:00'))
    expect(notices(sentBack.effects)).toEqual([])
    const redispatched = run(
      sentBack.ticket,
      makeEvent('dispatch', { units: ['education'], reason: '改由教育局' }),
      ACTORS.dispatcher,
      sh('2026-10-09T10:00:00'),
    )
    expect(notices(redispatched.effects)[0].message!.text).toMatch(/^诉求重新派单办理，答复时限由10月13日调整为/)
    expect(redispatched.ticket.clearedReplyDueAt).toBeNull()
  })

  it('is not told of a first due, of a due that stays, or of a move of the sign due alone', () => {
    // the first 派单 gives the first due: nothing moved
    expect(
      notices(run(ticketIn('accepted'), makeEvent('dispatch'), ACTORS.dispatcher, TIMES.dispatched).effects),
    ).toEqual([])
    // 改派 the same day: the new unit's limits end on the same days
    const sameDay = run(ticketIn('dispatched'), makeEvent('reassign'), ACTORS.dispatcher, sh('2026-09-30T15:00:00'))
    expect(sameDay.ticket.replyDueAt).toEqual(ticketIn('dispatched').replyDueAt)
    expect(notices(sameDay.effects)).toEqual([])
    // 改派 of a reception-day ticket: the sign due moves, the reply due hangs on the reception day and stays
    const reception = receptionTicket()
    const reassigned = run(reception, makeEvent('reassign'), ACTORS.dispatcher, sh('2026-10-09T10:00:00'))
    expect(reassigned.ticket.signDueAt).not.toEqual(reception.signDueAt)
    expect(reassigned.ticket.replyDueAt).toEqual(reception.replyDueAt)
    expect(notices(reassigned.effects)).toEqual([])
    // 签收, 督办: nothing moves
    expect(notices(run(ticketIn('dispatched'), makeEvent('sign'), ACTORS.handler, TIMES.signed).effects)).toEqual([])
    expect(notices(run(ticketIn('signed'), makeEvent('supervise'), ACTORS.dispatcher, TIMES.signed).effects)).toEqual(
      [],
    )
  })

  it('安排接待日 that moves the due: the enterprise gets the move instead of the usual 接待日 message, the units theirs', () => {
    const { effects } = run(
      receptionTicket(),
      makeEvent('scheduleReception', { receptionDayAt: sh('2026-10-27T09:00:00') }),
      ACTORS.dispatcher,
      sh('2026-10-09T10:00:00'),
    )
    expect(notices(effects)[0].message!.text).toMatch(/^诉求列入10月27日接待日，答复时限由/)
    expect(effects.find((e) => e.kind === 'notify' && e.template === 'receptionScheduled')).toMatchObject({
      audience: ['dispatcher', 'leadUnit', 'coUnits'],
    })
  })

  it('the message renders on the progress template: the move and the why, each within 20 characters; a retry plans the same record', () => {
    const signed = ticketIn('signed')
    const { ticket, effects } = run(signed, makeEvent('escalate'), ACTORS.dispatcher, daysAfterDue(signed, 3))
    const registry = defaultTemplateRegistry()
    const templateIds = resolveTemplateIds(envWithAllTemplateIds(registry.templates), registry)
    const plan = () =>
      planOutbox(
        notificationsFromEffects(effects, ticket)
          .filter((n) => n.template === 'replyDueMoved')
          .map((notification) => ({
            notification,
            addressees: [{ openId: 'o-contact', role: 'enterprise' as const }],
            ticket,
          })),
        ticket.updatedAt,
        { templateIds, registry },
      )
    const [record] = plan()
    expect(record).toMatchObject({
      templateKey: 'progress',
      status: 'pending',
      detail: notices(effects)[0].message!.text,
    })
    expect(record.message!.data.thing3.value).toMatch(/^答复时限由\d{1,2}月\d{1,2}日调整为\d{1,2}月\d{1,2}日$/)
    expect(record.message!.data.thing4.value).toBe('诉求升级为专题协调会办理')
    expect(plan().map((r) => r._id)).toEqual([record._id])
  })
})
