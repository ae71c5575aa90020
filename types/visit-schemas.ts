/**
 * The visit log's form (走访记录) and the 专班 workspace's tabs: shared by the commissioner's page and the `api`
 * function, so both give the same Chinese message next to the same field. zod/mini keeps pages small.
 */
import * as z from 'zod/mini'
import { CATEGORIES, URGENCIES } from './domain'
import { DESCRIPTION_MAX, TITLE_MAX } from './schemas'

const text = (label: string, max: number) =>
  z
    .string({ error: `请填写${label}` })
    .check(z.trim(), z.minLength(1, `请填写${label}`), z.maxLength(max, `${label}不能超过${max}个字`))

export const visitProblemSchema = z.object({
  category: z.enum(CATEGORIES, { error: '请选择问题类别' }),
  title: text('问题标题', TITLE_MAX),
  description: text('问题描述', DESCRIPTION_MAX),
  urgency: z._default(z.enum(URGENCIES, { error: '紧急程度只能是"一般"或"紧急"' }), 'normal'),
})

export const MAX_VISIT_PROBLEMS = 10

export const visitInputSchema = z.object(
  {
    enterpriseId: z
      .string({ error: '请选择企业' })
      .check(z.minLength(1, '请选择企业'), z.maxLength(64, '企业编号不正确')),
    visitedOn: z.string({ error: '请选择走访日期' }).check(z.regex(/^\d{4}-\d{2}-\d{2}$/, '请选择走访日期')),
    peopleMet: text('接待人员', 200),
    heard: text('了解到的情况', 2000),
    photos: z._default(z.array(z.string().check(z.minLength(1))).check(z.maxLength(9, '照片最多9张')), []),
    problems: z._default(
      z.array(visitProblemSchema).check(z.maxLength(MAX_VISIT_PROBLEMS, `一次走访最多登记${MAX_VISIT_PROBLEMS}个问题`)),
      [],
    ),
  },
  { error: '请求内容格式不正确' },
)

export const visitListSchema = z.object({
  enterpriseId: z.optional(z.string().check(z.minLength(1), z.maxLength(64))),
  /** from the previous page's nextCursor */
  cursor: z.optional(z.string({ error: '翻页位置不正确' }).check(z.maxLength(200))),
})

export const coverageSchema = z.object({
  days: z._default(
    z.number({ error: '天数不正确' }).check(z.int(), z.gte(1, '天数至少为1'), z.lte(366, '天数不超过366')),
    30,
  ),
})

export const TASK_FORCE_TABS = ['open', 'overdue', 'closed'] as const

export const taskForceTicketsSchema = z.object({
  taskForce: z.optional(z.string().check(z.regex(/^tf-[a-z-]+$/, '专班不正确'))),
  tab: z._default(z.enum(TASK_FORCE_TABS, { error: '列表类型不正确' }), 'open'),
  /** from the previous page's nextCursor */
  cursor: z.optional(z.string({ error: '翻页位置不正确' }).check(z.maxLength(200))),
})
