/**
 * The directory behind the history: units, task forces, enterprises with credit codes, leaders,
 * commissioners, the 四个一 arrangements with their service teams, and the app accounts.
 */
import { createHash } from 'node:crypto'
import type { AppUser, Enterprise, RoleGrant, ServiceArrangement, Unit } from '../../types/domain'
import { ROLE_LABELS } from '../../types/domain'
import { GUILIN_DIVISION_CODES, makeCreditCode, organizationCodeCheckChar } from '../../types/credit-code'
import type {
  BindingRecord,
  Commissioner,
  CommissionerStation,
  InviteRecord,
  Leader,
  ServiceTeam,
  TaskForce,
} from '../../types/directory'
import { bindingIdOf, inviteIdOf } from '../../cloudfunctions/core/binding-ids'
import { withLinkedEnterprises } from '../../cloudfunctions/core/directory'
import { DEMO_INVITE_EXPIRY, DEMO_INVITES } from './invites'
import type { Random } from './random'
import { createNameMaker } from './names'
import { ENTERPRISE_ROWS, type EnterpriseRow } from './enterprises'
import { LEADER_ROWS } from './leaders'
import { COUNTY_UNIT_BY_DISTRICT, TASK_FORCE_ROWS, UNIT_ROWS } from './units'
import { DEMO_IDENTITIES, OFFICE_ACCOUNTS, TASK_FORCE_MEMBER_NAMES, fixedNameOf } from './identities'

export interface Directory {
  units: Unit[]
  taskForces: TaskForce[]
  enterprises: Enterprise[]
  leaders: Leader[]
  commissioners: Commissioner[]
  serviceTeams: ServiceTeam[]
  arrangements: ServiceArrangement[]
  users: AppUser[]
  invites: InviteRecord[]
  bindings: BindingRecord[]
}

export const enterpriseIdOf = (slug: string) => `ent-${slug}`
export const contactIdOf = (slug: string) => `demo-ent-${slug}`
export const leaderIdOf = (slug: string) => `leader-${slug}`
export const leaderUserIdOf = (slug: string) => `demo-leader-${slug}`
export const handlerIdOf = (unitCode: string) => `demo-handler-${unitCode}`
export const unitHeadIdOf = (unitCode: string) => `demo-head-${unitCode}`
export const commissionerIdOf = (enterpriseSlug: string) => `commissioner-${enterpriseSlug}`
export const commissionerUserIdOf = (enterpriseSlug: string) => `demo-commissioner-${enterpriseSlug}`

/** Park management committees: their commissioners serve the park, not one firm. */
const PARK_UNITS: Readonly<Record<string, string>> = {
  桂林国家高新区: 'high-tech-zone',
  桂林经开区: 'econ-dev-zone',
  苏桥园区: 'econ-dev-zone',
}
/** Parks whose squad works from the park itself (seed: "驻高铁(桂林)广西园分队"). */
const PARKS_WITH_RESIDENT_SQUAD = new Set(['高铁(桂林)广西园'])

const DIVISION_CODE_BY_DISTRICT: Readonly<Record<string, string>> = Object.fromEntries(
  Object.entries(GUILIN_DIVISION_CODES).map(([code, name]) => [name, code]),
)

/** Letters and digits a 组织机构代码 body may use and a credit code can carry (no I, O, S, V, Z). */
const ORGANIZATION_CODE_CHARS = '0123456789ABCDEFGHJKLMNPQRTUWXY'

/**
 * 91 (market regulation, enterprise) + 行政区划码 + 组织机构代码 (8 + GB 11714 check) + check.
 * Older firms keep their numeric organisation code; newer ones got an `MA5…` code from the
 * Guangxi market regulators after 2015.
 */
function makeEnterpriseCreditCode(random: Random, district: string): string {
  const division = DIVISION_CODE_BY_DISTRICT[district]
  if (!division) throw new Error(`没有${district}的行政区划码`)
  let body = ''
  if (random.chance(0.6)) {
    for (let i = 0; i < 8; i++) body += String(random.int(0, 9))
  } else {
    body = 'MA5'
    for (let i = 0; i < 5; i++) body += random.pick(ORGANIZATION_CODE_CHARS.split(''))
  }
  return makeCreditCode(`91${division}${body}${organizationCodeCheckChar(body)}`)
}

function buildEnterprises(random: Random): Enterprise[] {
  const seen = new Set<string>()
  return ENTERPRISE_ROWS.map((row) => {
    let creditCode = makeEnterpriseCreditCode(random, row.district)
    while (seen.has(creditCode)) creditCode = makeEnterpriseCreditCode(random, row.district)
    seen.add(creditCode)
    const enterprise: Enterprise = {
      _id: enterpriseIdOf(row.slug),
      name: row.name,
      creditCode,
      district: row.district,
      industry: row.industry,
      isKey: row.isKey,
      active: true,
    }
    if (row.park) enterprise.park = row.park
    return enterprise
  })
}

/**
 * Each key enterprise gets one commissioner of its own, so the 70 commissioners the 36 units sent
 * match the 70 key enterprises one to one. A unit's commissioners go first to enterprises it is
 * close to: the one the story names, the enterprise's own county, its park, its lead unit.
 */
function assignCommissionerUnits(keyRows: readonly EnterpriseRow[]): Map<string, string> {
  const freeSlots = UNIT_ROWS.flatMap((unit) => Array.from({ length: unit.commissioners }, () => unit.code))
  if (freeSlots.length !== keyRows.length) {
    throw new Error(`特派员名额${freeSlots.length}个与重点企业${keyRows.length}家不一致`)
  }
  const unitBySlug = new Map<string, string>()
  const takeSlot = (unitCode: string | undefined): string | undefined => {
    const at = unitCode ? freeSlots.indexOf(unitCode) : -1
    return at < 0 ? undefined : freeSlots.splice(at, 1)[0]
  }
  const deferred: EnterpriseRow[] = []
  for (const row of keyRows) {
    const preferences = [
      row.commissionerFrom,
      COUNTY_UNIT_BY_DISTRICT[row.district],
      row.park ? PARK_UNITS[row.park] : undefined,
      row.leadUnit,
    ]
    let unit: string | undefined
    for (const preference of preferences) if ((unit = takeSlot(preference))) break
    if (unit) unitBySlug.set(row.slug, unit)
    else deferred.push(row)
  }
  for (const row of deferred) unitBySlug.set(row.slug, freeSlots.shift()!)
  return unitBySlug
}

function stationOf(row: EnterpriseRow, unitCode: string): CommissionerStation {
  const enterpriseId = enterpriseIdOf(row.slug)
  if (row.project) return { kind: 'project', enterpriseId, name: row.project }
  if (row.park && (PARK_UNITS[row.park] === unitCode || PARKS_WITH_RESIDENT_SQUAD.has(row.park))) {
    return { kind: 'park', park: row.park, name: row.park }
  }
  return { kind: 'enterprise', enterpriseId, name: row.name }
}

export function buildDirectory(random: Random, accountsCreatedAt: Date): Directory {
  const units: Unit[] = UNIT_ROWS.map((row) => ({
    _id: row.code,
    code: row.code,
    name: row.name,
    level: row.level,
    kind: 'department',
    active: true,
  }))
  const unitCodes = new Set(units.map((unit) => unit.code))

  const taskForces: TaskForce[] = TASK_FORCE_ROWS.map((row) => ({
    _id: row.code,
    code: row.code,
    name: row.name,
    level: 'city',
    kind: 'taskForce',
    active: true,
    leaderId: leaderIdOf(row.leader),
    memberUnitCodes: [...row.memberUnitCodes],
  }))

  const enterprises = buildEnterprises(random)

  const leaders: Leader[] = LEADER_ROWS.map((row, index) => ({
    _id: leaderIdOf(row.slug),
    name: row.name,
    title: row.title,
    rank: index + 1,
    userId: leaderUserIdOf(row.slug),
    active: true,
  }))
  const leaderSlugByEnterprise = new Map<string, string>()
  for (const row of LEADER_ROWS) for (const slug of row.enterprises) leaderSlugByEnterprise.set(slug, row.slug)

  const keyRows = ENTERPRISE_ROWS.filter((row) => row.isKey)
  const commissionerUnitBySlug = assignCommissionerUnits(keyRows)
  const nextName = createNameMaker(random, [
    ...DEMO_IDENTITIES.map((identity) => identity.name),
    ...LEADER_ROWS.map((row) => row.name),
  ])
  const nameFor = (openid: string) => fixedNameOf(openid) ?? nextName()

  const commissioners: Commissioner[] = keyRows.map((row) => {
    const unitCode = commissionerUnitBySlug.get(row.slug)!
    const station = stationOf(row, unitCode)
    return {
      _id: commissionerIdOf(row.slug),
      name: nameFor(commissionerUserIdOf(row.slug)),
      unitCode,
      station,
      squad: `${station.kind === 'park' ? station.park : (row.park ?? row.district)}分队`,
      userId: commissionerUserIdOf(row.slug),
      active: true,
    }
  })
  /** the first commissioner stationed in each park also serves the park's other key enterprises */
  const parkCommissioner = new Map<string, string>()
  for (const commissioner of commissioners) {
    const { station } = commissioner
    if (station.kind === 'park' && !parkCommissioner.has(station.park))
      parkCommissioner.set(station.park, commissioner._id)
  }

  const arrangements: ServiceArrangement[] = []
  const serviceTeams: ServiceTeam[] = []
  for (const row of keyRows) {
    const leadUnitCode = row.leadUnit
    const leaderSlug = leaderSlugByEnterprise.get(row.slug)
    if (!leadUnitCode || !unitCodes.has(leadUnitCode))
      throw new Error(`${row.name}的牵头服务部门${leadUnitCode}不在单位名录中`)
    if (!leaderSlug) throw new Error(`${row.name}没有联系市领导`)
    const own = commissionerIdOf(row.slug)
    const fromPark = row.park ? parkCommissioner.get(row.park) : undefined
    const commissionerIds = fromPark && fromPark !== own ? [own, fromPark] : [own]
    const commissionerUnits = commissionerIds.map((id) => commissioners.find((c) => c._id === id)!.unitCode)
    const countyUnit = COUNTY_UNIT_BY_DISTRICT[row.district]
    const memberUnitCodes = [...new Set([leadUnitCode, ...commissionerUnits, ...(countyUnit ? [countyUnit] : [])])]
    const teamId = `team-${row.slug}`
    serviceTeams.push({
      _id: teamId,
      enterpriseId: enterpriseIdOf(row.slug),
      name: `${row.short}服务团队`,
      leadUnitCode,
      memberUnitCodes,
      commissionerIds,
      active: true,
    })
    arrangements.push({
      _id: enterpriseIdOf(row.slug),
      enterpriseId: enterpriseIdOf(row.slug),
      leaderId: leaderIdOf(leaderSlug),
      leadUnitCode,
      serviceTeamId: teamId,
      commissionerIds,
      active: true,
    })
  }

  // leaders' and commissioners' grants carry their linked enterprises, as a binding would resolve them
  const user = (openid: string, grants: RoleGrant[], name = nameFor(openid)): AppUser => ({
    _id: openid,
    name,
    grants: grants.map((grant) => withLinkedEnterprises(grant, arrangements, commissioners)),
    createdAt: accountsCreatedAt,
  })
  const users: AppUser[] = [
    ...ENTERPRISE_ROWS.map((row) =>
      user(contactIdOf(row.slug), [{ role: 'enterprise', enterpriseId: enterpriseIdOf(row.slug) }]),
    ),
    user(OFFICE_ACCOUNTS.dispatcher, [{ role: 'dispatcher', unitCode: 'key-projects-office' }]),
    user(OFFICE_ACCOUNTS.hotline, [{ role: 'dispatcher', unitCode: 'key-projects-office' }]),
    ...UNIT_ROWS.map((row) => user(handlerIdOf(row.code), [{ role: 'handler', unitCode: row.code }])),
    ...UNIT_ROWS.map((row) => {
      const grants: RoleGrant[] = [{ role: 'unitHead', unitCode: row.code }]
      // one account with two roles, as DESIGN.md §1 allows: the office's head also dispatches
      if (row.code === 'key-projects-office') grants.push({ role: 'dispatcher', unitCode: row.code })
      return user(unitHeadIdOf(row.code), grants)
    }),
    ...commissioners.map((c) => user(c.userId!, [{ role: 'commissioner', commissionerId: c._id }], c.name)),
    ...leaders.map((l) => user(l.userId!, [{ role: 'leader', leaderId: l._id }], l.name)),
    user(OFFICE_ACCOUNTS.admin, [{ role: 'admin' }]),
    // one member of each 专班: a handler of the 专班's unit code (how routing reaches a 专班, core/routing.ts);
    // names fixed here so the seeded random draws of the rest stay as they were
    ...TASK_FORCE_ROWS.map((row, i) =>
      user(handlerIdOf(row.code), [{ role: 'handler', unitCode: row.code }], TASK_FORCE_MEMBER_NAMES[i]),
    ),
  ]

  // each enterprise's contact person, with a stand-in mobile number (never a real one: 1380773 + 4 digits)
  const usersById = new Map(users.map((u) => [u._id, u]))
  for (const row of ENTERPRISE_ROWS) {
    const enterprise = enterprises.find((e) => e._id === enterpriseIdOf(row.slug))!
    enterprise.contacts = [
      { name: usersById.get(contactIdOf(row.slug))!.name, phone: demoPhoneOf(row.slug), title: '企业联系人' },
    ]
  }

  const names = new Map<string, string>([
    ...enterprises.map((e) => [e._id, e.name] as const),
    ...units.map((u) => [u.code, u.name] as const),
    ...taskForces.map((t) => [t.code, t.name] as const),
    ...leaders.map((l) => [l._id, l.name] as const),
    ...commissioners.map((c) => [c._id, c.name] as const),
  ])
  const targetNameOf = (grant: RoleGrant): string => {
    switch (grant.role) {
      case 'enterprise':
        return names.get(grant.enterpriseId!)!
      case 'handler':
      case 'unitHead':
        return `${names.get(grant.unitCode!)} · ${ROLE_LABELS[grant.role]}`
      case 'leader':
        return names.get(grant.leaderId!)!
      case 'commissioner':
        return names.get(grant.commissionerId!)!
      default:
        return ROLE_LABELS[grant.role]
    }
  }
  const admin = usersById.get(OFFICE_ACCOUNTS.admin)!
  const bindings: BindingRecord[] = users.flatMap((u) =>
    u.grants.map((grant) => ({
      _id: bindingIdOf(u._id, grant),
      openid: u._id,
      name: u.name,
      grant,
      targetName: targetNameOf(grant),
      status: 'active' as const,
      inviteId: null,
      createdAt: accountsCreatedAt,
      decidedAt: accountsCreatedAt,
      decidedBy: admin._id,
    })),
  )
  const invites: InviteRecord[] = DEMO_INVITES.map((invite) => ({
    _id: inviteIdOf(invite.code),
    grant: invite.grant,
    targetName: targetNameOf(invite.grant),
    note: invite.label,
    requiresApproval: invite.requiresApproval,
    status: 'open',
    expiresAt: invite.expired ? accountsCreatedAt : DEMO_INVITE_EXPIRY,
    issuedAt: accountsCreatedAt,
    issuedBy: admin._id,
    issuedByName: admin.name,
    usedAt: null,
    usedBy: null,
  }))

  return {
    units,
    taskForces,
    enterprises,
    leaders,
    commissioners,
    serviceTeams,
    arrangements,
    users,
    invites,
    bindings,
  }
}

/** A stand-in mobile number per enterprise, from its slug: the same every build. */
function demoPhoneOf(slug: string): string {
  const digits = parseInt(createHash('sha256').update(slug).digest('hex').slice(0, 8), 16) % 10000
  return `1380773${String(digits).padStart(4, '0')}`
}
