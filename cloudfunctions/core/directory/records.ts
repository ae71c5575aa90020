/**
 * Building directory records from form or spreadsheet input (the same checks for both), and the write that turns
 * an existing record into the built one, field by field. No I/O.
 */
import type { Enterprise, EnterpriseContact, ServiceArrangement, Unit } from '../../../types/domain'
import {
  type Commissioner,
  type CommissionerStation,
  type Leader,
  type ServiceTeam,
  type TaskForce,
} from '../../../types/directory'
import {
  type ArrangementSaveInput,
  type CommissionerSaveInput,
  type EnterpriseSaveInput,
  type LeaderSaveInput,
  type TaskForceSaveInput,
  type UnitSaveInput,
} from '../../../types/directory-schemas'
import { DirectoryLookup, isActiveArrangement, type Built, type FieldProblem } from './snapshot'

// ---------------------------------------------------------------------------------------------------------
// Builders: input (already validated by its zod schema) + what exists → the record, or the problems

function activeDepartment(lookup: DirectoryLookup, code: string, field: string, label: string): FieldProblem | null {
  const unit = lookup.unit(code)
  if (!unit) return { field, message: `未知${label}：${code}` }
  if (unit.kind !== 'department') return { field, message: `${code}是专班，不能作为${label}` }
  if (!unit.active) return { field, message: `${label}${unit.name}已停用` }
  return null
}

function activeLeader(lookup: DirectoryLookup, id: string, field: string): FieldProblem | null {
  const leader = lookup.leader(id)
  if (!leader) return { field, message: `未知市领导编号：${id}` }
  if (!leader.active) return { field, message: `市领导${leader.name}已停用` }
  return null
}

const done = <T>(problems: Array<FieldProblem | null>, doc: () => T): Built<T> => {
  const found = problems.filter((p): p is FieldProblem => p !== null)
  return found.length > 0 ? { ok: false, problems: found } : { ok: true, doc: doc() }
}

export function buildUnit(input: UnitSaveInput, lookup: DirectoryLookup, active?: boolean): Built<Unit> {
  const existing = lookup.unit(input.code)
  const clash =
    existing && existing.kind !== 'department'
      ? { field: 'code', message: `代码${input.code}已被专班${existing.name}使用` }
      : null
  return done([clash], () => ({
    _id: input.code,
    code: input.code,
    name: input.name,
    level: input.level,
    kind: 'department' as const,
    active: active ?? existing?.active ?? true,
  }))
}

export function buildTaskForce(input: TaskForceSaveInput, lookup: DirectoryLookup, active?: boolean): Built<TaskForce> {
  const existing = lookup.unit(input.code)
  return done(
    [
      existing && existing.kind !== 'taskForce'
        ? { field: 'code', message: `代码${input.code}已被单位${existing.name}使用` }
        : null,
      activeLeader(lookup, input.leaderId, 'leaderId'),
      ...input.memberUnitCodes.map((code) => activeDepartment(lookup, code, 'memberUnitCodes', '成员单位')),
    ],
    () => ({
      _id: input.code,
      code: input.code,
      name: input.name,
      level: 'city' as const,
      kind: 'taskForce' as const,
      leaderId: input.leaderId,
      memberUnitCodes: [...input.memberUnitCodes],
      active: active ?? existing?.active ?? true,
    }),
  )
}

/** `input.leaderId` is required here: the shell makes one for a new leader entered in a form. */
export function buildLeader(
  input: LeaderSaveInput & { leaderId: string },
  lookup: DirectoryLookup,
  active?: boolean,
): Built<Leader> {
  const existing = lookup.leader(input.leaderId)
  return done([], () => ({
    _id: input.leaderId,
    name: input.name,
    title: input.title,
    rank: input.rank,
    active: active ?? existing?.active ?? true,
  }))
}

/** The `_id` of an enterprise first recorded with this credit code: deterministic, so a re-run finds it. */
export const enterpriseIdFor = (creditCode: string) => `ent-${creditCode.toLowerCase()}`

export function buildEnterprise(
  input: EnterpriseSaveInput & { enterpriseId: string },
  lookup: DirectoryLookup,
  active?: boolean,
): Built<Enterprise> {
  const existing = lookup.enterprise(input.enterpriseId)
  const holder = lookup.enterpriseByCreditCode(input.creditCode)
  const arrangement = lookup.arrangement(input.enterpriseId)
  return done(
    [
      holder && holder._id !== input.enterpriseId
        ? { field: 'creditCode', message: `统一社会信用代码已被「${holder.name}」使用` }
        : null,
      !input.isKey && arrangement && isActiveArrangement(arrangement)
        ? { field: 'isKey', message: '该企业有四个一安排，请先停用其四个一安排再改为非重点企业' }
        : null,
    ],
    () => {
      const enterprise: Enterprise = {
        _id: input.enterpriseId,
        name: input.name,
        creditCode: input.creditCode,
        district: input.district,
        industry: input.industry,
        isKey: input.isKey,
        active: active ?? existing?.active ?? true,
        contacts: input.contacts.map(contactOf),
      }
      if (input.park) enterprise.park = input.park
      return enterprise
    },
  )
}

function contactOf(contact: EnterpriseContact): EnterpriseContact {
  return contact.title
    ? { name: contact.name, phone: contact.phone, title: contact.title }
    : { name: contact.name, phone: contact.phone }
}

function stationOf(input: CommissionerSaveInput['station'], lookup: DirectoryLookup): Built<CommissionerStation> {
  if (input.kind === 'park') return { ok: true, doc: { kind: 'park', park: input.park, name: input.park } }
  const enterprise = lookup.enterprise(input.enterpriseId)
  if (!enterprise) return { ok: false, problems: [{ field: 'station.enterpriseId', message: '驻点企业不存在' }] }
  if (!enterprise.active)
    return { ok: false, problems: [{ field: 'station.enterpriseId', message: `驻点企业${enterprise.name}已停用` }] }
  return { ok: true, doc: { kind: input.kind, enterpriseId: enterprise._id, name: input.name || enterprise.name } }
}

export function buildCommissioner(
  input: CommissionerSaveInput & { commissionerId: string },
  lookup: DirectoryLookup,
  active?: boolean,
): Built<Commissioner> {
  const existing = lookup.commissioner(input.commissionerId)
  const station = stationOf(input.station, lookup)
  return done(
    [activeDepartment(lookup, input.unitCode, 'unitCode', '派出单位'), ...(station.ok ? [] : station.problems)],
    () => {
      const commissioner: Commissioner = {
        _id: input.commissionerId,
        name: input.name,
        unitCode: input.unitCode,
        station: (station as { doc: CommissionerStation }).doc,
        squad: input.squad ?? '',
        active: active ?? existing?.active ?? true,
      }
      if (input.phone) commissioner.phone = input.phone
      return commissioner
    },
  )
}

export const serviceTeamIdFor = (enterpriseId: string) => `team-${enterpriseId}`

export function buildArrangement(
  input: ArrangementSaveInput,
  lookup: DirectoryLookup,
  active?: boolean,
): Built<{ arrangement: Required<ServiceArrangement>; team: ServiceTeam }> {
  const enterprise = lookup.enterprise(input.enterpriseId)
  const existing = lookup.arrangement(input.enterpriseId)
  const enterpriseProblem = !enterprise
    ? { field: 'enterpriseId', message: '企业不存在' }
    : !enterprise.active
      ? { field: 'enterpriseId', message: `企业${enterprise.name}已停用` }
      : !enterprise.isKey
        ? { field: 'enterpriseId', message: `${enterprise.name}不是重点企业，只有重点企业设置四个一` }
        : null
  const commissionerProblems = input.commissionerIds.map((id) => {
    const commissioner = lookup.commissioner(id)
    if (!commissioner) return { field: 'commissionerIds', message: `未知特派员编号：${id}` }
    return commissioner.active ? null : { field: 'commissionerIds', message: `特派员${commissioner.name}已停用` }
  })
  return done(
    [
      enterpriseProblem,
      activeLeader(lookup, input.leaderId, 'leaderId'),
      activeDepartment(lookup, input.leadUnitCode, 'leadUnitCode', '牵头服务单位'),
      ...input.memberUnitCodes.map((code) => activeDepartment(lookup, code, 'memberUnitCodes', '服务团队成员单位')),
      ...commissionerProblems,
    ],
    () => {
      const teamId = existing?.serviceTeamId ?? serviceTeamIdFor(input.enterpriseId)
      const isActive = active ?? (existing ? isActiveArrangement(existing) : true)
      const team: ServiceTeam = {
        _id: teamId,
        enterpriseId: input.enterpriseId,
        name: input.teamName || lookup.team(teamId)?.name || `${enterprise!.name}服务团队`,
        leadUnitCode: input.leadUnitCode,
        memberUnitCodes: [input.leadUnitCode, ...input.memberUnitCodes.filter((code) => code !== input.leadUnitCode)],
        commissionerIds: [...input.commissionerIds],
        active: isActive,
      }
      const arrangement: Required<ServiceArrangement> = {
        _id: input.enterpriseId,
        enterpriseId: input.enterpriseId,
        leaderId: input.leaderId,
        leadUnitCode: input.leadUnitCode,
        serviceTeamId: teamId,
        commissionerIds: [...input.commissionerIds],
        active: isActive,
      }
      return { arrangement, team }
    },
  )
}

// ---------------------------------------------------------------------------------------------------------
// Writes as a difference: what changed, field by field

/** Fields the directory owns on each record (others, e.g. a leader's bound userId, are left alone). */
const OWNED_FIELDS = {
  units: ['code', 'name', 'level', 'kind', 'active', 'leaderId', 'memberUnitCodes'],
  leaders: ['name', 'title', 'rank', 'active'],
  enterprises: ['name', 'creditCode', 'district', 'park', 'industry', 'isKey', 'active', 'contacts'],
  commissioners: ['name', 'unitCode', 'station', 'squad', 'phone', 'active'],
  serviceTeams: ['enterpriseId', 'name', 'leadUnitCode', 'memberUnitCodes', 'commissionerIds', 'active'],
  arrangements: ['enterpriseId', 'leaderId', 'leadUnitCode', 'serviceTeamId', 'commissionerIds', 'active'],
} as const
export type DirectoryCollectionKey = keyof typeof OWNED_FIELDS

/** One document to write: created whole, or updated in the fields that differ (`unset` = fields to remove). */
export interface PlannedWrite {
  collection: DirectoryCollectionKey
  id: string
  op: 'create' | 'update'
  set: Record<string, unknown>
  unset: string[]
}

/** Values as compared: absent lists are empty, absent text is empty, absent `active` is true; keys sorted. */
function canonical(field: string, value: unknown): string {
  if (value === undefined || value === null) {
    if (field === 'contacts') return '[]'
    if (field === 'active') return 'true'
    return '""'
  }
  return JSON.stringify(value, (_key, v: unknown) =>
    v && typeof v === 'object' && !Array.isArray(v)
      ? Object.fromEntries(Object.entries(v as Record<string, unknown>).sort(([a], [b]) => (a < b ? -1 : 1)))
      : v,
  )
}

/** The write that turns `existing` into `next` (null when nothing differs). */
export function planWrite(
  collection: DirectoryCollectionKey,
  next: { _id: string } & object,
  existing: object | undefined,
): PlannedWrite | null {
  const { _id, ...fields } = next as { _id: string } & Record<string, unknown>
  if (!existing) return { collection, id: _id, op: 'create', set: fields, unset: [] }
  const before = existing as Record<string, unknown>
  const set: Record<string, unknown> = {}
  const unset: string[] = []
  for (const field of OWNED_FIELDS[collection]) {
    if (canonical(field, fields[field]) === canonical(field, before[field])) continue
    if (fields[field] === undefined) unset.push(field)
    else set[field] = fields[field]
  }
  return Object.keys(set).length === 0 && unset.length === 0 ? null : { collection, id: _id, op: 'update', set, unset }
}
