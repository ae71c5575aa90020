/**
 * Invariants of the lifecycle, checked on seeded random walks: random events by random roles at random
 * later moments, mostly ones the table allows so the walks get far. Whatever happens:
 * - the timeline only grows, and its old entries never change;
 * - no transition without exactly one new timeline entry, and the version goes up by exactly one;
 * - a closed ticket moves only by reopen; rejected and withdrawn never move;
 * - a refused event is one of the three codes with a Chinese message, and the ticket is untouched.
 */
import { BUILT_IN_CALENDAR } from '../../cloudfunctions/core/clock'
import { CHANNELS, OUTCOMES, RATINGS, TICKET_STATES, type Ticket, type TicketState } from '../../types/domain'
import { TICKET_EVENT_TYPES, type TicketEventType } from '../../cloudfunctions/core/events'
import { openTicket } from '../../cloudfunctions/core/intake'
import { LIFECYCLE, transition } from '../../cloudfunctions/core/lifecycle'
import { decide } from '../../cloudfunctions/core/rules'
import { makeDrafts, seededRandom } from '../../scripts/bench-rules'
import { ACTORS, ACTOR_ROLES, deepFreeze, makeEvent, makeIntake, rules, sh } from './factories'

const WALKS = 120
const STEPS = 60
const ENDINGS: ReadonlySet<TicketEventType> = new Set(['withdraw', 'reject'])
/**
 * A session's decision and the answer from its commitments are walked in tests/core/meetings.test.ts: here
 * they would short-cut the unit's own reply in every state, so the walks would rarely reach it.
 */
const SHORTCUTS: ReadonlySet<TicketEventType> = new Set(['recordDecision', 'answerFromCommitments'])
const WALKED_EVENTS = TICKET_EVENT_TYPES.filter((type) => !SHORTCUTS.has(type))
const UNIT_CHOICES = [['hrss'], ['education'], ['hrss', 'education'], ['county-lingui'], []]

interface WalkLog {
  statesSeen: Set<TicketState>
  eventsApplied: Set<TicketEventType>
  transitions: number
}

function walk(seed: number, log: WalkLog): void {
  const random = seededRandom(seed)
  const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)]
  let now = sh('2026-09-28T09:00:00')
  const hoursPerStep = pick([8, 24, 120])
  let ticket: Ticket = openTicket(
    makeIntake({ channel: pick(CHANNELS), flags: random() < 0.2 ? ['major'] : [] }),
    rules,
    BUILT_IN_CALENDAR,
    now,
  )

  for (let step = 0; step < STEPS; step += 1) {
    // brisk walks keep within the windows, slow ones let dues pass and replies go overdue
    now = new Date(now.getTime() + Math.floor(random() * hoursPerStep * 3_600_000))
    const allowed = (Object.keys(LIFECYCLE[ticket.state]) as TicketEventType[]).filter((type) => !SHORTCUTS.has(type))
    let type = allowed.length > 0 && random() < 0.8 ? pick(allowed) : pick(WALKED_EVENTS)
    // ending a walk early teaches little: usually think again before withdrawing or rejecting
    if (ENDINGS.has(type) && random() < 0.85) type = pick(allowed.length > 0 ? allowed : WALKED_EVENTS)
    // a commissioner's 现场办结 cuts a unit's handling short: usually let the unit's own events run
    if (type === 'resolveOnSite' && ticket.state !== 'submitted' && random() < 0.85) type = pick(allowed)
    const row = LIFECYCLE[ticket.state][type]
    const role = row !== undefined && random() < 0.8 ? pick(row.roles) : pick(ACTOR_ROLES)
    const event = makeEvent(type, {
      ...(type === 'rate' ? { rating: pick(RATINGS) } : {}),
      ...(type === 'reply' ? { outcome: pick(OUTCOMES) } : {}),
      ...(type === 'dispatch' || type === 'reassign' ? { units: pick(UNIT_CHOICES) } : {}),
      ...(type === 'requestExtension' ? { days: 1 + Math.floor(random() * 6) } : {}),
    })

    const before = deepFreeze(ticket) // any mutation of the input throws
    const result = transition(before, event, ACTORS[role], rules, BUILT_IN_CALENDAR, now)
    if (!result.ok) {
      expect(['INVALID_TRANSITION', 'FORBIDDEN', 'INVALID_INPUT']).toContain(result.code)
      expect(result.message).toMatch(/[\u4e00-\u9fa5]/)
      continue
    }
    const next = result.ticket
    expect(before.state).not.toBe('rejected')
    expect(before.state).not.toBe('withdrawn')
    // 办结 is final: only 重办 changes it; a follower's note adds to the record
    if (before.state === 'closed') expect(['reopen', 'note']).toContain(type)
    expect(next.version).toBe(before.version + 1)
    expect(next.timeline).toHaveLength(before.timeline.length + 1)
    before.timeline.forEach((entry, index) => expect(next.timeline[index]).toBe(entry))
    expect(next.timeline.at(-1)).toMatchObject({ event: type, from: before.state, to: next.state, at: now, role })
    expect(result.effects.filter((effect) => effect.kind === 'timeline')).toEqual([
      { kind: 'timeline', ticketId: next._id, entry: next.timeline.at(-1) },
    ])
    if (next.state !== before.state) expect(next.pausedAt).toBeNull()
    expect(TICKET_STATES).toContain(next.state)

    log.statesSeen.add(next.state)
    log.eventsApplied.add(type)
    log.transitions += 1
    ticket = next
  }
}

describe('random walks through the lifecycle', () => {
  it(`keep every invariant over ${WALKS} walks of ${STEPS} events`, () => {
    const log: WalkLog = { statesSeen: new Set(), eventsApplied: new Set(), transitions: 0 }
    for (let seed = 1; seed <= WALKS; seed += 1) walk(seed, log)
    // the walks are only evidence if they went everywhere
    expect([...log.statesSeen].sort()).toEqual([...TICKET_STATES].sort())
    expect([...log.eventsApplied].sort()).toEqual([...WALKED_EVENTS].sort())
    expect(log.transitions).toBeGreaterThan(WALKS * 5)
  })
})

describe('random drafts through the rules', () => {
  it('every decision has its dues after the submission, a lead unit, a track rule and its category rule', () => {
    for (const draft of makeDrafts(1000, 7)) {
      const decision = decide(draft, rules, BUILT_IN_CALENDAR, {}, draft.submittedAt)
      expect(decision.acceptDueAt.getTime()).toBeGreaterThan(draft.submittedAt.getTime())
      if (decision.replyDueAt !== null)
        expect(decision.replyDueAt.getTime()).toBeGreaterThan(draft.submittedAt.getTime())
      expect(decision.leadUnit).toBe(draft.units[0] ?? rules.categories[draft.category].leadUnit)
      expect(decision.ruleIds[0]).toMatch(/^R-(TRACK|COORD)-/)
      expect(decision.ruleIds.at(-1)).toBe(rules.categories[draft.category].id)
      expect(decision.reasons).toHaveLength(decision.ruleIds.length)
    }
  })
})
