/**
 * The demo dataset of 惠企通: Guilin's service to its industrial enterprises as the seed article tells it
 * (广西日报 2021-11-18), loaded by the local cloud (emulator/project.ts) and read by the browser tests.
 *
 * Deterministic: the same options give deep-equal data (seeded random, no clock). The history runs
 * 2021-01-04 … 2021-11-15 unless `historyStart` moves it; `historyStartEndingOn` gives the start that ends
 * it on a chosen day (e.g. today, so open tickets are current).
 */
import type { Ticket } from '../../types/domain'
import { defaultRulesDocument } from '../../cloudfunctions/core/rules'
import type { Actor } from '../../cloudfunctions/core/events'
import {
  buildDirectory,
  commissionerIdOf,
  contactIdOf,
  enterpriseIdOf,
  handlerIdOf,
  leaderIdOf,
  leaderUserIdOf,
  unitHeadIdOf,
  type Directory,
} from './directory'
import { OFFICE_ACCOUNTS } from './identities'
import { DEMO_HISTORY, HISTORY_DAYS, checkSeedFigures, historyWindow, playHistory } from './history'
import { addCalendarDays, atShanghai, compactDay, shanghaiDateOf } from './history-time'
import type { DemoDataset, ReceptionDay, TicketCounter } from './model'
import { createRandom } from './random'
import { buildDemoMeetings } from './meetings'
import type { Cast } from './ticket-script'
import { serviceWork } from './service-work'

export { DEMO_IDENTITIES } from './identities'
export { DEMO_INVITES, type DemoInvite } from './invites'
export { DEMO_HISTORY, FATE_COUNTS, SEED_FIGURES } from './history'
export type * from './model'

export interface DemoOptions {
  /** first day of the history, `YYYY-MM-DD` (default 2021-01-04); the history lasts 316 days */
  historyStart?: string
  /** seed of the pseudo-random choices (default 'huiqitong-guilin-2021') */
  seed?: string | number
}

const DEFAULT_SEED = 'huiqitong-guilin-2021'

/** The `historyStart` that makes the history end on `endDay` (`YYYY-MM-DD`). */
export function historyStartEndingOn(endDay: string): string {
  return addCalendarDays(endDay, -HISTORY_DAYS)
}

/**
 * The `historyStart` of a demo seeded at `now`: the history ends on the Shanghai day before, so nothing in
 * it lies in the future whatever the hour (its last day is stamped until the evening: seeded at 08:25 on
 * the day it ends, two tickets were still to come and the summary showed 264, not 266, issue 10), and its
 * open tickets still have live time limits.
 */
export function historyStartBefore(now: Date): string {
  return historyStartEndingOn(addCalendarDays(shanghaiDateOf(now), -1))
}

/** The cast of the history: the directory's accounts as the core's actors. */
function castOf(directory: Directory): Cast {
  const users = new Map(directory.users.map((user) => [user._id, user]))
  const actor = (
    openid: string,
    role: Actor['role'],
    scope: Partial<Pick<Actor, 'unitCode' | 'enterpriseId'>> = {},
  ): Actor => {
    const user = users.get(openid)
    if (!user) throw new Error(`演示账号 ${openid} 不存在`)
    return { id: openid, name: user.name, role, ...scope }
  }
  const enterprises = new Map(directory.enterprises.map((enterprise) => [enterprise._id, enterprise]))
  const commissioners = new Map(directory.commissioners.map((commissioner) => [commissioner._id, commissioner]))
  return {
    contactOf: (slug) => actor(contactIdOf(slug), 'enterprise', { enterpriseId: enterpriseIdOf(slug) }),
    commissionerOf: (slug) => {
      const commissioner = commissioners.get(commissionerIdOf(slug))
      return commissioner?.userId ? actor(commissioner.userId, 'commissioner') : undefined
    },
    dispatcher: actor(OFFICE_ACCOUNTS.dispatcher, 'dispatcher', { unitCode: 'key-projects-office' }),
    hotline: actor(OFFICE_ACCOUNTS.hotline, 'dispatcher', { unitCode: 'key-projects-office' }),
    handlerOf: (unitCode) => actor(handlerIdOf(unitCode), 'handler', { unitCode }),
    headOf: (unitCode) => actor(unitHeadIdOf(unitCode), 'unitHead', { unitCode }),
    leader: (slug) => actor(leaderUserIdOf(slug), 'leader'),
    enterprise: (slug) => {
      const enterprise = enterprises.get(enterpriseIdOf(slug))
      if (!enterprise) throw new Error(`演示企业 ${slug} 不存在`)
      return { _id: enterprise._id, name: enterprise.name, isKey: enterprise.isKey, district: enterprise.district }
    },
  }
}

/**
 * Ticket numbers HQYYYYMMDD-NNNN in order of submission within each Shanghai day (what the counters
 * collection would have handed out), and the counters a new ticket must continue from.
 */
function numberTickets(tickets: readonly Ticket[]): { tickets: Ticket[]; counters: TicketCounter[] } {
  const ordered = [...tickets].sort((a, b) => a.createdAt.getTime() - b.createdAt.getTime() || (a._id < b._id ? -1 : 1))
  const seqByDay = new Map<string, number>()
  const numbered = ordered.map((ticket) => {
    const day = compactDay(shanghaiDateOf(ticket.createdAt))
    const seq = (seqByDay.get(day) ?? 0) + 1
    seqByDay.set(day, seq)
    return { ...ticket, no: `HQ${day}-${String(seq).padStart(4, '0')}` }
  })
  return { tickets: numbered, counters: [...seqByDay].map(([day, seq]) => ({ _id: day, seq })) }
}

export function buildDemoDataset(options: DemoOptions = {}): DemoDataset {
  const window = historyWindow(options.historyStart ?? DEMO_HISTORY.start)
  const random = createRandom(options.seed ?? DEFAULT_SEED)
  // accounts were opened a fortnight before the history starts, when the mechanism was set up
  const directory = buildDirectory(random, atShanghai(addCalendarDays(window.startDay, -14), 9, 0))
  const history = playHistory(window, defaultRulesDocument(), castOf(directory), random)
  checkSeedFigures(history)
  const numbered = numberTickets(history.tickets)
  const { counters } = numbered
  // 专班 and lead-service-unit follow-up, commissioners' visits: no state, outcome or rating changes
  const work = serviceWork({
    tickets: numbered.tickets,
    users: directory.users,
    arrangements: directory.arrangements,
    commissioners: directory.commissioners,
    rules: defaultRulesDocument(),
    now: window.now,
    startDay: window.startDay,
  })
  const tickets = work.tickets

  const receptionDays: ReceptionDay[] = history.receptionDays.map((day) => ({
    _id: `reception-day-${day.session}`,
    session: day.session,
    title: `${shanghaiDateOf(day.heldAt).slice(0, 4)}年第${day.session}期市党政主要领导服务工业企业接待日`,
    heldAt: day.heldAt,
    chairLeaderIds: day.chairs.map(leaderIdOf),
    enterpriseIds: day.enterpriseSlugs.map(enterpriseIdOf),
    ticketIds: day.ticketIds,
  }))
  // the sessions as records, their decisions on the tickets, each commitment a child ticket (kept apart)
  const sessions = buildDemoMeetings(tickets, receptionDays)

  return {
    users: directory.users,
    enterprises: directory.enterprises,
    units: directory.units,
    leaders: directory.leaders,
    serviceTeams: directory.serviceTeams,
    commissioners: directory.commissioners,
    taskForces: directory.taskForces,
    arrangements: directory.arrangements,
    tickets: sessions.tickets,
    receptionDays,
    meetings: sessions.meetings,
    commitmentTickets: sessions.commitmentTickets,
    counters,
    invites: directory.invites,
    bindings: directory.bindings,
    visits: work.visits,
    visitCoverage: work.visitCoverage,
  }
}
