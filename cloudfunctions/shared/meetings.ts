/** Reading and writing reception days and coordination meetings. Every query here has an index in db-manifest.json. */
import { TICKET_SUMMARY_FIELDS } from './tickets'
import type { Ticket } from '../../types/domain'
import type { Meeting, MeetingKind } from '../../types/meetings'
import { isChildDone, type TransitionFacts } from '../core/lifecycle'
import { PAGE_SIZE } from '../../types/schemas'
import { COLLECTIONS } from './collections'
import { _, db, readDoc, readMany } from './cloud'
import { pendingNotificationsWrite, withoutOutboxFields, type PendingNotification } from './notifications'

const meetings = () => db.collection(COLLECTIONS.meetings)
const tickets = () => db.collection(COLLECTIONS.tickets)

export function findMeeting(meetingId: string): Promise<Meeting | null> {
  return readDoc<Meeting>(meetings().doc(meetingId))
}

export async function insertMeeting(meeting: Meeting): Promise<void> {
  await meetings().add({ data: meeting })
}

/** Writes the changed fields, only if nobody else wrote since `before` was read. False = CONFLICT. */
export async function saveMeeting(before: Meeting, after: Meeting): Promise<boolean> {
  const data: Record<string, unknown> = {}
  for (const key of Object.keys(after) as Array<keyof Meeting>) {
    if (key === '_id') continue
    if (JSON.stringify(before[key]) !== JSON.stringify(after[key])) data[key] = _.set(after[key])
  }
  const res = (await meetings()
    .where({ _id: _.eq(before._id), version: _.eq(before.version) })
    .update({ data })) as { stats: { updated: number } }
  return res.stats.updated === 1
}

const SUMMARY_FIELDS = {
  _id: true,
  kind: true,
  title: true,
  startsAt: true,
  place: true,
  status: true,
  heldAt: true,
  version: true,
  leaderIds: true,
  agenda: true,
}

/**
 * Sessions newest first: all (index by_startsAt / by_kind_startsAt), or a leader's (by_leaders_startsAt).
 */
export async function listMeetings(filter: { kind?: MeetingKind; leaderId?: string }, page: number) {
  const where: Record<string, unknown> = {}
  if (filter.leaderId !== undefined) where.leaderIds = _.eq(filter.leaderId)
  else if (filter.kind !== undefined) where.kind = _.eq(filter.kind)
  const base = Object.keys(where).length > 0 ? meetings().where(where) : meetings()
  const rows = await readMany<Meeting>(
    base
      .orderBy('startsAt', 'desc')
      .skip(page * PAGE_SIZE)
      .limit(PAGE_SIZE + 1)
      .field(SUMMARY_FIELDS),
  )
  const items = filter.kind !== undefined ? rows.filter((row) => row.kind === filter.kind) : rows
  return { items: items.slice(0, PAGE_SIZE), hasMore: rows.length > PAGE_SIZE }
}

/** Tickets by id (≤ 100 a call; an agenda has at most 50 items of ≤ 10 commitments: a few calls). */
export async function findTicketsByIds(ids: readonly string[]): Promise<Ticket[]> {
  const found: Ticket[] = []
  for (let i = 0; i < ids.length; i += 100) {
    const rows = await readMany<Ticket>(
      tickets()
        .where({ _id: _.in(ids.slice(i, i + 100)) })
        .limit(100),
    )
    found.push(...rows.map((row) => withoutOutboxFields(row) as Ticket))
  }
  return found
}

/**
 * Marks a ticket as on a session's agenda and lets that session's leaders open it. Idempotent (addToSet),
 * and not a lifecycle event: no version bump, so nobody working on the ticket gets a CONFLICT from it.
 */
export async function linkTicketToMeeting(ticketId: string, meetingId: string, leaderIds: readonly string[]) {
  await tickets()
    .doc(ticketId)
    .update({
      data: {
        meetingIds: _.addToSet({ $each: [meetingId] } as never),
        ...(leaderIds.length > 0 ? { meetingLeaderIds: _.addToSet({ $each: [...leaderIds] } as never) } : {}),
      },
    })
}

/** Queues notifications on a ticket's outbox (shared/notifications.ts), e.g. a session's invitation. */
export async function queueTicketNotifications(ticketId: string, pending: readonly PendingNotification[], now: Date) {
  await tickets()
    .doc(ticketId)
    .update({ data: pendingNotificationsWrite(pending, now) })
}

/**
 * Open tickets, newest first: graded for a session of this kind (index by_track_state_created), or any
 * (index by_state_created).
 */
/** The first page of open tickets an agenda may take (the office narrows by search beyond it). */
export async function listCandidateTickets(filter: { track?: MeetingKind }, states: readonly string[]) {
  const rows = await readMany<Ticket & { parentId?: string | null }>(
    tickets()
      .where({ ...(filter.track ? { track: _.eq(filter.track) } : {}), state: _.in([...states]) })
      .orderBy('createdAt', 'desc')
      .limit(PAGE_SIZE + 1)
      .field({
        ...TICKET_SUMMARY_FIELDS,
        parentId: true,
      }),
  )
  return { items: rows.slice(0, PAGE_SIZE), hasMore: rows.length > PAGE_SIZE }
}

/** The open child tickets of a parent: what the lifecycle's hasNoOpenChildren guard needs (one query). */
export async function childFactsOf(ticket: Pick<Ticket, 'childIds'>): Promise<TransitionFacts | undefined> {
  const ids = ticket.childIds ?? []
  if (ids.length === 0) return undefined
  const children = await findTicketsByIds(ids)
  const done = new Set(children.filter((child) => isChildDone(child.state)).map((child) => child._id))
  return { openChildIds: ids.filter((id) => !done.has(id)) }
}
