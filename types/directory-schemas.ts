/**
 * Payload schemas of the directory, binding and privacy actions, shared by the admin and binding pages and the
 * `api` function (the spreadsheet import checks its rows with the same schemas), so a form, a file and the
 * server give the same Chinese message for the same mistake. `zod/mini` like types/schemas.ts.
 */
import * as z from 'zod/mini'
import { creditCodeProblem, GUILIN_DIVISION_CODES } from './credit-code'
import { UNIT_LEVELS } from './domain'
import { BINDING_STATUSES, DIRECTORY_TABLES, INVITE_STATUSES } from './directory'
import { isPlainText, plainTextMessage } from './text'

const PAYLOAD_MESSAGE = '请求内容格式不正确'

/** Names and short notes of the directory are one printable line (types/text.ts). */
const plainText = (label: string) => z.refine<string>(isPlainText, plainTextMessage(label))

export const requiredText = (label: string, max: number) =>
  z
    .string({ error: `请填写${label}` })
    .check(z.trim(), z.minLength(1, `请填写${label}`), z.maxLength(max, `${label}不能超过${max}个字`), plainText(label))

/** Empty after trimming means "not given". */
export const optionalText = (label: string, max: number) =>
  z.optional(
    z
      .string({ error: `${label}格式不正确` })
      .check(z.trim(), z.maxLength(max, `${label}不能超过${max}个字`), plainText(label)),
  )

/** The districts and counties an enterprise in Guilin is in (GB/T 2260 names, without the city itself). */
export const GUILIN_DISTRICTS = Object.entries(GUILIN_DIVISION_CODES)
  .filter(([code]) => code !== '450300')
  .map(([, name]) => name) as [string, ...string[]]

/** 统一社会信用代码: upper-cased and trimmed first (a form is lenient), then the GB 32100 checksum. */
export const creditCodeSchema = z.string({ error: '请填写统一社会信用代码' }).check(
  z.trim(),
  z.toUpperCase(),
  z.superRefine((code, ctx) => {
    if (code.length === 0) return ctx.addIssue('请填写统一社会信用代码')
    const problem = creditCodeProblem(code)
    if (problem) ctx.addIssue(`统一社会信用代码${problem}`)
  }),
)

/** Mobile (11 digits) or landline with area code (0773-1234567). */
export const PHONE_PATTERN = /^(1\d{10}|0\d{2,3}-?\d{7,8})$/
export const phoneSchema = z
  .string({ error: '请填写联系电话' })
  .check(z.trim(), z.regex(PHONE_PATTERN, '联系电话应为11位手机号或带区号的固定电话'))

/** Unit and task-force codes: kebab-case ASCII (e.g. finance-office, county-lingui, tf-land). */
export const UNIT_CODE_PATTERN = /^[a-z][a-z0-9]*(-[a-z0-9]+)*$/
export const directoryUnitCodeSchema = (label = '单位代码') =>
  z
    .string({ error: `请填写${label}` })
    .check(
      z.trim(),
      z.minLength(1, `请填写${label}`),
      z.maxLength(40, `${label}不能超过40个字符`),
      z.regex(UNIT_CODE_PATTERN, `${label}只能由小写字母、数字和连字符组成`),
    )

/** Ids of leaders, commissioners, enterprises… (e.g. leader-mayor). */
export const RECORD_ID_PATTERN = /^[A-Za-z0-9][A-Za-z0-9_-]{0,63}$/
export const recordIdSchema = (label: string) =>
  z
    .string({ error: `请填写${label}` })
    .check(z.trim(), z.minLength(1, `请填写${label}`), z.regex(RECORD_ID_PATTERN, `${label}格式不正确`))

const uniqueList = <T extends z.ZodMiniType<string>>(item: T, label: string, min: number) =>
  z.array(item, { error: `${label}格式不正确` }).check(
    z.minLength(min, `请至少指定${min}个${label}`),
    z.maxLength(50, `${label}最多50个`),
    z.refine((list) => new Set(list).size === list.length, `${label}不能重复`),
  )

export const enterpriseContactSchema = z.object(
  { name: requiredText('联系人姓名', 20), phone: phoneSchema, title: optionalText('联系人职务', 20) },
  { error: '联系人格式不正确' },
)

export const enterpriseSaveSchema = z.object(
  {
    /** absent: create; present: edit that enterprise */
    enterpriseId: z.optional(recordIdSchema('企业编号')),
    name: requiredText('企业名称', 60),
    creditCode: creditCodeSchema,
    district: z.enum(GUILIN_DISTRICTS, { error: '县(市、区)应为桂林市所辖县(市、区)' }),
    park: optionalText('园区', 40),
    industry: requiredText('行业', 40),
    isKey: z.boolean({ error: '请选择是否重点企业' }),
    contacts: z._default(z.array(enterpriseContactSchema).check(z.maxLength(10, '联系人最多10个')), []),
  },
  { error: PAYLOAD_MESSAGE },
)
export type EnterpriseSaveInput = z.infer<typeof enterpriseSaveSchema>

export const unitSaveSchema = z.object(
  {
    code: directoryUnitCodeSchema(),
    name: requiredText('单位名称', 40),
    level: z.enum(UNIT_LEVELS, { error: '层级应为区直、市直或县(市、区)' }),
  },
  { error: PAYLOAD_MESSAGE },
)
export type UnitSaveInput = z.infer<typeof unitSaveSchema>

export const taskForceSaveSchema = z.object(
  {
    code: directoryUnitCodeSchema('专班代码'),
    name: requiredText('专班名称', 40),
    leaderId: recordIdSchema('牵头市领导编号'),
    memberUnitCodes: uniqueList(directoryUnitCodeSchema('成员单位代码'), '成员单位', 1),
  },
  { error: PAYLOAD_MESSAGE },
)
export type TaskForceSaveInput = z.infer<typeof taskForceSaveSchema>

export const leaderSaveSchema = z.object(
  {
    /** absent: create (an id is made); present: edit, or create with this id (import) */
    leaderId: z.optional(recordIdSchema('市领导编号')),
    name: requiredText('姓名', 20),
    title: requiredText('职务', 60),
    rank: z
      .number({ error: '排序应为1至999的整数' })
      .check(z.int('排序应为1至999的整数'), z.gte(1, '排序应为1至999的整数'), z.lte(999, '排序应为1至999的整数')),
  },
  { error: PAYLOAD_MESSAGE },
)
export type LeaderSaveInput = z.infer<typeof leaderSaveSchema>

export const stationInputSchema = z.discriminatedUnion(
  'kind',
  [
    /** name: absent = the enterprise's name */
    z.object({
      kind: z.literal('enterprise'),
      enterpriseId: recordIdSchema('驻点企业'),
      name: optionalText('驻点名称', 60),
    }),
    z.object({
      kind: z.literal('project'),
      enterpriseId: recordIdSchema('项目所属企业'),
      name: requiredText('项目名称', 60),
    }),
    z.object({ kind: z.literal('park'), park: requiredText('园区名称', 40) }),
  ],
  { error: '驻点类型应为企业、项目或园区' },
)
export type StationInput = z.infer<typeof stationInputSchema>

export const commissionerSaveSchema = z.object(
  {
    commissionerId: z.optional(recordIdSchema('特派员编号')),
    name: requiredText('姓名', 20),
    unitCode: directoryUnitCodeSchema('派出单位代码'),
    squad: optionalText('分队', 40),
    phone: z.optional(phoneSchema),
    station: stationInputSchema,
  },
  { error: PAYLOAD_MESSAGE },
)
export type CommissionerSaveInput = z.infer<typeof commissionerSaveSchema>

export const arrangementSaveSchema = z.object(
  {
    enterpriseId: recordIdSchema('企业'),
    leaderId: recordIdSchema('联系市领导'),
    leadUnitCode: directoryUnitCodeSchema('牵头服务单位'),
    /** absent: kept, or 〈企业简称〉服务团队 for a new team */
    teamName: optionalText('服务团队名称', 40),
    /** the lead unit is put first whether listed or not */
    memberUnitCodes: z._default(uniqueList(directoryUnitCodeSchema('服务团队成员单位'), '成员单位', 0), []),
    commissionerIds: uniqueList(recordIdSchema('特派员编号'), '特派员', 1),
  },
  { error: PAYLOAD_MESSAGE },
)
export type ArrangementSaveInput = z.infer<typeof arrangementSaveSchema>

export const DIRECTORY_KINDS = ['enterprise', 'unit', 'taskForce', 'leader', 'commissioner', 'arrangement'] as const
const kindSchema = z.enum(DIRECTORY_KINDS, { error: '名录类型不正确' })

/** Deactivate or reactivate; nothing in the directory is ever deleted (tickets point at it). */
export const setActiveSchema = z.object(
  {
    kind: kindSchema,
    id: z.string({ error: '缺少编号' }).check(z.minLength(1, '缺少编号'), z.maxLength(64, '编号不正确')),
    active: z.boolean({ error: '请选择启用或停用' }),
  },
  { error: PAYLOAD_MESSAGE },
)

const pageField = z._default(z.number({ error: '页码不正确' }).check(z.int(), z.gte(0), z.lte(500)), 0)

export const directorySearchSchema = z.object(
  {
    kind: kindSchema,
    /** part of a name, or a code / credit code / id */
    keyword: z._default(z.string().check(z.trim(), z.maxLength(30, '关键词不能超过30个字'), plainText('关键词')), ''),
    includeInactive: z._default(z.boolean(), false),
    page: pageField,
  },
  { error: PAYLOAD_MESSAGE },
)

export const directoryGetSchema = z.object(
  {
    kind: kindSchema,
    id: z.string({ error: '缺少编号' }).check(z.minLength(1, '缺少编号'), z.maxLength(64, '编号不正确')),
  },
  { error: PAYLOAD_MESSAGE },
)

/**
 * callFunction data above ~100 KB should not travel inline (WeChat's guidance for `data`); larger files go
 * through cloud storage: the app uploads, then passes the fileID.
 */
export const INLINE_FILE_MAX_BASE64 = 100_000

export const importSourceSchema = z.union(
  [
    z.object({
      fileID: z
        .string()
        .check(z.startsWith('cloud://', '文件标识不正确，请重新上传'), z.maxLength(500, '文件标识不正确')),
    }),
    z.object({
      base64: z
        .string()
        .check(
          z.minLength(1, '文件内容为空'),
          z.maxLength(INLINE_FILE_MAX_BASE64, '文件较大，请先上传到云存储再导入'),
          z.regex(/^[A-Za-z0-9+/]*={0,2}$/, '文件内容编码不正确'),
        ),
      fileName: z.string().check(z.minLength(1, '缺少文件名'), z.maxLength(120, '文件名过长')),
    }),
  ],
  { error: '请上传要导入的文件' },
)

export const directoryImportSchema = z.object(
  {
    source: importSourceSchema,
    /** a CSV holds one table: which (else recognised from its header row); ignored for xlsx */
    table: z.optional(z.enum(DIRECTORY_TABLES, { error: '名录表类型不正确' })),
    /** true (the default): check and report only, write nothing */
    dryRun: z._default(z.boolean(), true),
  },
  { error: PAYLOAD_MESSAGE },
)

export const directoryExportSchema = z.object(
  {
    format: z._default(z.enum(['xlsx', 'csv'], { error: '导出格式应为xlsx或csv' }), 'xlsx'),
    /** required for csv (one table per file); xlsx holds every table */
    table: z.optional(z.enum(DIRECTORY_TABLES, { error: '名录表类型不正确' })),
  },
  { error: PAYLOAD_MESSAGE },
)

export const pageSchema = z.object({ page: pageField }, { error: PAYLOAD_MESSAGE })

// ---------------------------------------------------------------------------------------------------------
// Binding

/** The grant an invite gives: a role and the record it is scoped to. */
export const inviteGrantSchema = z.discriminatedUnion(
  'role',
  [
    z.object({ role: z.literal('enterprise'), enterpriseId: recordIdSchema('企业') }),
    z.object({ role: z.literal('handler'), unitCode: directoryUnitCodeSchema('单位') }),
    z.object({ role: z.literal('unitHead'), unitCode: directoryUnitCodeSchema('单位') }),
    z.object({ role: z.literal('commissioner'), commissionerId: recordIdSchema('特派员') }),
    z.object({ role: z.literal('leader'), leaderId: recordIdSchema('市领导') }),
    z.object({ role: z.literal('dispatcher') }),
    z.object({ role: z.literal('admin') }),
  ],
  { error: '请选择要绑定的身份' },
)

export const INVITE_VALID_DAYS_DEFAULT = 7
export const INVITE_VALID_DAYS_MAX = 30

export const inviteIssueSchema = z.object(
  {
    grant: inviteGrantSchema,
    validDays: z._default(
      z
        .number({ error: `有效期应为1至${INVITE_VALID_DAYS_MAX}天` })
        .check(
          z.int(`有效期应为1至${INVITE_VALID_DAYS_MAX}天`),
          z.gte(1, `有效期应为1至${INVITE_VALID_DAYS_MAX}天`),
          z.lte(INVITE_VALID_DAYS_MAX, `有效期应为1至${INVITE_VALID_DAYS_MAX}天`),
        ),
      INVITE_VALID_DAYS_DEFAULT,
    ),
    note: optionalText('备注', 60),
  },
  { error: PAYLOAD_MESSAGE },
)

export const inviteListSchema = z.object(
  { status: z.optional(z.enum(INVITE_STATUSES, { error: '状态不正确' })), page: pageField },
  { error: PAYLOAD_MESSAGE },
)

const idField = (label: string) =>
  z.string({ error: `缺少${label}` }).check(z.minLength(1, `缺少${label}`), z.maxLength(80, `${label}不正确`))

export const inviteCancelSchema = z.object({ inviteId: idField('邀请码编号') }, { error: PAYLOAD_MESSAGE })

/** 12 letters or digits; spaces and hyphens are ignored and lower case is accepted (K7QF-M2XP-9HTA). */
export const INVITE_CODE_LENGTH = 12
export function normaliseInviteCode(code: string): string {
  return code.replace(/[\s-]/g, '').toUpperCase()
}

export const bindingRedeemSchema = z.object(
  {
    code: z
      .string({ error: '请输入邀请码' })
      .check(
        z.overwrite(normaliseInviteCode),
        z.regex(/^[A-Z0-9]{12}$/, `邀请码应为${INVITE_CODE_LENGTH}位字母或数字`),
      ),
    /** the person's real name, as the office will see it */
    name: requiredText('姓名', 20),
  },
  { error: PAYLOAD_MESSAGE },
)

export const bindingListSchema = z.object(
  { status: z.optional(z.enum(BINDING_STATUSES, { error: '状态不正确' })), page: pageField },
  { error: PAYLOAD_MESSAGE },
)

export const bindingDecisionSchema = z.object(
  { bindingId: idField('绑定记录编号'), reason: optionalText('理由', 200) },
  { error: PAYLOAD_MESSAGE },
)

export const acceptPrivacySchema = z.object(
  {
    version: z
      .string({ error: '缺少隐私说明版本' })
      .check(z.minLength(1, '缺少隐私说明版本'), z.maxLength(20, '隐私说明版本不正确')),
  },
  { error: PAYLOAD_MESSAGE },
)

/** the code the getPhoneNumber button gives the app (valid 5 minutes, single use) */
export const verifyPhoneSchema = z.object(
  {
    code: z
      .string({ error: '缺少手机号授权凭证' })
      .check(z.minLength(1, '缺少手机号授权凭证'), z.maxLength(128, '手机号授权凭证不正确')),
  },
  { error: PAYLOAD_MESSAGE },
)
