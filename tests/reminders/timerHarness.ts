/**
 * A pure stand-in for the timer function: every `everyMinutes` of simulated time it plans (twice, as two
 * overlapping runs that read the same snapshot), fires the events through the real lifecycle with optimistic
 * concurrency, and inserts outbox records keyed by their dedupe key the way the database does (a second insert
 * of a key fails). What it logs is what really happened: the events written and the messages first inserted.
 */
import { BUILT_IN_CALENDAR } from '../../cloudfunctions/core/clock'
import type { Ticket } from '../../types/domain'
import type { RulesDocument } from '../../types/rules'
import type { Actor, TicketEventInput } from '../../cloudfunctions/core/events'
import { SYSTEM_ACTOR } from '../../cloudfunctions/core/events'
import { transition } from '../../cloudfunctions/core/lifecycle'
import { addresseesFor } from '../../cloudfunctions/core/reminders/addressees'
import {
  notificationsFromEffects,
  planOutbox,
  type OutboxRecord,
  type PlannedNotification,
} from '../../cloudfunctions/core/reminders/outbox'
import { planReminders, type ReminderPlan } from '../../cloudfunctions/core/reminders/schedule'
import { defaultTemplateRegistry, resolveTemplateIds } from '../../cloudfunctions/core/reminders/templates'
import { ARRANGEMENT, envWithAllTemplateIds, makeDirectory, rules as defaultRules, wall } from './factories'

export interface UserStep {
  at: Date
  event: TicketEventInput
  actor: Actor
}

export interface Fired {
  /** 'MM-DD HH:mm' Shanghai */
  at: string
  kind: 'event' | 'message'
  /** the event type or the notification template */
  name: string
  /** a message's recipient */
  to?: string
}

export interface Simulation {
  log: Fired[]
  outbox: Map<string, OutboxRecord>
  ticket: Ticket
  /** inserts refused because the key was there: the overlapping run and the later runs planning the same message */
  duplicateInserts: number
  /** event writes refused because the version moved: the overlapping run */
  conflicts: number
  /** runs whose two overlapping plans differed (must be 0: the plan is a function of its inputs) */
  divergentRuns: number
}

const registry = defaultTemplateRegistry()
const templateIds = resolveTemplateIds(envWithAllTemplateIds(registry.templates), registry)
const directory = makeDirectory()

export function simulateTimer(options: {
  ticket: Ticket
  from: Date
  until: Date
  everyMinutes?: number
  userSteps?: readonly UserStep[]
  rules?: RulesDocument
}): Simulation {
  const rules = options.rules ?? defaultRules
  const step = (options.everyMinutes ?? 10) * 60_000
  const pendingUserSteps = [...(options.userSteps ?? [])].sort((a, b) => a.at.getTime() - b.at.getTime())
  const simulation: Simulation = {
    log: [],
    outbox: new Map(),
    ticket: options.ticket,
    duplicateInserts: 0,
    conflicts: 0,
    divergentRuns: 0,
  }

  const insert = (notifications: readonly PlannedNotification[], now: Date) => {
    const addressed = notifications.map((notification) => ({
      notification,
      addressees: addresseesFor(notification.audience, simulation.ticket, ARRANGEMENT, directory),
      ticket: simulation.ticket,
    }))
    for (const record of planOutbox(addressed, now, { templateIds, registry })) {
      if (simulation.outbox.has(record._id)) {
        simulation.duplicateInserts += 1
        continue
      }
      simulation.outbox.set(record._id, record)
      simulation.log.push({ at: wall(now), kind: 'message', name: record.template, to: record.recipientOpenId })
    }
  }

  const execute = (plan: ReminderPlan, now: Date) => {
    insert(plan.notifications, now)
    for (const planned of plan.events) {
      if (planned.expectedVersion !== simulation.ticket.version) {
        simulation.conflicts += 1
        continue
      }
      const result = transition(simulation.ticket, planned.event, SYSTEM_ACTOR, rules, BUILT_IN_CALENDAR, now)
      if (!result.ok) throw new Error(`timer event ${planned.event.type} refused at ${wall(now)}: ${result.message}`)
      simulation.ticket = result.ticket
      simulation.log.push({ at: wall(now), kind: 'event', name: planned.event.type })
      insert(notificationsFromEffects(result.effects, result.ticket), now)
    }
  }

  for (let now = options.from.getTime(); now <= options.until.getTime(); now += step) {
    const instant = new Date(now)
    while (pendingUserSteps.length > 0 && pendingUserSteps[0].at.getTime() <= now) {
      const user = pendingUserSteps.shift()!
      const result = transition(simulation.ticket, user.event, user.actor, rules, BUILT_IN_CALENDAR, user.at)
      if (!result.ok) throw new Error(`user step ${user.event.type} refused: ${result.message}`)
      simulation.ticket = result.ticket
    }
    // two runs of the timer that overlap: both read the ticket before either writes
    const snapshot = simulation.ticket
    const first = planReminders([snapshot], rules.limits, BUILT_IN_CALENDAR, instant)
    const second = planReminders([snapshot], rules.limits, BUILT_IN_CALENDAR, instant)
    if (JSON.stringify(first) !== JSON.stringify(second)) simulation.divergentRuns += 1
    execute(first, instant)
    execute(second, instant)
  }
  return simulation
}
