/**
 * Payload schemas shared by the submit form and the `api` function, so the form and the server give the
 * same Chinese message for the same mistake. `zod/mini` keeps the main package small (DESIGN.md §7).
 */
import * as z from 'zod/mini'
import { CATEGORIES, URGENCIES } from './domain'
import { isPlainText, plainTextMessage } from './text'

export const TITLE_MAX = 50
export const DESCRIPTION_MAX = 1000

/** A client retry key: the same key from the same user returns the first result (DESIGN.md §3). */
export const requestIdSchema = z.string().check(z.regex(/^[A-Za-z0-9_-]{8,64}$/, '请求编号格式不正确，请刷新后重试'))

const PAYLOAD_MESSAGE = '请求内容格式不正确'

const requiredText = (label: string, max: number) =>
  z
    .string({ error: `请填写${label}` })
    .check(z.trim(), z.minLength(1, `请填写${label}`), z.maxLength(max, `${label}不能超过${max}个字`))

export const submitTicketSchema = z.object(
  {
    category: z.enum(CATEGORIES, { error: '请选择有效的诉求类别' }),
    title: requiredText('诉求标题', TITLE_MAX),
    description: requiredText('问题描述', DESCRIPTION_MAX),
    urgency: z._default(z.enum(URGENCIES, { error: '紧急程度只能是"一般"或"紧急"' }), 'normal'),
    /** staff entering a 诉求 for an enterprise (966011 hotline, 代录): which enterprise; contacts never send it */
    enterpriseId: z.optional(z.string().check(z.minLength(1, '请选择企业'), z.maxLength(64, '企业编号不正确'))),
    /**
     * a commissioner's entry: found on a visit (走访, may then be solved on the spot) or reported for the
     * enterprise (代录, the default); ignored for other roles, whose channel follows from who they are
     */
    onVisit: z.optional(z.boolean({ error: '来源不正确' })),
  },
  { error: PAYLOAD_MESSAGE },
)
export type SubmitTicketInput = z.infer<typeof submitTicketSchema>

export const ticketIdSchema = z.object(
  {
    ticketId: z
      .string({ error: '缺少工单编号' })
      .check(z.minLength(1, '缺少工单编号'), z.maxLength(64, '工单编号不正确')),
  },
  { error: PAYLOAD_MESSAGE },
)

export const listTicketsSchema = z.object(
  {
    /** from the previous page's nextCursor; absent for the first page (cursor paging, never a growing skip) */
    cursor: z.optional(
      z.string({ error: '分页位置不正确，请刷新列表' }).check(z.maxLength(400, '分页位置不正确，请刷新列表')),
    ),
  },
  { error: PAYLOAD_MESSAGE },
)

export const PAGE_SIZE = 20

/** 市重点办's queue: new items to accept, accepted items to dispatch, overdue items to supervise. */
export const QUEUE_TABS = ['new', 'accepted', 'overdue'] as const
export type QueueTab = (typeof QUEUE_TABS)[number]
/** A unit's inbox: to sign, in progress, due within a working day, overdue; the head's extensions to decide. */
export const INBOX_TABS = ['toSign', 'inProgress', 'dueSoon', 'overdue', 'pendingApproval'] as const
export type InboxTab = (typeof INBOX_TABS)[number]

const cursorField = z.optional(
  z.string({ error: '分页位置不正确，请刷新列表' }).check(z.maxLength(400, '分页位置不正确，请刷新列表')),
)

export const queueSchema = z.object(
  { tab: z._default(z.enum(QUEUE_TABS, { error: '列表类型不正确' }), 'new'), cursor: cursorField },
  { error: PAYLOAD_MESSAGE },
)
export const inboxSchema = z.object(
  { tab: z._default(z.enum(INBOX_TABS, { error: '列表类型不正确' }), 'toSign'), cursor: cursorField },
  { error: PAYLOAD_MESSAGE },
)

/** Preview of grading on the submit form: the same engine as the function. */
export const previewSchema = z.object(
  {
    category: z.enum(CATEGORIES, { error: '请选择有效的诉求类别' }),
    urgency: z._default(z.enum(URGENCIES, { error: '紧急程度只能是"一般"或"紧急"' }), 'normal'),
  },
  { error: PAYLOAD_MESSAGE },
)

export const enterpriseSearchSchema = z.object(
  {
    keyword: z._default(
      z
        .string()
        .check(z.trim(), z.maxLength(30, '关键词不能超过30个字'), z.refine(isPlainText, plainTextMessage('关键词'))),
      '',
    ),
  },
  { error: PAYLOAD_MESSAGE },
)

/** Field path → first Chinese message, for showing next to the form fields. */
export function fieldErrors(error: z.core.$ZodError): Record<string, string> {
  const fields: Record<string, string> = {}
  for (const issue of error.issues) {
    const key = issue.path.length > 0 ? issue.path.join('.') : '_'
    // zod's own messages are English ("Invalid input: expected object…"): the app shows Chinese only
    if (!(key in fields)) fields[key] = /[\u4e00-\u9fff]/.test(issue.message) ? issue.message : '请求内容格式不正确'
  }
  return fields
}
