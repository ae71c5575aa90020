/**
 * The directory forms as data: per kind, its fields, how a record fills them, and how they become the save
 * action's payload. One generic form (components/DirectoryForm.tsx) renders any of them and checks the
 * payload with the same zod/mini schema the function parses with, so both say the same thing in Chinese.
 */
import type * as z from 'zod/mini'
import type { ActionName } from '../../../../types/actions'
import type { DirectoryKind } from '../../../../types/directory'
import { STATION_KIND_LABELS, STATION_KINDS, UNIT_LEVEL_LABELS } from '../../../../types/directory'
import {
  GUILIN_DISTRICTS,
  arrangementSaveSchema,
  commissionerSaveSchema,
  enterpriseSaveSchema,
  leaderSaveSchema,
  taskForceSaveSchema,
  unitSaveSchema,
} from '../../../../types/directory-schemas'
import { UNIT_LEVELS } from '../../../../types/domain'
import type { RecordView } from './records'

export type FieldValue = string | boolean | string[]
export type FormValues = Record<string, FieldValue>

export type FieldType =
  | 'text'
  | 'number'
  /** one of a few options: tappable chips; more than a handful: a picker */
  | 'select'
  | 'bool'
  /** one record of another kind, found by searching the directory */
  | 'ref'
  /** several records of another kind */
  | 'refs'
  /** enterprise contacts, one per line: 姓名 电话 职务 */
  | 'contacts'

export interface FieldSpec {
  /** the payload path (errors from the schema and the server name it), e.g. station.enterpriseId */
  key: string
  label: string | ((values: FormValues) => string)
  type: FieldType
  required?: boolean | ((values: FormValues) => boolean)
  hint?: string
  placeholder?: string
  options?: ReadonlyArray<{ value: string; label: string }>
  refKind?: DirectoryKind
  /** part of the record's identity: set on create, fixed afterwards */
  fixedOnEdit?: boolean
  /** shown only when this holds */
  when?: (values: FormValues) => boolean
}

export type SaveAction = Extract<ActionName, `directory.${DirectoryKind}.save`>

export interface KindSpec {
  action: SaveAction
  schema: z.ZodMiniType
  fields: readonly FieldSpec[]
  blank: () => FormValues
  /** the form's values and the names of the records its reference fields point at */
  fromRecord: (view: RecordView) => { values: FormValues; names: Record<string, string> }
  /** `id`: the record being edited, null when creating */
  toPayload: (values: FormValues, id: string | null) => Record<string, unknown>
}

// ---------------------------------------------------------------------------------------------------------
// Reading form values

const str = (v: FormValues, key: string): string => {
  const value = v[key]
  return typeof value === 'string' ? value.trim() : ''
}
/** An optional field left empty is not sent (the schemas treat absent as "not given"). */
const opt = (v: FormValues, key: string): string | undefined => str(v, key) || undefined
const list = (v: FormValues, key: string): string[] => {
  const value = v[key]
  return Array.isArray(value) ? value : []
}
/** A single reference: absent when none is picked, so the schema says 请填写… */
const one = (v: FormValues, key: string): string | undefined => list(v, key)[0]

export const CONTACT_SEPARATOR = /[\s,，、;；]+/

/** 张三 13800000000 总经理 — one contact per line; the title is optional. */
export function parseContacts(text: string): Array<{ name: string; phone: string; title?: string }> {
  return text
    .split('\n')
    .map((line) => line.trim())
    .filter((line) => line !== '')
    .map((line) => {
      const [name = '', phone = '', ...title] = line.split(CONTACT_SEPARATOR)
      return title.length > 0 ? { name, phone, title: title.join(' ') } : { name, phone }
    })
}

export function formatContacts(contacts: ReadonlyArray<{ name: string; phone: string; title?: string }>): string {
  return contacts.map((c) => [c.name, c.phone, c.title].filter(Boolean).join(' ')).join('\n')
}

const choices = <T extends string>(values: readonly T[], labels: Record<T, string>) =>
  values.map((value) => ({ value, label: labels[value] }))
export const BOOL_OPTIONS = [
  { value: 'true', label: '是' },
  { value: 'false', label: '否' },
]

// ---------------------------------------------------------------------------------------------------------
// The six kinds

const enterprise: KindSpec = {
  action: 'directory.enterprise.save',
  schema: enterpriseSaveSchema,
  fields: [
    { key: 'name', label: '企业名称', type: 'text', required: true },
    {
      key: 'creditCode',
      label: '统一社会信用代码',
      type: 'text',
      required: true,
      hint: '18位，系统会核对校验位',
      placeholder: '例如 91450300…',
    },
    {
      key: 'district',
      label: '县(市、区)',
      type: 'select',
      required: true,
      options: GUILIN_DISTRICTS.map((d) => ({ value: d, label: d })),
    },
    { key: 'park', label: '园区', type: 'text', placeholder: '不在园区可不填' },
    { key: 'industry', label: '行业', type: 'text', required: true, placeholder: '例如 食品饮料' },
    { key: 'isKey', label: '重点企业', type: 'bool', required: true, hint: '重点企业才设置四个一' },
    {
      key: 'contacts',
      label: '联系人',
      type: 'contacts',
      hint: '每行一位：姓名 电话 职务（职务可不填）',
      placeholder: '张三 13800000000 总经理',
    },
  ],
  blank: () => ({ name: '', creditCode: '', district: '', park: '', industry: '', isKey: false, contacts: '' }),
  fromRecord(view) {
    if (view.kind !== 'enterprise') throw new Error(`not an enterprise: ${view.kind}`)
    const e = view.record
    return {
      values: {
        name: e.name,
        creditCode: e.creditCode,
        district: e.district,
        park: e.park ?? '',
        industry: e.industry,
        isKey: e.isKey,
        contacts: formatContacts(e.contacts),
      },
      names: {},
    }
  },
  toPayload: (v, id) => ({
    ...(id ? { enterpriseId: id } : {}),
    name: str(v, 'name'),
    creditCode: str(v, 'creditCode'),
    district: opt(v, 'district'),
    park: opt(v, 'park'),
    industry: str(v, 'industry'),
    isKey: v.isKey === true,
    contacts: parseContacts(str(v, 'contacts')),
  }),
}

const UNIT_CODE_HINT = '小写字母、数字和连字符，例如 finance-office；保存后不能修改'

const unit: KindSpec = {
  action: 'directory.unit.save',
  schema: unitSaveSchema,
  fields: [
    { key: 'code', label: '单位代码', type: 'text', required: true, fixedOnEdit: true, hint: UNIT_CODE_HINT },
    { key: 'name', label: '单位名称', type: 'text', required: true },
    { key: 'level', label: '层级', type: 'select', required: true, options: choices(UNIT_LEVELS, UNIT_LEVEL_LABELS) },
  ],
  blank: () => ({ code: '', name: '', level: '' }),
  fromRecord(view) {
    if (view.kind !== 'unit') throw new Error(`not a unit: ${view.kind}`)
    return { values: { code: view.record.code, name: view.record.name, level: view.record.level }, names: {} }
  },
  toPayload: (v) => ({ code: str(v, 'code'), name: str(v, 'name'), level: opt(v, 'level') }),
}

const taskForce: KindSpec = {
  action: 'directory.taskForce.save',
  schema: taskForceSaveSchema,
  fields: [
    {
      key: 'code',
      label: '专班代码',
      type: 'text',
      required: true,
      fixedOnEdit: true,
      hint: '例如 tf-land；保存后不能修改',
    },
    { key: 'name', label: '专班名称', type: 'text', required: true },
    { key: 'leaderId', label: '牵头市领导', type: 'ref', refKind: 'leader', required: true },
    { key: 'memberUnitCodes', label: '成员单位', type: 'refs', refKind: 'unit', required: true },
  ],
  blank: () => ({ code: '', name: '', leaderId: [], memberUnitCodes: [] }),
  fromRecord(view) {
    if (view.kind !== 'taskForce') throw new Error(`not a task force: ${view.kind}`)
    const t = view.record
    return {
      values: { code: t.code, name: t.name, leaderId: [t.leaderId], memberUnitCodes: [...t.memberUnitCodes] },
      names: { [t.leaderId]: t.leaderName },
    }
  },
  toPayload: (v) => ({
    code: str(v, 'code'),
    name: str(v, 'name'),
    leaderId: one(v, 'leaderId'),
    memberUnitCodes: list(v, 'memberUnitCodes'),
  }),
}

const leader: KindSpec = {
  action: 'directory.leader.save',
  schema: leaderSaveSchema,
  fields: [
    { key: 'name', label: '姓名', type: 'text', required: true },
    { key: 'title', label: '职务', type: 'text', required: true, placeholder: '例如 市委副书记、市长' },
    { key: 'rank', label: '排序', type: 'number', required: true, hint: '按职务排序，1为最前' },
  ],
  blank: () => ({ name: '', title: '', rank: '' }),
  fromRecord(view) {
    if (view.kind !== 'leader') throw new Error(`not a leader: ${view.kind}`)
    return { values: { name: view.record.name, title: view.record.title, rank: String(view.record.rank) }, names: {} }
  },
  toPayload: (v, id) => ({
    ...(id ? { leaderId: id } : {}),
    name: str(v, 'name'),
    title: str(v, 'title'),
    rank: str(v, 'rank') === '' ? undefined : Number(str(v, 'rank')),
  }),
}

const stationKind = (v: FormValues) => str(v, 'station.kind') || 'enterprise'

const commissioner: KindSpec = {
  action: 'directory.commissioner.save',
  schema: commissionerSaveSchema,
  fields: [
    { key: 'name', label: '姓名', type: 'text', required: true },
    { key: 'unitCode', label: '派出单位', type: 'ref', refKind: 'unit', required: true },
    { key: 'squad', label: '分队', type: 'text', placeholder: '例如 高铁(桂林)广西园分队' },
    { key: 'phone', label: '联系电话', type: 'text', placeholder: '11位手机号或带区号的固定电话' },
    {
      key: 'station.kind',
      label: '驻点类型',
      type: 'select',
      required: true,
      options: choices(STATION_KINDS, STATION_KIND_LABELS),
    },
    {
      key: 'station.enterpriseId',
      label: (v) => (stationKind(v) === 'project' ? '项目所属企业' : '驻点企业'),
      type: 'ref',
      refKind: 'enterprise',
      required: true,
      when: (v) => stationKind(v) !== 'park',
    },
    {
      key: 'station.name',
      label: (v) => (stationKind(v) === 'project' ? '项目名称' : '驻点名称'),
      type: 'text',
      required: (v) => stationKind(v) === 'project',
      hint: '驻企业时可不填，默认为企业名称',
      when: (v) => stationKind(v) !== 'park',
    },
    { key: 'station.park', label: '园区名称', type: 'text', required: true, when: (v) => stationKind(v) === 'park' },
  ],
  blank: () => ({
    name: '',
    unitCode: [],
    squad: '',
    phone: '',
    'station.kind': 'enterprise',
    'station.enterpriseId': [],
    'station.name': '',
    'station.park': '',
  }),
  fromRecord(view) {
    if (view.kind !== 'commissioner') throw new Error(`not a commissioner: ${view.kind}`)
    const c = view.record
    const s = c.station
    return {
      values: {
        name: c.name,
        unitCode: [c.unitCode],
        squad: c.squad ?? '',
        phone: c.phone ?? '',
        'station.kind': s.kind,
        'station.enterpriseId': s.kind === 'park' ? [] : [s.enterpriseId],
        'station.name': s.kind === 'park' ? '' : s.name,
        'station.park': s.kind === 'park' ? s.park : '',
      },
      // an enterprise station is named after the enterprise; a project's enterprise is looked up by the picker
      names: { [c.unitCode]: c.unitName, ...(s.kind === 'enterprise' ? { [s.enterpriseId]: s.name } : {}) },
    }
  },
  toPayload(v, id) {
    const kind = stationKind(v)
    const station =
      kind === 'park'
        ? { kind, park: str(v, 'station.park') }
        : {
            kind,
            enterpriseId: one(v, 'station.enterpriseId'),
            name: kind === 'project' ? str(v, 'station.name') : opt(v, 'station.name'),
          }
    return {
      ...(id ? { commissionerId: id } : {}),
      name: str(v, 'name'),
      unitCode: one(v, 'unitCode'),
      squad: opt(v, 'squad'),
      phone: opt(v, 'phone'),
      station,
    }
  },
}

const arrangement: KindSpec = {
  action: 'directory.arrangement.save',
  schema: arrangementSaveSchema,
  fields: [
    { key: 'enterpriseId', label: '重点企业', type: 'ref', refKind: 'enterprise', required: true, fixedOnEdit: true },
    { key: 'leaderId', label: '联系市领导', type: 'ref', refKind: 'leader', required: true },
    { key: 'leadUnitCode', label: '牵头服务单位', type: 'ref', refKind: 'unit', required: true },
    { key: 'teamName', label: '服务团队名称', type: 'text', placeholder: '不填则为“企业简称服务团队”' },
    {
      key: 'memberUnitCodes',
      label: '服务团队成员单位',
      type: 'refs',
      refKind: 'unit',
      hint: '牵头服务单位自动列在首位',
    },
    { key: 'commissionerIds', label: '特派员', type: 'refs', refKind: 'commissioner', required: true },
  ],
  blank: () => ({
    enterpriseId: [],
    leaderId: [],
    leadUnitCode: [],
    teamName: '',
    memberUnitCodes: [],
    commissionerIds: [],
  }),
  fromRecord(view) {
    if (view.kind !== 'arrangement') throw new Error(`not an arrangement: ${view.kind}`)
    const a = view.record
    return {
      values: {
        enterpriseId: [a.enterpriseId],
        leaderId: [a.leaderId],
        leadUnitCode: [a.leadUnitCode],
        teamName: a.team?.name ?? '',
        memberUnitCodes: (a.team?.memberUnitCodes ?? []).filter((code) => code !== a.leadUnitCode),
        commissionerIds: [...a.commissionerIds],
      },
      names: {
        [a.enterpriseId]: a.enterpriseName,
        [a.leaderId]: a.leaderName,
        [a.leadUnitCode]: a.leadUnitName,
        ...a.unitNames,
        ...a.commissionerNames,
      },
    }
  },
  toPayload: (v) => ({
    enterpriseId: one(v, 'enterpriseId'),
    leaderId: one(v, 'leaderId'),
    leadUnitCode: one(v, 'leadUnitCode'),
    teamName: opt(v, 'teamName'),
    memberUnitCodes: list(v, 'memberUnitCodes'),
    commissionerIds: list(v, 'commissionerIds'),
  }),
}

export const KIND_SPECS: Record<DirectoryKind, KindSpec> = {
  enterprise,
  unit,
  taskForce,
  leader,
  commissioner,
  arrangement,
}

export const labelOf = (field: FieldSpec, values: FormValues) =>
  typeof field.label === 'function' ? field.label(values) : field.label
export const isRequired = (field: FieldSpec, values: FormValues) =>
  typeof field.required === 'function' ? field.required(values) : field.required === true

/**
 * The message to show under a field: its own, or the first about a part of it (contacts.1.phone → 第2行：…).
 */
export function errorFor(field: FieldSpec, errors: Record<string, string>): string | undefined {
  if (errors[field.key]) return errors[field.key]
  const nested = Object.keys(errors).find((k) => k.startsWith(field.key + '.'))
  if (!nested) return undefined
  const index = Number(nested.slice(field.key.length + 1).split('.')[0])
  return Number.isInteger(index) && field.type === 'contacts' ? `第${index + 1}行：${errors[nested]}` : errors[nested]
}

/** Messages no shown field claims (the form-wide `_`, or a field the form does not show): listed below the form. */
export function unclaimedErrors(fields: readonly FieldSpec[], errors: Record<string, string>): string[] {
  const claims = (key: string) => fields.some((f) => key === f.key || key.startsWith(f.key + '.'))
  return [
    ...new Set(
      Object.entries(errors)
        .filter(([key]) => !claims(key))
        .map(([, message]) => message),
    ),
  ]
}
