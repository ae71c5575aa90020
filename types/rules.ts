/**
 * The grading and routing rules as data (DESIGN.md §4): the shape of config/rules/default-rules.json and of
 * the active, versioned copy in the database, validated by zod on load. Also the draft the rules grade.
 *
 * A rule is `{ id, priority, reason, when, then }` (json-rules-engine style): `when` tests named facts that
 * the engine looks up separately (FACT_NAMES); `then` proposes a track and/or raises the level. Among the
 * matching rules that propose a track the highest priority wins; levels only ever go up.
 */
import { z } from 'zod'
import {
  CATEGORIES,
  CHANNELS,
  LEVELS,
  TICKET_FLAGS,
  TRACKS,
  UNIT_LEVELS,
  URGENCIES,
  type Category,
  type Channel,
  type TicketFlag,
  type Urgency,
} from './domain'
import { DESCRIPTION_MAX, TITLE_MAX } from './schemas'

/** Every named time limit, in working days (DESIGN.md §4 "Time limits"). */
export const LIMIT_NAMES = [
  'accept',
  'sign',
  'reply.timed',
  'reply.timed.urgent',
  'reply.coordination',
  'meeting.coordination',
  'reply.reception',
  'sendBack',
  'extension.max',
  'rating',
  'escalate.overdue',
  'remind.before',
] as const
export type LimitName = (typeof LIMIT_NAMES)[number]

/**
 * The facts a rule may test. Each is looked up by the engine from the draft and the caller's facts
 * (cloudfunctions/core/rules.ts FACT_PROVIDERS); the domain says which values a rule may compare it with.
 */
export const FACT_DOMAINS = {
  /** the draft's category */
  category: { kind: 'enum', values: CATEGORIES },
  /** flags set by the office or a commissioner */
  flags: { kind: 'enumList', values: TICKET_FLAGS },
  urgency: { kind: 'enum', values: URGENCIES },
  channel: { kind: 'enum', values: CHANNELS },
  /** the enterprise is one of the key enterprises (重点企业) */
  enterpriseIsKey: { kind: 'boolean' },
  /** how many units the dispatcher named (the category default counts as one) */
  unitCount: { kind: 'number' },
  reopenCount: { kind: 'number' },
  /** the track before this decision; 'none' for a new draft */
  currentTrack: { kind: 'enum', values: [...TRACKS, 'none'] },
  /** working days the reply is overdue (0 for a new draft) */
  overdueWorkingDays: { kind: 'number' },
  /** this decision regrades a reopened ticket (不满意 → 重办) */
  isReopening: { kind: 'boolean' },
  /** recorded as solved on the spot (现场办结) */
  resolvedOnSite: { kind: 'boolean' },
  /** the highest level among the handling units */
  unitLevel: { kind: 'enum', values: UNIT_LEVELS },
} as const satisfies Record<string, FactDomain>

type FactDomain =
  | { kind: 'enum'; values: readonly string[] }
  | { kind: 'enumList'; values: readonly string[] }
  | { kind: 'boolean' }
  | { kind: 'number' }

export type FactName = keyof typeof FACT_DOMAINS
export const FACT_NAMES = Object.keys(FACT_DOMAINS) as FactName[]

export const OPERATORS = [
  'equal',
  'notEqual',
  'in',
  'notIn',
  'contains',
  'doesNotContain',
  'greaterThanInclusive',
  'lessThan',
] as const
export type Operator = (typeof OPERATORS)[number]

/** A value to compare a fact with: a literal, a list (for in/notIn), or a named time limit ({ limit: 'escalate.overdue' }). */
const comparedValueSchema = z.union([
  z.string(),
  z.number(),
  z.boolean(),
  z.array(z.string()).min(1),
  z.strictObject({ limit: z.enum(LIMIT_NAMES) }),
])
export type ComparedValue = z.infer<typeof comparedValueSchema>

const factConditionSchema = z.strictObject({
  fact: z.enum(FACT_NAMES as [FactName, ...FactName[]]),
  operator: z.enum(OPERATORS),
  value: comparedValueSchema,
})
export type FactCondition = z.infer<typeof factConditionSchema>

/** `all`: every condition holds (an empty list always holds); `any`: at least one; `not`: none of them. */
export type ConditionGroup = { all: Condition[] } | { any: Condition[] } | { not: Condition[] }
export type Condition = FactCondition | ConditionGroup

const conditionGroupSchema: z.ZodType<ConditionGroup> = z.union([
  z.strictObject({ all: z.array(z.lazy(() => conditionSchema)) }),
  z.strictObject({ any: z.array(z.lazy(() => conditionSchema)).min(1) }),
  z.strictObject({ not: z.array(z.lazy(() => conditionSchema)).min(1) }),
])
const conditionSchema: z.ZodType<Condition> = z.union([factConditionSchema, conditionGroupSchema])

const ruleIdSchema = z
  .string()
  .regex(/^R-[A-Z0-9]+(-[A-Z0-9]+)*$/, '规则编号须形如 R-COORD-MULTI（R- 开头，大写字母、数字和连字符）')
const reasonSchema = z.string().trim().min(1, '须写明中文理由，供界面说明“为什么”')

const ruleActionSchema = z
  .strictObject({ track: z.enum(TRACKS).optional(), raiseLevel: z.enum(LEVELS).optional() })
  .refine((action) => action.track !== undefined || action.raiseLevel !== undefined, {
    message: 'then 须至少给出 track 或 raiseLevel',
  })
export type RuleAction = z.infer<typeof ruleActionSchema>

const ruleSchema = z.strictObject({
  id: ruleIdSchema,
  /** higher first; among matching track rules the highest priority wins */
  priority: z.number().int(),
  reason: reasonSchema,
  when: conditionGroupSchema,
  then: ruleActionSchema,
})
export type Rule = z.infer<typeof ruleSchema>

/** A unit code: the default city units (hrss), county units (county-<name>), region units (region-<name>), task forces (tf-land). */
export const unitCodeSchema = z
  .string()
  .regex(/^[a-z][a-z0-9]*(-[a-z0-9]+)*$/, '单位编码须为小写字母、数字和连字符，如 hrss、county-lingui')

/** The default route of a category: its lead unit and task force, with a rule id so decisions can cite it. */
const categoryRouteSchema = z.strictObject({
  id: ruleIdSchema,
  leadUnit: unitCodeSchema,
  taskForce: unitCodeSchema.nullable(),
  reason: reasonSchema,
})
export type CategoryRoute = z.infer<typeof categoryRouteSchema>

const workingDaysSchema = z.number().int().min(0).max(60)
const limitsSchema = z.strictObject(
  Object.fromEntries(LIMIT_NAMES.map((name) => [name, workingDaysSchema])) as Record<
    LimitName,
    typeof workingDaysSchema
  >,
)
export type Limits = Record<LimitName, number>

export const rulesDocumentSchema = z
  .strictObject({
    /** bumped on every change of the active copy, so a decision can say which rules it used */
    version: z.number().int().positive(),
    rules: z.array(ruleSchema).min(1),
    /** every category must have a route (zod checks the record is exhaustive) */
    categories: z.record(z.enum(CATEGORIES), categoryRouteSchema),
    limits: limitsSchema,
    /** unit levels known by code; the directory's levels are passed to the engine as a fact and win */
    unitLevels: z.record(unitCodeSchema, z.enum(UNIT_LEVELS)),
    /** level by code prefix, for units not listed: county-lingui → county */
    unitLevelPrefixes: z.record(z.string().min(1), z.enum(UNIT_LEVELS)),
    /** level of a unit neither listed nor matching a prefix */
    defaultUnitLevel: z.enum(UNIT_LEVELS),
  })
  .superRefine((document, context) => {
    const seen = new Map<string, string>()
    const claim = (id: string, path: (string | number)[]) => {
      const first = seen.get(id)
      if (first !== undefined)
        context.addIssue({ code: 'custom', path, message: `规则编号 ${id} 重复（已用于 ${first}）` })
      else seen.set(id, path.join('.'))
    }
    document.rules.forEach((rule, index) => {
      claim(rule.id, ['rules', index, 'id'])
      checkConditionValues(rule.when, ['rules', index, 'when'], context)
    })
    for (const [category, route] of Object.entries(document.categories)) claim(route.id, ['categories', category, 'id'])
    const hasFallback = document.rules.some(
      (rule) => rule.then.track !== undefined && 'all' in rule.when && rule.when.all.length === 0,
    )
    if (!hasFallback) {
      context.addIssue({
        code: 'custom',
        path: ['rules'],
        message: '须有一条无条件（when: { all: [] }）给出 track 的兜底规则，否则有的诉求无法分级',
      })
    }
  })
export type RulesDocument = z.infer<typeof rulesDocumentSchema>

const LIST_OPERATORS: ReadonlySet<Operator> = new Set(['in', 'notIn'])
const MEMBER_OPERATORS: ReadonlySet<Operator> = new Set(['contains', 'doesNotContain'])
const NUMBER_OPERATORS: ReadonlySet<Operator> = new Set(['greaterThanInclusive', 'lessThan'])

/** Catches typos the shape alone cannot: a flag that does not exist, a number compared with a list, … */
function checkConditionValues(condition: Condition, path: (string | number)[], context: z.RefinementCtx): void {
  if (!('fact' in condition)) {
    const [groupKey, members] = Object.entries(condition)[0] as [string, Condition[]]
    members.forEach((member, index) => checkConditionValues(member, [...path, groupKey, index], context))
    return
  }
  const problem = conditionValueProblem(condition)
  if (problem !== null)
    context.addIssue({ code: 'custom', path: [...path, 'value'], message: `事实 ${condition.fact}：${problem}` })
}

function conditionValueProblem({ fact, operator, value }: FactCondition): string | null {
  const domain: FactDomain = FACT_DOMAINS[fact]
  const allowed = 'values' in domain ? domain.values : []
  const unknown = (values: readonly unknown[]) => values.filter((v) => typeof v !== 'string' || !allowed.includes(v))
  if (typeof value === 'object' && !Array.isArray(value)) {
    return domain.kind === 'number' && NUMBER_OPERATORS.has(operator) ? null : '只有数值事实的大小比较可以引用时限'
  }
  if (MEMBER_OPERATORS.has(operator)) {
    if (domain.kind !== 'enumList') return `${operator} 只能用于列表事实（如 flags）`
    return unknown([value]).length === 0 ? null : `未知取值 ${JSON.stringify(value)}，可选：${allowed.join('、')}`
  }
  if (domain.kind === 'enumList') return `列表事实只能用 contains / doesNotContain`
  if (NUMBER_OPERATORS.has(operator))
    return domain.kind === 'number' && typeof value === 'number' ? null : `${operator} 须比较数值事实与数字`
  if (LIST_OPERATORS.has(operator)) {
    if (!Array.isArray(value)) return `${operator} 须给出取值列表`
    if (domain.kind !== 'enum') return `${operator} 只能用于枚举事实`
    const bad = unknown(value)
    return bad.length === 0
      ? null
      : `未知取值 ${bad.map((v) => JSON.stringify(v)).join('、')}，可选：${allowed.join('、')}`
  }
  // equal / notEqual
  if (domain.kind === 'boolean') return typeof value === 'boolean' ? null : '须与 true 或 false 比较'
  if (domain.kind === 'number') return typeof value === 'number' ? null : '须与数字比较'
  return unknown([value]).length === 0 ? null : `未知取值 ${JSON.stringify(value)}，可选：${allowed.join('、')}`
}

/** The draft the rules grade: what the enterprise reported plus what the office decided so far. */
export interface TicketDraft {
  id: string
  enterprise: { name: string; isKey: boolean }
  category: Category
  title: string
  description: string
  /** units named by the dispatcher, lead first; empty = the category's default lead unit */
  units: string[]
  flags: TicketFlag[]
  urgency: Urgency
  reopenCount: number
  submittedAt: Date
  /** how it came in; 'app' when not given */
  channel?: Channel
}

/** A draft as JSON (the rules simulator's input): instants are ISO-8601 strings with an offset. */
export const ticketDraftInputSchema = z.strictObject({
  id: z.string().min(1, '缺少草稿编号'),
  enterprise: z.strictObject({ name: z.string().trim().min(1, '请填写企业名称'), isKey: z.boolean() }),
  category: z.enum(CATEGORIES),
  title: z.string().trim().min(1, '请填写诉求标题').max(TITLE_MAX, `诉求标题不能超过${TITLE_MAX}个字`),
  description: z.string().max(DESCRIPTION_MAX, `问题描述不能超过${DESCRIPTION_MAX}个字`),
  units: z.array(unitCodeSchema).refine((units) => new Set(units).size === units.length, { message: '单位不能重复' }),
  flags: z
    .array(z.enum(TICKET_FLAGS))
    .refine((flags) => new Set(flags).size === flags.length, { message: '标记不能重复' }),
  urgency: z.enum(URGENCIES),
  reopenCount: z.number().int().min(0),
  submittedAt: z.iso
    .datetime({ offset: true, error: '提交时间须为带时区的 ISO-8601 时间，如 2026-09-30T10:00:00+08:00' })
    .transform((text) => new Date(text)),
  channel: z.enum(CHANNELS).optional(),
}) satisfies z.ZodType<TicketDraft, unknown>

/** Chinese messages for every zod parse whose problems a user or the office reads. */
export const ZOD_ERRORS_IN_CHINESE = { error: z.locales.zhCN().localeError }

/** One line per problem, "位置: 问题", for an INVALID_INPUT message. */
export function describeIssues(issues: readonly z.core.$ZodIssue[]): string[] {
  return issues.map((issue) => `${issue.path.length > 0 ? issue.path.join('.') : '(根)'}: ${issue.message}`)
}
