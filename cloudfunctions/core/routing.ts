/**
 * Who is told of what (DESIGN.md §4 "Routing"), as data: each notification template has an audience list of
 * symbolic roles, resolved against a ticket and, for a key enterprise, its 四个一 ServiceArrangement.
 *
 * Subscribe messages are one send per consent (DESIGN.md §6), so the enterprise is told only what it must act
 * on or was promised: acceptance, a request for material, the answer (to rate it), the closing.
 */
import type { ServiceArrangement, Ticket } from '../../types/domain'

export const NOTIFICATION_TEMPLATES = [
  'ticketSubmitted',
  'ticketAccepted',
  'ticketRejected',
  'ticketResolvedOnSite',
  'ticketDispatched',
  'ticketSentBack',
  'ticketReassigned',
  'extensionRequested',
  'extensionApproved',
  'extensionDenied',
  'supplementRequested',
  'supplementProvided',
  'ticketReplied',
  'ticketRated',
  'ticketClosedUnrated',
  'ticketReopened',
  'ticketWithdrawn',
  'ticketSupervised',
  'ticketEscalated',
  'leaderInstructed',
  'receptionScheduled',
  'acceptDueSoon',
  'signDueSoon',
  'replyDueSoon',
  'meetingDueSoon',
  'ratingDueSoon',
  'leaderSummary',
  'meetingInvited',
  'subscriptionRenewal',
  /** 上报: a commissioner (or the office) took the problem to the 自治区 / national level */
  'ticketTakenUpward',
  /** a 专班 or the lead service unit asks the office for a 专题协调会 */
  'meetingRequested',
  /** the enterprise's reply due moved (升级, 改派, 延期, 接待日, …): from when to when, and why (core/due-moves.ts) */
  'replyDueMoved',
  /** December: next year's statutory holidays are not entered yet (to each admin, never routed from a ticket) */
  'calendarYearMissing',
] as const
export type NotificationTemplate = (typeof NOTIFICATION_TEMPLATES)[number]

export const AUDIENCE_ROLES = [
  /** the enterprise's contacts */
  'enterprise',
  /** 市重点办 */
  'dispatcher',
  /** staff of the lead unit; units are told only once the ticket is dispatched to them */
  'leadUnit',
  'coUnits',
  /** head of the lead unit (approves extensions, receives 督办) */
  'unitHead',
  /** the category's 专班 */
  'taskForce',
  /** 四个一 of a key enterprise: the city leader, informed of escalations and summaries */
  'arrangementLeader',
  /** 四个一: the lead service unit, which coordinates and gets 督办 copies */
  'leadServiceUnit',
  /** 四个一: the service team and its commissioners, first to try to solve on site */
  'serviceTeam',
  'commissioners',
  /** whoever asked the open supplement question (dispatcher or handler) */
  'supplementAsker',
  /** the city leaders who sit in a reception day (or chair a meeting) whose agenda names the ticket */
  'seatedLeaders',
] as const
export type AudienceRole = (typeof AUDIENCE_ROLES)[number]

/** Every template's audience. The ticket's handling units and the dispatcher are in it where they act. */
export const ROUTING_TABLE: { readonly [T in NotificationTemplate]: readonly AudienceRole[] } = {
  ticketSubmitted: ['dispatcher', 'serviceTeam', 'commissioners', 'leadServiceUnit'],
  ticketAccepted: ['enterprise'],
  ticketRejected: ['enterprise'],
  ticketResolvedOnSite: ['enterprise', 'dispatcher', 'leadServiceUnit', 'leadUnit', 'commissioners'],
  ticketDispatched: ['leadUnit', 'coUnits', 'taskForce', 'leadServiceUnit'],
  ticketSentBack: ['dispatcher'],
  ticketReassigned: ['leadUnit', 'coUnits', 'taskForce', 'leadServiceUnit'],
  extensionRequested: ['unitHead'],
  extensionApproved: ['leadUnit', 'dispatcher'],
  extensionDenied: ['leadUnit'],
  supplementRequested: ['enterprise'],
  supplementProvided: ['supplementAsker'],
  ticketReplied: ['enterprise', 'leadServiceUnit', 'commissioners'],
  ticketRated: ['leadUnit', 'dispatcher', 'commissioners'],
  ticketClosedUnrated: ['enterprise', 'leadUnit', 'commissioners'],
  ticketReopened: ['leadUnit', 'coUnits', 'taskForce', 'dispatcher', 'leadServiceUnit'],
  ticketWithdrawn: ['dispatcher', 'leadUnit', 'coUnits'],
  ticketSupervised: ['leadUnit', 'coUnits', 'unitHead', 'leadServiceUnit'],
  ticketEscalated: [
    'dispatcher',
    'leadUnit',
    'coUnits',
    'taskForce',
    'arrangementLeader',
    'leadServiceUnit',
    'commissioners',
  ],
  leaderInstructed: ['dispatcher', 'leadUnit', 'coUnits', 'leadServiceUnit'],
  receptionScheduled: ['enterprise', 'dispatcher', 'leadUnit', 'coUnits'],
  acceptDueSoon: ['dispatcher'],
  signDueSoon: ['leadUnit'],
  replyDueSoon: ['leadUnit', 'coUnits'],
  meetingDueSoon: ['dispatcher', 'leadUnit'],
  ratingDueSoon: ['enterprise'],
  leaderSummary: ['arrangementLeader'],
  // 接待日 / 专题协调会 invitations: the enterprise, the units that must come, the leaders who sit
  meetingInvited: ['enterprise', 'leadUnit', 'coUnits', 'seatedLeaders', 'leadServiceUnit'],
  // addressed by the office to one person (reach.remind), never routed from a ticket
  subscriptionRenewal: [],
  ticketTakenUpward: ['dispatcher', 'leadUnit', 'arrangementLeader', 'commissioners'],
  meetingRequested: ['dispatcher'],
  // the units and the office made the move and read it on the ticket: only the enterprise is told
  replyDueMoved: ['enterprise'],
  calendarYearMissing: [],
}

/** A concrete addressee; the shell maps it to WeChat users (OPENIDs) through the directory. */
export type Recipient =
  | { kind: 'enterprise'; enterpriseId: string }
  | { kind: 'dispatcher' }
  | { kind: 'unit'; unitCode: string; as: 'staff' | 'head' }
  | { kind: 'leader'; leaderId: string }
  | { kind: 'serviceTeam'; serviceTeamId: string }
  | { kind: 'commissioner'; commissionerId: string }
  | { kind: 'user'; userId: string }

/** What routing reads of a ticket. */
export type RoutingTicket = Pick<
  Ticket,
  'enterpriseId' | 'enterpriseIsKey' | 'units' | 'taskForce' | 'dispatchedAt' | 'pausedAt' | 'supplements'
> &
  Pick<Partial<Ticket>, 'meetingLeaderIds'>

type AudienceResolver = (ticket: RoutingTicket, arrangement: ServiceArrangement | null) => Recipient[]

const staffOf = (unitCode: string): Recipient => ({ kind: 'unit', unitCode, as: 'staff' })
/** Units act only after the dispatch; before it the category's default lead is a guess, not an addressee. */
const onceDispatched = (ticket: RoutingTicket, recipients: () => Recipient[]): Recipient[] =>
  ticket.dispatchedAt === null ? [] : recipients()

const RESOLVERS: { readonly [R in AudienceRole]: AudienceResolver } = {
  enterprise: (ticket) => [{ kind: 'enterprise', enterpriseId: ticket.enterpriseId }],
  dispatcher: () => [{ kind: 'dispatcher' }],
  leadUnit: (ticket) => onceDispatched(ticket, () => [staffOf(ticket.units[0])]),
  coUnits: (ticket) => onceDispatched(ticket, () => ticket.units.slice(1).map(staffOf)),
  unitHead: (ticket) => onceDispatched(ticket, () => [{ kind: 'unit', unitCode: ticket.units[0], as: 'head' }]),
  taskForce: (ticket) => onceDispatched(ticket, () => (ticket.taskForce === null ? [] : [staffOf(ticket.taskForce)])),
  arrangementLeader: (_, arrangement) =>
    arrangement === null ? [] : [{ kind: 'leader', leaderId: arrangement.leaderId }],
  leadServiceUnit: (_, arrangement) => (arrangement === null ? [] : [staffOf(arrangement.leadUnitCode)]),
  serviceTeam: (_, arrangement) =>
    arrangement === null ? [] : [{ kind: 'serviceTeam', serviceTeamId: arrangement.serviceTeamId }],
  commissioners: (_, arrangement) =>
    arrangement === null
      ? []
      : arrangement.commissionerIds.map((commissionerId) => ({ kind: 'commissioner', commissionerId })),
  seatedLeaders: (ticket) => (ticket.meetingLeaderIds ?? []).map((leaderId) => ({ kind: 'leader', leaderId })),
  supplementAsker: (ticket) => {
    const lastRound = ticket.supplements.at(-1)
    return lastRound === undefined ? [] : [{ kind: 'user', userId: lastRound.askedBy }]
  },
}

function recipientKey(recipient: Recipient): string {
  return Object.values(recipient).join(':')
}

/**
 * The recipients of an audience for a ticket, without duplicates (a lead service unit that is also the lead
 * unit is told once). The arrangement counts only for a key enterprise and only if it is that enterprise's.
 */
export function resolveAudience(
  audience: readonly AudienceRole[],
  ticket: RoutingTicket,
  arrangement: ServiceArrangement | null,
): Recipient[] {
  // an ended arrangement (active: false) tells nobody: its people no longer follow the enterprise
  const applicable =
    ticket.enterpriseIsKey && arrangement?.enterpriseId === ticket.enterpriseId && arrangement.active !== false
      ? arrangement
      : null
  const seen = new Set<string>()
  const recipients: Recipient[] = []
  for (const role of audience) {
    for (const recipient of RESOLVERS[role](ticket, applicable)) {
      const key = recipientKey(recipient)
      if (!seen.has(key)) {
        seen.add(key)
        recipients.push(recipient)
      }
    }
  }
  return recipients
}

/** Who receives a template about a ticket. */
export function recipientsFor(
  template: NotificationTemplate,
  ticket: RoutingTicket,
  arrangement: ServiceArrangement | null,
): Recipient[] {
  return resolveAudience(ROUTING_TABLE[template], ticket, arrangement)
}
