/**
 * Planning an import: spreadsheet text → rows checked like form input → the writes that make the database match
 * the file, or every row's problems. No I/O: the shell reads the file and carries out the plan.
 */
import type * as z from 'zod/mini'
import type { Enterprise, EnterpriseContact, Unit, UnitLevel } from '../../../types/domain'
import { UNIT_LEVELS } from '../../../types/domain'
import {
  DIRECTORY_SHEETS,
  DIRECTORY_TABLES,
  STATION_KIND_LABELS,
  UNIT_LEVEL_LABELS,
  type DirectoryTable,
  type ImportProblem,
  type StationKind,
  type TableChangeCount,
} from '../../../types/directory'
import {
  arrangementSaveSchema,
  commissionerSaveSchema,
  enterpriseSaveSchema,
  leaderSaveSchema,
  taskForceSaveSchema,
  unitSaveSchema,
} from '../../../types/directory-schemas'
import { DirectoryLookup, type Built, type DirectorySnapshot, type FieldProblem } from './snapshot'
import {
  buildArrangement,
  buildCommissioner,
  buildEnterprise,
  buildLeader,
  buildTaskForce,
  buildUnit,
  enterpriseIdFor,
  planWrite,
  type DirectoryCollectionKey,
  type PlannedWrite,
} from './records'

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
  return text
    .trim()
    .replace(/[*＊]+$/, '')
    .replace(/（/g, '(')
    .replace(/）/g, ')')
    .trim()
}

/** Which table a sheet holds: by its worksheet name, else by its header (every required column present). */
export function recognizeTable(
  sheet: Pick<SheetText, 'name' | 'header'>,
  hint?: DirectoryTable,
): DirectoryTable | null {
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
export const LIST_SEPARATOR = '、'

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

const WRITE_ORDER: DirectoryCollectionKey[] = [
  'units',
  'leaders',
  'enterprises',
  'commissioners',
  'serviceTeams',
  'arrangements',
]
/** an import never takes more rows than a function can write within its time limit */
export const MAX_IMPORT_ROWS = 5000

/**
 * Everything an import would do: every row's problems (bad credit code, unknown unit, duplicate, missing
 * field…), and — when there are none — the writes that make the database say what the file says. Rows
 * not in the file are left alone (deactivate with 状态 停用; nothing is deleted). Re-planning the same file
 * after it was applied plans no writes.
 */
export function planImport(
  sheets: readonly SheetText[],
  snapshot: DirectorySnapshot,
  tableHint?: DirectoryTable,
): ImportPlan {
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
      problems.push({
        table,
        sheet: sheet.name,
        row: sheet.headerRow,
        message: `缺少列：${missing.map((c) => c.header).join('、')}`,
      })
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
    problems.push({
      table: null,
      sheet: '',
      row: 0,
      message: `一次最多导入${MAX_IMPORT_ROWS}行，本文件有${rowCount}行，请分批导入`,
    })
  }
  if (tables.length === 0 && problems.length === 0) {
    problems.push({
      table: null,
      sheet: sheets[0]?.name ?? '',
      row: 0,
      message: '文件中没有可识别的名录表（单位、市领导、专班、企业、特派员、四个一）',
    })
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
        if (column.required && parsed.cells[column.key] === '')
          rowProblems.push({ row: parsed.row, column: column.header, message: `缺少${column.header}` })
      }
      const keyColumn = spec.columns[0]
      if (parsed.key !== '') {
        const first = firstRowOfKey.get(parsed.key)
        if (first !== undefined) {
          rowProblems.push({
            row: parsed.row,
            column: keyColumn.header,
            message: `与第${first}行重复（${keyColumn.header}相同）`,
          })
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

  if (problems.length > 0)
    return { tables, ignoredSheets, problems: sortProblems(problems), writes: [], summary: {}, texts }

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
  const isTaskForce =
    write.collection === 'units' && ((write.set as Partial<Unit>).kind === 'taskForce' || 'leaderId' in write.set)
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
  const accept = <T extends { _id: string }>(
    collection: DirectoryCollectionKey,
    result: Built<T>,
    put: (doc: T) => void,
  ) => {
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
      const input = parseWith(
        leaderSaveSchema,
        { leaderId: cells.id, name: cells.name, title: cells.title, rank },
        table,
        row,
        problems,
      )
      if (!input) return
      text(input.name, input.title)
      accept('leaders', buildLeader({ ...input, leaderId: input.leaderId! }, lookup, active), (doc) =>
        lookup.putLeader(doc),
      )
      return
    }
    case 'taskForces': {
      const input = parseWith(
        taskForceSaveSchema,
        {
          code: cells.code,
          name: cells.name,
          leaderId: cells.leaderId,
          memberUnitCodes: splitList(cells.memberUnitCodes),
        },
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
        problems.push({
          row,
          column: '企业名称',
          message: `企业名称与统一社会信用代码为${(sameName as Enterprise).creditCode}的企业相同，请核对`,
        })
        return
      }
      text(input.name, input.park, input.industry, ...input.contacts.flatMap((c) => [c.name, c.title]))
      const enterpriseId = holder?._id ?? enterpriseIdFor(input.creditCode)
      accept('enterprises', buildEnterprise({ ...input, enterpriseId }, lookup, active), (doc) =>
        lookup.putEnterprise(doc),
      )
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
        const enterprise = enterpriseByCode(
          cells.stationCreditCode,
          '驻点企业信用代码',
          row,
          lookup,
          declared,
          problems,
        )
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
    problems.push({
      row,
      column: '联系电话',
      message: `联系人${names.length}位、联系电话${phones.length}个，数量不一致`,
    })
    return null
  }
  if (titles.length > 0 && titles.length !== names.length) {
    problems.push({
      row,
      column: '联系人职务',
      message: `联系人${names.length}位、联系人职务${titles.length}个，数量不一致`,
    })
    return null
  }
  return names.map((name, i) =>
    titles[i] && titles[i] !== '-' ? { name, phone: phones[i], title: titles[i] } : { name, phone: phones[i] },
  )
}
