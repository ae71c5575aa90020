/**
 * The directory as pure functions: building records from form or spreadsheet input (the same checks for
 * both), planning an import as a difference against the database, the rows an export writes, and the
 * enterprises a leader's or commissioner's grant reaches. No I/O: the shell (api/actions/directory-*.ts)
 * loads a snapshot, calls these, and carries out the writes they plan.
 */
import type * as z from 'zod/mini'
import type { Enterprise, EnterpriseContact, RoleGrant, ServiceArrangement, Unit, UnitLevel } from '../../types/domain'
import { UNIT_LEVELS } from '../../types/domain'
import {
  DIRECTORY_SHEETS,
  DIRECTORY_TABLES,
  STATION_KIND_LABELS,
  UNIT_LEVEL_LABELS,
  type Commissioner,
  type CommissionerStation,
  type DirectoryTable,
  type ImportProblem,
  type Leader,
  type ServiceTeam,
  type StationKind,
  type TableChangeCount,
  type TaskForce,
} from '../../types/directory'
import {
  arrangementSaveSchema,
  commissionerSaveSchema,
  enterpriseSaveSchema,
  leaderSaveSchema,
  taskForceSaveSchema,
  unitSaveSchema,
  type ArrangementSaveInput,
  type CommissionerSaveInput,
  type EnterpriseSaveInput,
  type LeaderSaveInput,
  type TaskForceSaveInput,
  type UnitSaveInput,
} from '../../types/directory-schemas'

/** Everything the directory holds, as the shell loaded it (or the part of it an edit needs). */
export interface DirectorySnapshot {
  /** departments and task forces (kind taskForce) */
  units: Array<Unit | TaskForce>
  leaders: Leader[]
  enterprises: Enterprise[]
  commissioners: Commissioner[]
  serviceTeams: ServiceTeam[]
  arrangements: ServiceArrangement[]
}

export const EMPTY_SNAPSHOT: DirectorySnapshot = {
  units: [],
  leaders: [],
  enterprises: [],
  commissioners: [],
  serviceTeams: [],
  arrangements: [],
}

/** A mistake in one field, in Chinese. */
export interface FieldProblem {
  field: string
  message: string
}

export type Built<T> = { ok: true; doc: T } | { ok: false; problems: FieldProblem[] }

/** A unit record that is a 专班 (the `units` collection holds both). */
export const isTaskForce = (unit: Unit | TaskForce): unit is TaskForce => unit.kind === 'taskForce'

/** Arrangements and teams written before `active` existed count as active. */
export const isActiveArrangement = (arrangement: Pick<ServiceArrangement, 'active'>) => arrangement.active !== false

/** Look-ups over a snapshot; an import lays the file's records over the database's. */
export class DirectoryLookup {
  private readonly units = new Map<string, Unit | TaskForce>()
  private readonly leaders = new Map<string, Leader>()
  private readonly enterprises = new Map<string, Enterprise>()
  private readonly enterprisesByCreditCode = new Map<string, Enterprise>()
  private readonly commissioners = new Map<string, Commissioner>()
  private readonly teams = new Map<string, ServiceTeam>()
  private readonly arrangements = new Map<string, ServiceArrangement>()

  constructor(snapshot: DirectorySnapshot) {
    snapshot.units.forEach((u) => this.putUnit(u))
    snapshot.leaders.forEach((l) => this.putLeader(l))
    snapshot.enterprises.forEach((e) => this.putEnterprise(e))
    snapshot.commissioners.forEach((c) => this.putCommissioner(c))
    snapshot.serviceTeams.forEach((t) => this.teams.set(t._id, t))
    snapshot.arrangements.forEach((a) => this.arrangements.set(a._id, a))
  }

  unit = (code: string) => this.units.get(code)
  leader = (id: string) => this.leaders.get(id)
  enterprise = (id: string) => this.enterprises.get(id)
  enterpriseByCreditCode = (code: string) => this.enterprisesByCreditCode.get(code)
  commissioner = (id: string) => this.commissioners.get(id)
  team = (id: string) => this.teams.get(id)
  arrangement = (enterpriseId: string) => this.arrangements.get(enterpriseId)
  allArrangements = () => [...this.arrangements.values()]
  allUnits = () => [...this.units.values()]

  putUnit(unit: Unit | TaskForce) {
    this.units.set(unit.code, unit)
  }
  putLeader(leader: Leader) {
    this.leaders.set(leader._id, leader)
  }
  putEnterprise(enterprise: Enterprise) {
    const before = this.enterprises.get(enterprise._id)
    if (before && this.enterprisesByCreditCode.get(before.creditCode)?._id === enterprise._id) {
      this.enterprisesByCreditCode.delete(before.creditCode)
    }
    this.enterprises.set(enterprise._id, enterprise)
    this.enterprisesByCreditCode.set(enterprise.creditCode, enterprise)
  }
  putCommissioner(commissioner: Commissioner) {
    this.commissioners.set(commissioner._id, commissioner)
  }
  putArrangement(arrangement: ServiceArrangement, team: ServiceTeam) {
    this.arrangements.set(arrangement._id, arrangement)
    this.teams.set(team._id, team)
  }
}

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
  const clash = existing && existing.kind !== 'department' ? { field: 'code', message: `代码${input.code}已被专班${existing.name}使用` } : null
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
      existing && existing.kind !== 'taskForce' ? { field: 'code', message: `代码${input.code}已被单位${existing.name}使用` } : null,
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
export function buildLeader(input: LeaderSaveInput & { leaderId: string }, lookup: DirectoryLookup, active?: boolean): Built<Leader> {
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

export function buildEnterprise(input: EnterpriseSaveInput & { enterpriseId: string }, lookup: DirectoryLookup, active?: boolean): Built<Enterprise> {
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
  return contact.title ? { name: contact.name, phone: contact.phone, title: contact.title } : { name: contact.name, phone: contact.phone }
}

function stationOf(input: CommissionerSaveInput['station'], lookup: DirectoryLookup): Built<CommissionerStation> {
  if (input.kind === 'park') return { ok: true, doc: { kind: 'park', park: input.park, name: input.park } }
  const enterprise = lookup.enterprise(input.enterpriseId)
  if (!enterprise) return { ok: false, problems: [{ field: 'station.enterpriseId', message: '驻点企业不存在' }] }
  if (!enterprise.active) return { ok: false, problems: [{ field: 'station.enterpriseId', message: `驻点企业${enterprise.name}已停用` }] }
  return { ok: true, doc: { kind: input.kind, enterpriseId: enterprise._id, name: input.name || enterprise.name } }
}

export function buildCommissioner(
  input: CommissionerSaveInput & { commissionerId: string },
  lookup: DirectoryLookup,
  active?: boolean,
): Built<Commissioner> {
  const existing = lookup.commissioner(input.commissionerId)
  const station = stationOf(input.station, lookup)
  return done([activeDepartment(lookup, input.unitCode, 'unitCode', '派出单位'), ...(station.ok ? [] : station.problems)], () => {
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
  })
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

// ---------------------------------------------------------------------------------------------------------
// The enterprises a grant reaches (access scope of leaders and commissioners)

/**
 * A leader: the key enterprises whose active 四个一 names them. A commissioner: those whose active
 * arrangement lists them, and the enterprise (or project's enterprise) they are stationed at while active.
 */
export function linkedEnterpriseIds(
  grant: Pick<RoleGrant, 'role' | 'leaderId' | 'commissionerId'>,
  arrangements: readonly ServiceArrangement[],
  commissioners: ReadonlyMap<string, Commissioner> | readonly Commissioner[],
): string[] {
  const ids = new Set<string>()
  const active = arrangements.filter(isActiveArrangement)
  if (grant.role === 'leader' && grant.leaderId) {
    for (const a of active) if (a.leaderId === grant.leaderId) ids.add(a.enterpriseId)
  }
  if (grant.role === 'commissioner' && grant.commissionerId) {
    const byId = commissioners instanceof Map ? commissioners : new Map((commissioners as Commissioner[]).map((c) => [c._id, c]))
    const commissioner = byId.get(grant.commissionerId)
    if (commissioner?.active) {
      for (const a of active) if (a.commissionerIds.includes(grant.commissionerId)) ids.add(a.enterpriseId)
      if (commissioner.station.kind !== 'park') ids.add(commissioner.station.enterpriseId)
    }
  }
  return [...ids].sort()
}

/** Grants that carry `enterpriseIds`. */
export const isLinkedGrant = (grant: RoleGrant) => grant.role === 'leader' || grant.role === 'commissioner'

/** The grant with its `enterpriseIds` as the directory says now. */
export function withLinkedEnterprises(
  grant: RoleGrant,
  arrangements: readonly ServiceArrangement[],
  commissioners: ReadonlyMap<string, Commissioner> | readonly Commissioner[],
): RoleGrant {
  if (!isLinkedGrant(grant)) return grant
  return { ...grant, enterpriseIds: linkedEnterpriseIds(grant, arrangements, commissioners) }
}

// ---------------------------------------------------------------------------------------------------------
// Spreadsheet rows

/** One worksheet (or CSV) as text: its header row and the rows under it. */
export interface SheetText {
  /** worksheet name; for a CSV, the file name */
  name: string
  /** 1-based row number of the header */
  headerRow: number
  header: string[]
  rows: Array<{ row: number; values: string[] }>
}

/** Header text as compared: trimmed, without the template's trailing * and full-width brackets unified. */
export function normaliseHeader(text: string): string {
  return text.trim().replace(/[*＊]+$/, '').replace(/（/g, '(').replace(/）/g, ')').trim()
}

/** Which table a sheet holds: by its worksheet name, else by its header (every required column present). */
export function recognizeTable(sheet: Pick<SheetText, 'name' | 'header'>, hint?: DirectoryTable): DirectoryTable | null {
  if (hint) return hint
  const byName = DIRECTORY_TABLES.find((table) => DIRECTORY_SHEETS[table].sheet === sheet.name.trim())
  if (byName) return byName
  const header = new Set(sheet.header.map(normaliseHeader))
  const matches = DIRECTORY_TABLES.filter((table) =>
    DIRECTORY_SHEETS[table].columns.filter((c) => c.required).every((c) => header.has(normaliseHeader(c.header))),
  )
  // the most specific match: 企业 and 四个一 both have a credit code column
  matches.sort((a, b) => DIRECTORY_SHEETS[b].columns.length - DIRECTORY_SHEETS[a].columns.length)
  return matches[0] ?? null
}

/** Lists in a cell: 、 , ， ; ； and line breaks all separate. */
export function splitList(text: string): string[] {
  return text
    .split(/[、,，;；\n\r]+/)
    .map((item) => item.trim())
    .filter((item) => item.length > 0)
}
const LIST_SEPARATOR = '、'

const LEVEL_BY_LABEL: Record<string, UnitLevel> = Object.fromEntries([
  ...UNIT_LEVELS.map((level) => [level, level] as const),
  ...UNIT_LEVELS.map((level) => [UNIT_LEVEL_LABELS[level], level] as const),
  ['县级', 'county'],
  ['县(市区)', 'county'],
  ['自治区', 'region'],
  ['市级', 'city'],
])
const STATION_BY_LABEL: Record<string, StationKind> = Object.fromEntries(
  (Object.keys(STATION_KIND_LABELS) as StationKind[]).flatMap((kind) => [
    [kind, kind],
    [STATION_KIND_LABELS[kind], kind],
  ]),
)
const YES = new Set(['是', 'Y', 'YES', 'TRUE', '1', '重点', '重点企业'])
const NO = new Set(['否', 'N', 'NO', 'FALSE', '0', '非重点', '一般'])

/** 状态: empty or 启用 = active, 停用 = inactive. */
function parseStatus(text: string): boolean | 'invalid' {
  const t = text.trim()
  if (t === '' || t === '启用' || t === '正常' || t === '在用') return true
  if (t === '停用' || t === '已停用') return false
  return 'invalid'
}

interface ParsedRow {
  table: DirectoryTable
  sheet: string
  row: number
  /** the natural key (unit code, id, credit code), normalised; '' when missing */
  key: string
  cells: Record<string, string>
}

type RowProblem = Omit<ImportProblem, 'table' | 'sheet'>

/** Field path of a schema issue → the column it came from, per table. */
const COLUMN_OF_FIELD: Record<DirectoryTable, Record<string, string>> = {
  units: { code: 'code', name: 'name', level: 'level' },
  leaders: { leaderId: 'id', name: 'name', title: 'title', rank: 'rank' },
  taskForces: { code: 'code', name: 'name', leaderId: 'leaderId', memberUnitCodes: 'memberUnitCodes' },
  enterprises: {
    creditCode: 'creditCode',
    name: 'name',
    district: 'district',
    park: 'park',
    industry: 'industry',
    isKey: 'isKey',
    'contacts.name': 'contactNames',
    'contacts.phone': 'contactPhones',
    'contacts.title': 'contactTitles',
    contacts: 'contactNames',
  },
  commissioners: {
    commissionerId: 'id',
    name: 'name',
    unitCode: 'unitCode',
    squad: 'squad',
    phone: 'phone',
    station: 'stationKind',
    'station.kind': 'stationKind',
    'station.enterpriseId': 'stationCreditCode',
    'station.name': 'stationName',
    'station.park': 'stationName',
  },
  arrangements: {
    enterpriseId: 'creditCode',
    leaderId: 'leaderId',
    leadUnitCode: 'leadUnitCode',
    teamName: 'teamName',
    memberUnitCodes: 'memberUnitCodes',
    commissionerIds: 'commissionerIds',
  },
}

function headerOf(table: DirectoryTable, columnKey: string | undefined): string | undefined {
  return DIRECTORY_SHEETS[table].columns.find((c) => c.key === columnKey)?.header
}

function columnForField(table: DirectoryTable, path: readonly PropertyKey[]): string | undefined {
  const names = path.filter((p) => typeof p === 'string') as string[]
  const map = COLUMN_OF_FIELD[table]
  return headerOf(table, map[names.join('.')] ?? map[names[0]])
}

/** Parse an input with the form's schema; issues become problems located at their column. */
function parseWith<S extends z.ZodMiniType>(
  schema: S,
  input: unknown,
  table: DirectoryTable,
  row: number,
  problems: RowProblem[],
): z.output<S> | null {
  const result = schema.safeParse(input)
  if (result.success) return result.data as z.output<S>
  const seen = new Set<string>()
  for (const issue of result.error.issues) {
    const column = columnForField(table, issue.path)
    const key = `${column}|${issue.message}`
    if (seen.has(key)) continue
    seen.add(key)
    problems.push({ row, ...(column ? { column } : {}), message: issue.message })
  }
  return null
}

function fieldProblems(table: DirectoryTable, row: number, found: FieldProblem[], problems: RowProblem[]) {
  for (const p of found) {
    const column = columnForField(table, p.field.split('.'))
    problems.push({ row, ...(column ? { column } : {}), message: p.message })
  }
}

/** The free text of a row that must pass the content check (names, titles, parks…). */
export interface RowText {
  table: DirectoryTable
  sheet: string
  row: number
  text: string
}

export interface ImportPlan {
  tables: DirectoryTable[]
  ignoredSheets: string[]
  problems: ImportProblem[]
  /** in the order they must be written: referenced records first */
  writes: PlannedWrite[]
  summary: Partial<Record<DirectoryTable | 'serviceTeams', TableChangeCount>>
  texts: RowText[]
}

const WRITE_ORDER: DirectoryCollectionKey[] = ['units', 'leaders', 'enterprises', 'commissioners', 'serviceTeams', 'arrangements']
/** an import never takes more rows than a function can write within its time limit */
export const MAX_IMPORT_ROWS = 5000

/**
 * Everything an import would do: every row's problems (bad credit code, unknown unit, duplicate, missing
 * field…), and — when there are none — the writes that make the database say what the file says. Rows
 * not in the file are left alone (deactivate with 状态 停用; nothing is deleted). Re-planning the same file
 * after it was applied plans no writes.
 */
export function planImport(sheets: readonly SheetText[], snapshot: DirectorySnapshot, tableHint?: DirectoryTable): ImportPlan {
  const problems: ImportProblem[] = []
  const ignoredSheets: string[] = []
  const rowsByTable = new Map<DirectoryTable, ParsedRow[]>()
  let rowCount = 0

  for (const sheet of sheets) {
    const table = recognizeTable(sheet, sheets.length === 1 ? tableHint : undefined)
    if (!table) {
      if (sheet.rows.length > 0 || sheets.length === 1) ignoredSheets.push(sheet.name)
      continue
    }
    const spec = DIRECTORY_SHEETS[table]
    if (rowsByTable.has(table)) {
      problems.push({ table, sheet: sheet.name, row: 0, message: `文件中有两个${spec.label}表，请合并为一个` })
      continue
    }
    const position = new Map(sheet.header.map((h, i) => [normaliseHeader(h), i] as const))
    const missing = spec.columns.filter((c) => c.required && !position.has(normaliseHeader(c.header)))
    if (missing.length > 0) {
      problems.push({ table, sheet: sheet.name, row: sheet.headerRow, message: `缺少列：${missing.map((c) => c.header).join('、')}` })
      continue
    }
    const rows: ParsedRow[] = []
    for (const { row, values } of sheet.rows) {
      const cells: Record<string, string> = {}
      for (const column of spec.columns) {
        const at = position.get(normaliseHeader(column.header))
        cells[column.key] = at === undefined ? '' : (values[at] ?? '').trim()
      }
      if (Object.values(cells).every((v) => v === '')) continue
      rows.push({ table, sheet: sheet.name, row, key: naturalKey(table, cells), cells })
    }
    rowCount += rows.length
    rowsByTable.set(table, rows)
  }
  const tables = DIRECTORY_TABLES.filter((t) => rowsByTable.has(t))
  if (rowCount > MAX_IMPORT_ROWS) {
    problems.push({ table: null, sheet: '', row: 0, message: `一次最多导入${MAX_IMPORT_ROWS}行，本文件有${rowCount}行，请分批导入` })
  }
  if (tables.length === 0 && problems.length === 0) {
    problems.push({ table: null, sheet: sheets[0]?.name ?? '', row: 0, message: '文件中没有可识别的名录表（单位、市领导、专班、企业、特派员、四个一）' })
  }

  const lookup = new DirectoryLookup(snapshot)
  const existing = new DirectoryLookup(snapshot)
  const built = new Map<DirectoryCollectionKey, Array<{ _id: string } & object>>(WRITE_ORDER.map((c) => [c, []]))
  const texts: RowText[] = []
  // records the file declares, so a reference to a row that has its own problems is not reported twice
  const declared = declaredKeys(rowsByTable)

  for (const table of DIRECTORY_TABLES) {
    const rows = rowsByTable.get(table) ?? []
    const firstRowOfKey = new Map<string, number>()
    for (const parsed of rows) {
      const rowProblems: RowProblem[] = []
      const spec = DIRECTORY_SHEETS[table]
      for (const column of spec.columns) {
        if (column.required && parsed.cells[column.key] === '') rowProblems.push({ row: parsed.row, column: column.header, message: `缺少${column.header}` })
      }
      const keyColumn = spec.columns[0]
      if (parsed.key !== '') {
        const first = firstRowOfKey.get(parsed.key)
        if (first !== undefined) {
          rowProblems.push({ row: parsed.row, column: keyColumn.header, message: `与第${first}行重复（${keyColumn.header}相同）` })
        } else firstRowOfKey.set(parsed.key, parsed.row)
      }
      const active = parseStatus(parsed.cells.status)
      if (active === 'invalid') rowProblems.push({ row: parsed.row, column: '状态', message: '状态应为“启用”或“停用”' })
      // build even a row with problems, to list all of them; only a clean row's record is kept
      buildRow(parsed, active !== false, rowProblems.length === 0, lookup, declared, built, rowProblems, texts)
      const seenColumns = new Set<string>()
      for (const p of rowProblems) {
        // one problem per cell: the first (e.g. 缺少X, not also 请填写X)
        if (p.column && seenColumns.has(p.column)) continue
        if (p.column) seenColumns.add(p.column)
        problems.push({ table, sheet: parsed.sheet, ...p })
      }
    }
  }

  if (problems.length > 0) return { tables, ignoredSheets, problems: sortProblems(problems), writes: [], summary: {}, texts }

  const writes: PlannedWrite[] = []
  const summary: ImportPlan['summary'] = {}
  const tableOfCollection: Record<DirectoryCollectionKey, (doc: object) => DirectoryTable | 'serviceTeams'> = {
    units: (doc) => ((doc as Unit).kind === 'taskForce' ? 'taskForces' : 'units'),
    leaders: () => 'leaders',
    enterprises: () => 'enterprises',
    commissioners: () => 'commissioners',
    serviceTeams: () => 'serviceTeams',
    arrangements: () => 'arrangements',
  }
  const before: Record<DirectoryCollectionKey, (id: string) => object | undefined> = {
    units: existing.unit,
    leaders: existing.leader,
    enterprises: existing.enterprise,
    commissioners: existing.commissioner,
    serviceTeams: existing.team,
    arrangements: existing.arrangement,
  }
  for (const collection of WRITE_ORDER) {
    for (const doc of built.get(collection)!) {
      const bucket = tableOfCollection[collection](doc)
      const counts = (summary[bucket] ??= { created: 0, updated: 0, unchanged: 0 })
      const write = planWrite(collection, doc, before[collection](doc._id))
      if (!write) counts.unchanged++
      else {
        counts[write.op === 'create' ? 'created' : 'updated']++
        writes.push(write)
      }
    }
  }
  // task forces live in `units` but reference leaders: write them after the leaders
  writes.sort((a, b) => writeRank(a) - writeRank(b))
  return { tables, ignoredSheets, problems: [], writes, summary, texts }
}

function writeRank(write: PlannedWrite): number {
  const isTaskForce = write.collection === 'units' && ((write.set as Partial<Unit>).kind === 'taskForce' || 'leaderId' in write.set)
  const rank = WRITE_ORDER.indexOf(write.collection)
  return isTaskForce ? WRITE_ORDER.indexOf('leaders') + 0.5 : rank
}

/** Problems in the order of the file: table by table (as validated), row by row. */
export function sortProblems(problems: ImportProblem[]): ImportProblem[] {
  const order = (p: ImportProblem) => (p.table ? DIRECTORY_TABLES.indexOf(p.table) : -1)
  return [...problems].sort((a, b) => order(a) - order(b) || a.row - b.row)
}

function naturalKey(table: DirectoryTable, cells: Record<string, string>): string {
  switch (table) {
    case 'units':
    case 'taskForces':
      return cells.code.trim()
    case 'leaders':
    case 'commissioners':
      return cells.id.trim()
    case 'enterprises':
    case 'arrangements':
      return cells.creditCode.trim().toUpperCase()
  }
}

interface DeclaredKeys {
  units: Set<string>
  leaders: Set<string>
  creditCodes: Set<string>
  commissioners: Set<string>
}

function declaredKeys(rowsByTable: Map<DirectoryTable, ParsedRow[]>): DeclaredKeys {
  const keys = (table: DirectoryTable) => new Set((rowsByTable.get(table) ?? []).map((r) => r.key).filter(Boolean))
  return {
    units: new Set([...keys('units'), ...keys('taskForces')]),
    leaders: keys('leaders'),
    creditCodes: keys('enterprises'),
    commissioners: keys('commissioners'),
  }
}

/**
 * A reference the file declares but could not build (its own row has problems) is not reported again here;
 * a reference to nothing at all is.
 */
function dropEchoes(found: FieldProblem[], declared: DeclaredKeys, lookup: DirectoryLookup): FieldProblem[] {
  return found.filter((p) => {
    const unknown = /^未知(?:.+?)：(.+)$/.exec(p.message)
    if (!unknown) return true
    const key = unknown[1]
    const declaredSomewhere =
      (declared.units.has(key) && !lookup.unit(key)) ||
      (declared.leaders.has(key) && !lookup.leader(key)) ||
      (declared.commissioners.has(key) && !lookup.commissioner(key))
    return !declaredSomewhere
  })
}

function buildRow(
  parsed: ParsedRow,
  active: boolean,
  /** false when the row already has problems: check it, keep nothing */
  keep: boolean,
  lookup: DirectoryLookup,
  declared: DeclaredKeys,
  built: Map<DirectoryCollectionKey, Array<{ _id: string } & object>>,
  problems: RowProblem[],
  texts: RowText[],
): void {
  const { table, row, cells } = parsed
  const text = (...parts: Array<string | undefined>) => {
    const joined = parts.filter((p) => p && p.trim()).join('\n')
    if (joined) texts.push({ table, sheet: parsed.sheet, row, text: joined })
  }
  const accept = <T extends { _id: string }>(collection: DirectoryCollectionKey, result: Built<T>, put: (doc: T) => void) => {
    if (!result.ok) {
      fieldProblems(table, row, dropEchoes(result.problems, declared, lookup), problems)
      return
    }
    if (!keep || problems.length > 0) return
    put(result.doc)
    built.get(collection)!.push(result.doc)
  }

  switch (table) {
    case 'units': {
      const level = LEVEL_BY_LABEL[cells.level.replace(/\s/g, '')] ?? cells.level
      const input = parseWith(unitSaveSchema, { code: cells.code, name: cells.name, level }, table, row, problems)
      if (!input) return
      text(input.name)
      accept('units', buildUnit(input, lookup, active), (doc) => lookup.putUnit(doc))
      return
    }
    case 'leaders': {
      const rank = /^\d+$/.test(cells.rank) ? Number(cells.rank) : Number.NaN
      const input = parseWith(leaderSaveSchema, { leaderId: cells.id, name: cells.name, title: cells.title, rank }, table, row, problems)
      if (!input) return
      text(input.name, input.title)
      accept('leaders', buildLeader({ ...input, leaderId: input.leaderId! }, lookup, active), (doc) => lookup.putLeader(doc))
      return
    }
    case 'taskForces': {
      const input = parseWith(
        taskForceSaveSchema,
        { code: cells.code, name: cells.name, leaderId: cells.leaderId, memberUnitCodes: splitList(cells.memberUnitCodes) },
        table,
        row,
        problems,
      )
      if (!input) return
      text(input.name)
      accept('units', buildTaskForce(input, lookup, active), (doc) => lookup.putUnit(doc))
      return
    }
    case 'enterprises': {
      const contacts = contactsOf(cells, row, problems)
      if (!contacts) return
      const isKey = YES.has(cells.isKey.toUpperCase()) ? true : NO.has(cells.isKey.toUpperCase()) ? false : cells.isKey
      const input = parseWith(
        enterpriseSaveSchema,
        {
          name: cells.name,
          creditCode: cells.creditCode,
          district: cells.district,
          park: cells.park || undefined,
          industry: cells.industry,
          isKey,
          contacts,
        },
        table,
        row,
        problems,
      )
      if (!input) {
        creditCodeHint(cells.creditCode, problems)
        return
      }
      const holder = lookup.enterpriseByCreditCode(input.creditCode)
      const sameName = [...built.get('enterprises')!].find(
        (e) => (e as Enterprise).name === input.name && (e as Enterprise).creditCode !== input.creditCode,
      )
      if (sameName) {
        problems.push({ row, column: '企业名称', message: `企业名称与统一社会信用代码为${(sameName as Enterprise).creditCode}的企业相同，请核对` })
        return
      }
      text(input.name, input.park, input.industry, ...input.contacts.flatMap((c) => [c.name, c.title]))
      const enterpriseId = holder?._id ?? enterpriseIdFor(input.creditCode)
      accept('enterprises', buildEnterprise({ ...input, enterpriseId }, lookup, active), (doc) => lookup.putEnterprise(doc))
      return
    }
    case 'commissioners': {
      const kind = STATION_BY_LABEL[cells.stationKind.trim()]
      let station: unknown
      if (!kind) {
        problems.push({ row, column: '驻点类型', message: '驻点类型应为“企业”“项目”或“园区”' })
        return
      }
      if (kind === 'park') station = { kind, park: cells.stationName }
      else {
        const enterprise = enterpriseByCode(cells.stationCreditCode, '驻点企业信用代码', row, lookup, declared, problems)
        if (!enterprise) return
        station = { kind, enterpriseId: enterprise._id, name: cells.stationName || undefined }
      }
      const input = parseWith(
        commissionerSaveSchema,
        {
          commissionerId: cells.id,
          name: cells.name,
          unitCode: cells.unitCode,
          squad: cells.squad || undefined,
          phone: cells.phone || undefined,
          station,
        },
        table,
        row,
        problems,
      )
      if (!input) return
      text(input.name, input.squad, cells.stationName)
      accept(
        'commissioners',
        buildCommissioner({ ...input, commissionerId: input.commissionerId! }, lookup, active),
        (doc) => lookup.putCommissioner(doc),
      )
      return
    }
    case 'arrangements': {
      const enterprise = enterpriseByCode(cells.creditCode, '企业信用代码', row, lookup, declared, problems)
      if (!enterprise) return
      const input = parseWith(
        arrangementSaveSchema,
        {
          enterpriseId: enterprise._id,
          leaderId: cells.leaderId,
          leadUnitCode: cells.leadUnitCode,
          teamName: cells.teamName || undefined,
          memberUnitCodes: splitList(cells.memberUnitCodes),
          commissionerIds: splitList(cells.commissionerIds),
        },
        table,
        row,
        problems,
      )
      if (!input) return
      text(input.teamName)
      const result = buildArrangement(input, lookup, active)
      if (!result.ok) return fieldProblems(table, row, dropEchoes(result.problems, declared, lookup), problems)
      if (!keep || problems.length > 0) return
      lookup.putArrangement(result.doc.arrangement, result.doc.team)
      built.get('serviceTeams')!.push(result.doc.team)
      built.get('arrangements')!.push(result.doc.arrangement)
      return
    }
  }
}

/** A credit code in a cell that Excel turned into a number loses its last digits: say so. */
function creditCodeHint(text: string, problems: RowProblem[]) {
  // Excel keeps 15 significant digits of a number: the rest become zeros, or it shows an exponent
  if (/^\d{15,}000$/.test(text) || /E\+\d+$/i.test(text)) {
    const problem = problems.find((p) => p.column === '统一社会信用代码')
    if (problem && !problem.message.includes('文本格式')) {
      problem.message += '（该单元格可能被Excel当作数字处理，请将该列设为文本格式后重新填写）'
    }
  }
}

function enterpriseByCode(
  text: string,
  column: string,
  row: number,
  lookup: DirectoryLookup,
  declared: DeclaredKeys,
  problems: RowProblem[],
): Enterprise | null {
  const code = text.trim().toUpperCase()
  if (code === '') {
    problems.push({ row, column, message: `缺少${column}` })
    return null
  }
  const enterprise = lookup.enterpriseByCreditCode(code)
  if (enterprise) return enterprise
  // declared in the file but its own row has problems: reported there
  if (!declared.creditCodes.has(code)) problems.push({ row, column, message: `未找到统一社会信用代码为${code}的企业` })
  return null
}

function contactsOf(cells: Record<string, string>, row: number, problems: RowProblem[]): EnterpriseContact[] | null {
  const names = splitList(cells.contactNames)
  const phones = splitList(cells.contactPhones)
  const titles = splitList(cells.contactTitles)
  if (names.length !== phones.length) {
    problems.push({ row, column: '联系电话', message: `联系人${names.length}位、联系电话${phones.length}个，数量不一致` })
    return null
  }
  if (titles.length > 0 && titles.length !== names.length) {
    problems.push({ row, column: '联系人职务', message: `联系人${names.length}位、联系人职务${titles.length}个，数量不一致` })
    return null
  }
  return names.map((name, i) => (titles[i] && titles[i] !== '-' ? { name, phone: phones[i], title: titles[i] } : { name, phone: phones[i] }))
}

// ---------------------------------------------------------------------------------------------------------
// Export rows: exactly the columns the import reads back

export type ExportCell = string | number
const statusCell = (active: boolean | undefined) => (active === false ? '停用' : '启用')
const byText = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0)

export function exportRows(snapshot: DirectorySnapshot): Record<DirectoryTable, Array<Record<string, ExportCell>>> {
  const enterprises = new Map(snapshot.enterprises.map((e) => [e._id, e]))
  const teams = new Map(snapshot.serviceTeams.map((t) => [t._id, t]))
  const levelOrder = (level: UnitLevel) => ['region', 'city', 'county'].indexOf(level)
  const departments = snapshot.units.filter((u): u is Unit => u.kind === 'department')
  const taskForces = snapshot.units.filter((u): u is TaskForce => u.kind === 'taskForce')
  const creditCodeOf = (enterpriseId: string) => enterprises.get(enterpriseId)?.creditCode ?? ''
  return {
    units: [...departments]
      .sort((a, b) => levelOrder(a.level) - levelOrder(b.level) || byText(a.code, b.code))
      .map((u) => ({ code: u.code, name: u.name, level: UNIT_LEVEL_LABELS[u.level], status: statusCell(u.active) })),
    leaders: [...snapshot.leaders]
      .sort((a, b) => a.rank - b.rank || byText(a._id, b._id))
      .map((l) => ({ id: l._id, name: l.name, title: l.title, rank: l.rank, status: statusCell(l.active) })),
    taskForces: [...taskForces]
      .sort((a, b) => byText(a.code, b.code))
      .map((t) => ({
        code: t.code,
        name: t.name,
        leaderId: t.leaderId,
        memberUnitCodes: t.memberUnitCodes.join(LIST_SEPARATOR),
        status: statusCell(t.active),
      })),
    enterprises: [...snapshot.enterprises]
      .sort((a, b) => Number(b.isKey) - Number(a.isKey) || byText(a.creditCode, b.creditCode))
      .map((e) => {
        const contacts = e.contacts ?? []
        return {
          creditCode: e.creditCode,
          name: e.name,
          district: e.district,
          park: e.park ?? '',
          industry: e.industry,
          isKey: e.isKey ? '是' : '否',
          contactNames: contacts.map((c) => c.name).join(LIST_SEPARATOR),
          contactPhones: contacts.map((c) => c.phone).join(LIST_SEPARATOR),
          contactTitles: contacts.some((c) => c.title) ? contacts.map((c) => c.title || '-').join(LIST_SEPARATOR) : '',
          status: statusCell(e.active),
        }
      }),
    commissioners: [...snapshot.commissioners]
      .sort((a, b) => byText(a._id, b._id))
      .map((c) => ({
        id: c._id,
        name: c.name,
        unitCode: c.unitCode,
        squad: c.squad,
        stationKind: STATION_KIND_LABELS[c.station.kind],
        stationCreditCode: c.station.kind === 'park' ? '' : creditCodeOf(c.station.enterpriseId),
        stationName: c.station.name,
        phone: c.phone ?? '',
        status: statusCell(c.active),
      })),
    arrangements: [...snapshot.arrangements]
      .sort((a, b) => byText(creditCodeOf(a.enterpriseId), creditCodeOf(b.enterpriseId)))
      .map((a) => {
        const team = teams.get(a.serviceTeamId)
        return {
          creditCode: creditCodeOf(a.enterpriseId),
          enterpriseName: enterprises.get(a.enterpriseId)?.name ?? '',
          leaderId: a.leaderId,
          leadUnitCode: a.leadUnitCode,
          teamName: team?.name ?? '',
          memberUnitCodes: (team?.memberUnitCodes ?? [a.leadUnitCode]).join(LIST_SEPARATOR),
          commissionerIds: a.commissionerIds.join(LIST_SEPARATOR),
          status: statusCell(a.active),
        }
      }),
  }
}
