/**
 * The demo's service work around the tickets (issue 9): 专班 members' 督办 and notes on their category's
 * tickets, the lead service units' notes, a 专班's request for a 专题协调会, and a year of commissioners'
 * visits (走访记录) with the coverage they leave. Events go through the real lifecycle (`transition`) after
 * each ticket's last event, and change no state, outcome or rating: the seed's 266 / 217 / 81.6% stand.
 * Visits name tickets the history already has (channel `visit`); they add none.
 */
import { BUILT_IN_CALENDAR } from '../../cloudfunctions/core/clock'
import type { AppUser, ServiceArrangement, Ticket } from '../../types/domain'
import type { Commissioner } from '../../types/directory'
import type { VisitView } from '../../types/actions'
import { transition } from '../../cloudfunctions/core/lifecycle'
import type { Actor } from '../../cloudfunctions/core/events'
import type { RulesDocument } from '../../types/rules'
import { handlerIdOf } from './directory'
import { addCalendarDays, atShanghai, shanghaiDateOf } from './history-time'

const HOUR = 3_600_000

export interface ServiceWork {
  tickets: Ticket[]
  visits: Array<VisitView & { openid: string; requestId: string }>
  visitCoverage: Array<{
    _id: string
    enterpriseName: string
    lastVisitAt: Date
    lastVisitId: string
    commissionerName: string
  }>
}

function unitActor(users: ReadonlyMap<string, AppUser>, unitCode: string, followsAs: Actor['followsAs']): Actor | null {
  const user = users.get(handlerIdOf(unitCode))
  return user ? { id: user._id, name: user.name, role: 'handler', unitCode, followsAs } : null
}

/** Fires `event` at `at` if the lifecycle allows it; the ticket unchanged otherwise. */
function fire(ticket: Ticket, event: Record<string, unknown>, actor: Actor | null, rules: RulesDocument, at: Date) {
  if (actor === null) return ticket
  const result = transition(ticket, event as never, actor, rules, BUILT_IN_CALENDAR, at)
  return result.ok ? result.ticket : ticket
}

const TF_NOTES: Record<string, string> = {
  'tf-financing': '融资专班已约见合作银行，组织银企对接',
  'tf-land': '用地专班已会同自然资源部门现场踏勘',
  'tf-approval': '审批专班已协调并联审批，压缩办理时限',
  'tf-factors': '要素保障专班已协调供电、供气单位现场办公',
}

export function serviceWork(input: {
  tickets: readonly Ticket[]
  users: readonly AppUser[]
  arrangements: readonly ServiceArrangement[]
  commissioners: readonly Commissioner[]
  rules: RulesDocument
  /** the end of the history: nothing is dated after it */
  now: Date
  startDay: string
}): ServiceWork {
  const { rules, now } = input
  const users = new Map(input.users.map((u) => [u._id, u]))
  const leadServiceUnit = new Map(
    input.arrangements.filter((a) => a.active !== false).map((a) => [a.enterpriseId, a.leadUnitCode]),
  )
  let meetingsRequested = 0
  const tickets = input.tickets.map((original, index) => {
    let ticket = original
    let at = new Date(ticket.updatedAt.getTime() + 2 * HOUR)
    if (at.getTime() > now.getTime()) return ticket
    const open = ticket.state === 'dispatched' || ticket.state === 'signed'
    // the 专班 follows its category's tickets: 督办 of the open ones, a note on every other one
    if (ticket.taskForce !== null && ticket.dispatchedAt !== null) {
      const member = unitActor(users, ticket.taskForce, 'taskForce')
      if (open) {
        ticket = fire(ticket, { type: 'supervise', note: '专班督办：请按期答复企业' }, member, rules, at)
        if (ticket.track === 'coordination' && meetingsRequested < 6) {
          at = new Date(at.getTime() + HOUR)
          const asked = fire(
            ticket,
            { type: 'requestMeeting', reason: '涉及多个部门，请市重点办召开专题协调会' },
            member,
            rules,
            at,
          )
          if (asked !== ticket) meetingsRequested += 1
          ticket = asked
        }
      } else if (index % 2 === 0 && ticket.state !== 'rejected' && ticket.state !== 'withdrawn') {
        ticket = fire(ticket, { type: 'note', text: TF_NOTES[ticket.taskForce] ?? '专班已跟进' }, member, rules, at)
      }
    }
    // the lead service unit (四个一) notes its enterprise's open tickets
    const lead = ticket.enterpriseIsKey ? leadServiceUnit.get(ticket.enterpriseId) : undefined
    if (lead !== undefined && open && !ticket.units.includes(lead) && index % 3 === 0) {
      at = new Date(at.getTime() + HOUR)
      if (at.getTime() <= now.getTime())
        ticket = fire(
          ticket,
          { type: 'note', text: '牵头服务单位已与企业沟通，跟进办理进度' },
          unitActor(users, lead, 'leadServiceUnit'),
          rules,
          at,
        )
    }
    return ticket
  })

  // visits: every visit-channel ticket was found on a visit that day; besides, each commissioner with an
  // account visits each of their enterprises about every five weeks
  const visits: ServiceWork['visits'] = []
  const commissionerByUser = new Map(input.commissioners.filter((c) => c.userId).map((c) => [c.userId!, c]))
  const enterpriseNames = new Map(input.tickets.map((t) => [t.enterpriseId, t.enterpriseName]))
  const found = new Map<string, Ticket[]>()
  for (const ticket of input.tickets) {
    const commissioner = commissionerByUser.get(ticket.submittedBy)
    if (ticket.channel !== 'visit' || !commissioner) continue
    const key = `${commissioner._id}|${ticket.enterpriseId}|${shanghaiDateOf(ticket.createdAt)}`
    found.set(key, [...(found.get(key) ?? []), ticket])
  }
  const visitKeys = new Set(found.keys())
  for (const commissioner of input.commissioners) {
    if (!commissioner.userId || !commissioner.active || commissioner.station.kind === 'park') continue
    const enterpriseId = commissioner.station.enterpriseId
    if (!enterpriseNames.has(enterpriseId)) continue
    const offset = Number.parseInt(commissioner._id.replace(/\D/g, '') || '0', 10) % 30
    for (let day = 10 + offset; ; day += 35) {
      const date = addCalendarDays(input.startDay, day)
      if (atShanghai(date, 10, 0).getTime() > now.getTime()) break
      visitKeys.add(`${commissioner._id}|${enterpriseId}|${date}`)
    }
  }
  const commissioners = new Map(input.commissioners.map((c) => [c._id, c]))
  for (const key of [...visitKeys].sort()) {
    const [commissionerId, enterpriseId, date] = key.split('|')
    const commissioner = commissioners.get(commissionerId)!
    const problems = found.get(key) ?? []
    const id = `visit-${commissionerId}-${date}`
    visits.push({
      _id: id,
      enterpriseId,
      enterpriseName: enterpriseNames.get(enterpriseId) ?? '',
      commissionerId,
      commissionerName: commissioner.name,
      openid: commissioner.userId!,
      requestId: id,
      visitedAt: atShanghai(date, 0, 0),
      peopleMet: '企业负责人、生产部门负责人',
      heard:
        problems.length > 0
          ? `企业反映${problems.length}个问题，已登记为诉求跟踪办理`
          : '生产经营正常，了解订单、用工和资金情况，宣传惠企政策',
      photos: [],
      problems: problems.map((t) => ({
        category: t.category,
        title: t.title,
        description: t.description,
        urgency: t.urgency,
        ticketId: t._id,
      })),
      status: 'complete',
      createdAt: atShanghai(date, 17, 30),
    })
  }
  const latest = new Map<string, (typeof visits)[number]>()
  for (const visit of visits) {
    const seen = latest.get(visit.enterpriseId)
    if (!seen || seen.visitedAt.getTime() < visit.visitedAt.getTime()) latest.set(visit.enterpriseId, visit)
  }
  const visitCoverage = [...latest.values()].map((v) => ({
    _id: v.enterpriseId,
    enterpriseName: v.enterpriseName,
    lastVisitAt: v.visitedAt,
    lastVisitId: v._id,
    commissionerName: v.commissionerName,
  }))
  return { tickets, visits, visitCoverage }
}
