/**
 * Who may do what, on whose data: ONE policy table, role × action → scope. The router refuses a role the
 * action's row does not name (FORBIDDEN); the handler narrows to the scope the row names, through the scope
 * predicates below. Data outside the caller's scope answers NOT_FOUND where its existence is itself private
 * (a ticket, an enterprise), FORBIDDEN where the caller names it openly (submitting for another enterprise).
 *
 * Scopes, from narrow to wide:
 *   self               only the caller's own record, or data that is not private (rules, the unit catalogue)
 *   ownEnterprise      the enterprise a contact speaks for (grant.enterpriseId)
 *   ownUnit            a handler's / unit head's unit (grant.unitCode): the unit's own lists
 *   dispatchedToOwnUnit tickets once dispatched to the caller's unit, as lead or co-unit
 *   linkedEnterprises  a leader's 四个一 enterprises / a commissioner's stationed enterprises (grant.enterpriseIds,
 *                      stored on the grant when it is made and kept in step with the directory: shared/grants.ts)
 *   seatedLeader       a leader's reception days / meetings: those they sit in (meeting.leaderIds), and the
 *                      tickets on those agendas or promised there (ticket.meetingLeaderIds), whatever enterprise
 *   leaderItems        what a leader may act on (批示): their linked enterprises, the sessions they sit in, and
 *                      city-wide the tickets that reach leaders: reception track, escalated, reply overdue ≥ 5
 *                      working days (core/leader-items.ts), and the tickets of a 专班 they lead (ledTaskForce)
 *   cityAggregates     counts and rates over the whole city, no ticket-level data
 *   cityTickets        read any ticket of the city (a leader: every figure of the city summary opens its
 *                      tickets, and a list that leads to NOT_FOUND would be a defect); acting stays narrower
 *   ownTaskForce       a 专班 member's tickets: those of its category, once dispatched (routing tells the 专班
 *                      then: core/routing.ts `taskForce`). A 专班 member is a handler whose unitCode is the
 *                      专班's code (tf-financing …): routing reaches the 专班 exactly so (staff of that unit).
 *   ledTaskForce       a city leader's 专班: the tickets of the task forces whose `leaderId` is theirs
 *   leadServiceUnit    the 四个一 lead service unit of a key enterprise follows its tickets from submission
 *                      (routing tells it 新诉求待受理), without handling them
 *   involvedUnit       a unit's staff on a ticket: dispatchedToOwnUnit ∨ ownTaskForce ∨ leadServiceUnit
 *   everything         the office (dispatcher, admin)
 */
import type { ActionName } from '../../types/actions'
import { ROLES, type Role, type RoleGrant, type Ticket } from '../../types/domain'
import { isLeaderItem, type LeaderItemTicket } from '../core/leader-items'
import type { WorkingCalendar } from '../core/clock'

export type Scope =
  | 'self'
  | 'ownEnterprise'
  | 'ownUnit'
  | 'dispatchedToOwnUnit'
  | 'linkedEnterprises'
  | 'leaderItems'
  | 'cityAggregates'
  | 'everything'
  | 'cityTickets'
  | 'seatedLeader'
  | 'ownTaskForce'
  | 'ledTaskForce'
  | 'leadServiceUnit'
  | 'involvedUnit'

export type PolicyRow = { readonly [R in Role]?: Scope }

const OFFICE = { dispatcher: 'everything', admin: 'everything' } as const satisfies PolicyRow
const ADMIN_ONLY = { admin: 'everything' } as const satisfies PolicyRow
/** every role, each on its own record: actions about the caller themselves */
const EVERYONE_SELF = Object.fromEntries(ROLES.map((role) => [role, 'self'])) as PolicyRow
/** who may see a ticket, and act on it (the lifecycle table then decides which events) */
const TICKET_READERS = {
  enterprise: 'ownEnterprise',
  // whoever routing tells about a ticket can open it: handling units, the 专班, the lead service unit
  handler: 'involvedUnit',
  unitHead: 'involvedUnit',
  commissioner: 'linkedEnterprises',
  // linked enterprises, the sessions the leader sits in (issue 9), and the items that reach leaders (issue 10)
  leader: 'leaderItems',
  ...OFFICE,
} as const satisfies PolicyRow

/** The policy: every action has a row (the type demands it); a role it does not name is refused. */
export const ACCESS_POLICY: { readonly [A in ActionName]: PolicyRow } = {
  'me.profile': EVERYONE_SELF,
  'ticket.submit': { enterprise: 'ownEnterprise', commissioner: 'linkedEnterprises', dispatcher: 'everything' },
  'ticket.listMine': { enterprise: 'ownEnterprise' },
  // a leader opens any ticket the city summary's drill-down lists (ticket.search); 批示 stays on linked ones
  'ticket.get': { ...TICKET_READERS, leader: 'cityTickets' },
  'ticket.act': TICKET_READERS,
  // the same readers as the event itself: the preview runs the same checks and writes nothing
  'ticket.previewAct': TICKET_READERS,
  'ticket.files': { ...TICKET_READERS, leader: 'cityTickets' },
  'ticket.queue': OFFICE,
  'ticket.inbox': { handler: 'ownUnit', unitHead: 'ownUnit' },
  'ticket.preview': { enterprise: 'ownEnterprise', commissioner: 'self', dispatcher: 'everything' },
  'ticket.listLinked': { commissioner: 'linkedEnterprises', leader: 'linkedEnterprises' },
  'directory.units': { leader: 'self', ...OFFICE },
  'directory.enterprises': OFFICE,
  'stats.summary': { leader: 'cityAggregates', ...OFFICE },
  // the statutory calendar: the office reads it (the workbench's warning links to it); only the admin enters it
  'calendar.get': OFFICE,
  'calendar.preview': ADMIN_ONLY,
  'calendar.save': ADMIN_ONLY,
  // each user's own messages and subscribe consents; flush only moves notifications already planned for a
  // ticket and answers nothing about it (cloudfunctions/api/actions/notifications.ts)
  'notifications.flush': EVERYONE_SELF,
  'notifications.list': EVERYONE_SELF,
  'notifications.unreadCount': EVERYONE_SELF,
  'notifications.markRead': EVERYONE_SELF,
  'subscriptions.status': EVERYONE_SELF,
  'subscriptions.record': EVERYONE_SELF,
  'subscriptions.templateIds': EVERYONE_SELF,

  // identity: these work before binding too (ActionDef.allowUnbound)
  'me.acceptPrivacy': EVERYONE_SELF,
  'me.verifyPhone': EVERYONE_SELF,
  'binding.status': EVERYONE_SELF,
  'binding.redeem': EVERYONE_SELF,
  // the office binds and unbinds people; invites for office roles only by the admin (binding.ts)
  'binding.list': OFFICE,
  'binding.approve': OFFICE,
  'binding.revoke': OFFICE,
  'invite.issue': OFFICE,
  'invite.list': OFFICE,
  'invite.cancel': OFFICE,

  // the directory: the office reads it, the admin maintains it
  'directory.search': OFFICE,
  'directory.get': {
    enterprise: 'ownEnterprise',
    commissioner: 'linkedEnterprises',
    leader: 'linkedEnterprises',
    ...OFFICE,
  },
  'directory.linked': { commissioner: 'linkedEnterprises', leader: 'linkedEnterprises' },
  'directory.enterprise.save': ADMIN_ONLY,
  'directory.unit.save': ADMIN_ONLY,
  'directory.taskForce.save': ADMIN_ONLY,
  'directory.leader.save': ADMIN_ONLY,
  'directory.commissioner.save': ADMIN_ONLY,
  'directory.arrangement.save': ADMIN_ONLY,
  'directory.setActive': ADMIN_ONLY,
  'directory.import': ADMIN_ONLY,
  'directory.export': OFFICE,
  'directory.importJobs': ADMIN_ONLY,

  // 专班 workspace: the bottleneck tickets of the 专班's category across the city (members and its leader)
  'taskForce.tickets': { handler: 'ownTaskForce', unitHead: 'ownTaskForce', leader: 'ledTaskForce', ...OFFICE },
  // the lead service unit's list of its 四个一 enterprises' tickets
  'ticket.listFollowed': { handler: 'leadServiceUnit', unitHead: 'leadServiceUnit' },
  // commissioners' visit log (走访记录) and their enterprises at a glance; coverage for the office
  'visit.log': { commissioner: 'linkedEnterprises' },
  'visit.list': { commissioner: 'linkedEnterprises', ...OFFICE },
  'visit.overview': { commissioner: 'linkedEnterprises' },
  'visit.coverage': OFFICE,
  // a leader's city-wide items (reception track, escalated, overdue ≥ 5 working days): core/leader-items.ts
  'ticket.leaderItems': { leader: 'leaderItems' },
  // the office's spreadsheets (the export function)
  'export.tickets': OFFICE,
  'export.monthlyReport': OFFICE,
  'export.receptionDay': OFFICE,
  // who WeChat can reach, and asking someone to renew (api/actions/reach.ts)
  'reach.list': OFFICE,
  'reach.remind': OFFICE,
  // the office's lists and the statistics' drill-down (cloudfunctions/api/actions/search.ts)
  'ticket.search': {
    handler: 'dispatchedToOwnUnit',
    unitHead: 'dispatchedToOwnUnit',
    leader: 'cityTickets',
    ...OFFICE,
  },

  // reception days and coordination meetings: the office convenes and records; a leader sees and prepares
  // the sessions they sit in (and files a problem raised there)
  'meeting.create': OFFICE,
  'meeting.list': { leader: 'seatedLeader', ...OFFICE },
  'meeting.get': { leader: 'seatedLeader', ...OFFICE },
  'meeting.candidates': OFFICE,
  'meeting.addAgenda': OFFICE,
  'meeting.invite': OFFICE,
  'meeting.decide': OFFICE,
  'meeting.raise': { leader: 'seatedLeader', ...OFFICE },
}

/** The scope a role acts in for an action; undefined = the role may not call it. */
export function scopeOf(action: string, role: Role): Scope | undefined {
  return (ACCESS_POLICY as Record<string, PolicyRow | undefined>)[action]?.[role]
}

/** What a scope is checked against: the enterprise a record belongs to, and for tickets where it went. */
export interface ScopedSubject {
  enterpriseId?: string
  /** tickets: the handling units, lead first */
  units?: readonly string[]
  dispatchedAt?: Date | null
  /** unit records and unit lists */
  unitCode?: string
  /** tickets: the category's 专班 (Ticket.taskForce) */
  taskForce?: string | null
  /** tickets of a key enterprise: its 四个一 lead service unit, looked up by the shell (shared/ticketAccess.ts) */
  leadServiceUnit?: string | null
  /** tickets with a 专班: the city leader leading it, looked up by the shell (shared/ticketAccess.ts) */
  taskForceLeaderId?: string | null
  /** meetings: the leaders who sit; tickets: the leaders of the sessions whose agenda names them */
  leaderIds?: readonly string[]
  /** tickets: it reaches leaders city-wide now (core/leader-items.ts isLeaderItem) */
  reachesLeaders?: boolean
}

type ScopePredicate = (grant: RoleGrant, subject: ScopedSubject) => boolean

/** Each scope as a predicate over (the caller's grant, the subject). */
export const SCOPE_PREDICATES: { readonly [S in Scope]: ScopePredicate } = {
  // nothing of anyone else's: a subject that belongs to someone is out of scope
  self: () => false,
  ownEnterprise: (grant, subject) => grant.enterpriseId !== undefined && subject.enterpriseId === grant.enterpriseId,
  ownUnit: (grant, subject) => grant.unitCode !== undefined && subject.unitCode === grant.unitCode,
  // a unit sees a ticket once it has been dispatched to it, not while the office is still grading it
  dispatchedToOwnUnit: (grant, subject) =>
    grant.unitCode !== undefined && subject.dispatchedAt != null && (subject.units ?? []).includes(grant.unitCode),
  linkedEnterprises: (grant, subject) =>
    subject.enterpriseId !== undefined && (grant.enterpriseIds ?? []).includes(subject.enterpriseId),
  leaderItems: (grant, subject) =>
    SCOPE_PREDICATES.linkedEnterprises(grant, subject) ||
    isSeated(grant, subject) ||
    subject.reachesLeaders === true ||
    SCOPE_PREDICATES.ledTaskForce(grant, subject),
  cityAggregates: () => false,
  everything: () => true,
  cityTickets: () => true,
  seatedLeader: (grant, subject) => isSeated(grant, subject),
  // routing tells the 专班 once the ticket is dispatched (core/routing.ts onceDispatched)
  ownTaskForce: (grant, subject) =>
    grant.unitCode !== undefined && subject.dispatchedAt != null && subject.taskForce === grant.unitCode,
  ledTaskForce: (grant, subject) =>
    grant.leaderId !== undefined && subject.dispatchedAt != null && subject.taskForceLeaderId === grant.leaderId,
  leadServiceUnit: (grant, subject) =>
    grant.unitCode !== undefined && subject.leadServiceUnit != null && subject.leadServiceUnit === grant.unitCode,
  involvedUnit: (grant, subject) =>
    SCOPE_PREDICATES.dispatchedToOwnUnit(grant, subject) ||
    SCOPE_PREDICATES.ownTaskForce(grant, subject) ||
    SCOPE_PREDICATES.leadServiceUnit(grant, subject),
}

function isSeated(grant: RoleGrant, subject: ScopedSubject): boolean {
  return grant.leaderId !== undefined && (subject.leaderIds ?? []).includes(grant.leaderId)
}

/**
 * How a unit's staff member stands to a ticket they may see: handling it, or following it as its 专班 or as
 * the enterprise's lead service unit (the lifecycle lets followers 督办, note and ask for a meeting).
 */
export function unitRelationTo(grant: RoleGrant, subject: ScopedSubject): 'taskForce' | 'leadServiceUnit' | undefined {
  if (SCOPE_PREDICATES.ownTaskForce(grant, subject)) return 'taskForce'
  if (SCOPE_PREDICATES.leadServiceUnit(grant, subject)) return 'leadServiceUnit'
  return undefined
}

/** May the caller, in this action, touch this subject? */
export function inScope(action: ActionName, grant: RoleGrant, subject: ScopedSubject): boolean {
  const scope = scopeOf(action, grant.role)
  return scope !== undefined && SCOPE_PREDICATES[scope](grant, subject)
}

/**
 * Who may see a ticket (ticket.get / ticket.act): the ticket readers' row of the policy. With `at` (now and the calendar), a full
 * ticket is also judged as a leader item (scope leaderItems); without, only by its enterprise and units.
 */
export function canSeeTicket(
  grant: RoleGrant,
  ticket: Pick<Ticket, 'enterpriseId' | 'units' | 'dispatchedAt' | 'meetingLeaderIds'> &
    Partial<LeaderItemTicket> &
    ScopedSubject,
  action: 'ticket.get' | 'ticket.act' | 'ticket.files' = 'ticket.get',
  at?: { now: Date; calendar: WorkingCalendar },
): boolean {
  const reachesLeaders =
    at !== undefined && ticket.timeline !== undefined && ticket.state !== undefined && ticket.track !== undefined
      ? isLeaderItem(ticket as LeaderItemTicket, at.calendar, at.now)
      : false
  return inScope(action, grant, { ...ticket, leaderIds: ticket.meetingLeaderIds ?? [], reachesLeaders })
}

/** The enterprises a scoped list may show the caller; 'all' for the office. */
export function visibleEnterpriseIds(action: ActionName, grant: RoleGrant): readonly string[] | 'all' {
  const scope = scopeOf(action, grant.role)
  if (scope === 'everything') return 'all'
  if (scope === 'ownEnterprise') return grant.enterpriseId ? [grant.enterpriseId] : []
  if (scope === 'linkedEnterprises' || scope === 'leaderItems') return grant.enterpriseIds ?? []
  return []
}

// ---------------------------------------------------------------------------------------------------------
// Phone numbers: in full to the office, masked to everyone else (138****1234)

const OFFICE_ROLES: readonly Role[] = ['dispatcher', 'admin']

export function seesFullPhoneNumbers(role: Role): boolean {
  return OFFICE_ROLES.includes(role)
}

/** 13812341234 → 138****1234; 0773-2821234 → 0773-***1234; anything short keeps only its last 2. */
export function maskPhone(phone: string): string {
  const digits = phone.replace(/\D/g, '')
  if (/^1\d{10}$/.test(digits)) return `${digits.slice(0, 3)}****${digits.slice(7)}`
  const landline = /^(0\d{2,3})-?(\d{7,8})$/.exec(phone.trim())
  if (landline) return `${landline[1]}-${'*'.repeat(landline[2].length - 4)}${landline[2].slice(-4)}`
  return phone.length <= 2 ? '*'.repeat(phone.length) : `${'*'.repeat(phone.length - 2)}${phone.slice(-2)}`
}

/** The phone as this role may see it. */
export function phoneFor(role: Role, phone: string): string
export function phoneFor(role: Role, phone: string | undefined | null): string | undefined
export function phoneFor(role: Role, phone: string | undefined | null): string | undefined {
  if (!phone) return undefined
  return seesFullPhoneNumbers(role) ? phone : maskPhone(phone)
}
