/**
 * The events of the ticket lifecycle (DESIGN.md §3) and who fires them. Payloads are validated here so every
 * shell (api action, timer, simulator) gets the same Chinese message for the same mistake.
 */
import { z } from 'zod'
import {
  MEETING_KINDS,
  OUTCOMES,
  RATINGS,
  TICKET_EVENTS,
  TICKET_FLAGS,
  type ActorRole,
  type TicketEventType,
} from '../../types/domain'
import { unitCodeSchema } from '../../types/rules'

/** The one who fires an event. Identity comes from the cloud (OPENID), never from the client. */
export interface Actor {
  id: string
  name: string
  role: ActorRole
  /** handler / unitHead: the unit they act for */
  unitCode?: string
  /** enterprise contact: the enterprise they speak for */
  enterpriseId?: string
  /**
   * handler / unitHead who follow the ticket without handling it: as its 专班 or as the enterprise's 四个一
   * lead service unit (looked up by the shell: shared/access.ts unitRelationTo)
   */
  followsAs?: 'taskForce' | 'leadServiceUnit'
}

/** The timer function acting on its own: rating timeouts, overdue 督办 and escalation. */
export const SYSTEM_ACTOR: Actor = Object.freeze({ id: 'system', name: '系统', role: 'system' })

const TEXT_MAX = 1000
const requiredText = (label: string) =>
  z
    .string({ error: `请填写${label}` })
    .trim()
    .min(1, `请填写${label}`)
    .max(TEXT_MAX, `${label}不能超过${TEXT_MAX}个字`)
const optionalText = (label: string) => z.string().trim().max(TEXT_MAX, `${label}不能超过${TEXT_MAX}个字`).optional()
/** cloud file IDs of uploaded material */
const attachments = z.array(z.string().min(1)).max(9, '附件最多9个').default([])
const unitList = z
  .array(unitCodeSchema)
  .refine((units) => new Set(units).size === units.length, { message: '承办单位不能重复' })

export const ticketEventSchema = z.discriminatedUnion('type', [
  z.strictObject({ type: z.literal('accept'), note: optionalText('受理意见') }),
  z.strictObject({
    type: z.literal('reject'),
    reason: requiredText('不予受理的理由'),
    /** a duplicate: the ticket it is merged into */
    mergedInto: z.string().min(1).optional(),
  }),
  z.strictObject({ type: z.literal('resolveOnSite'), text: requiredText('现场办结情况'), attachments }),
  z.strictObject({
    type: z.literal('dispatch'),
    /** lead first; empty keeps the units graded so far (the category's default lead) */
    units: unitList.default([]),
    /** the office confirms the grade: the flags it sets replace the ticket's */
    flags: z.array(z.enum(TICKET_FLAGS)).optional(),
    receptionDayAt: z.coerce.date({ error: '接待日时间不正确' }).optional(),
    /** required when the office overrides the graded units or flags (guard explainsOverride) */
    reason: optionalText('调整理由'),
  }),
  z.strictObject({ type: z.literal('sign') }),
  z.strictObject({ type: z.literal('sendBack'), reason: requiredText('退回理由') }),
  z.strictObject({
    type: z.literal('reassign'),
    units: unitList.min(1, '请指定承办单位'),
    reason: requiredText('改派理由'),
  }),
  z.strictObject({
    type: z.literal('requestExtension'),
    days: z.number({ error: '请选择延期工作日' }).int('延期天数须为整数').min(1, '延期至少1个工作日'),
    reason: requiredText('延期理由'),
  }),
  z.strictObject({ type: z.literal('approveExtension'), note: optionalText('审批意见') }),
  z.strictObject({ type: z.literal('denyExtension'), reason: requiredText('不同意延期的理由') }),
  z.strictObject({ type: z.literal('askSupplement'), question: requiredText('需补充的材料') }),
  z.strictObject({ type: z.literal('supplement'), text: requiredText('补充说明'), attachments }),
  z.strictObject({
    type: z.literal('reply'),
    outcome: z.enum(OUTCOMES, { error: '请选择办理结果' }),
    text: requiredText('答复内容'),
    attachments,
  }),
  z.strictObject({
    type: z.literal('rate'),
    rating: z.enum(RATINGS, { error: '请选择评价' }),
    comment: optionalText('评价意见'),
  }),
  z.strictObject({ type: z.literal('reopen'), reason: requiredText('重办理由') }),
  z.strictObject({ type: z.literal('withdraw'), reason: optionalText('撤回理由') }),
  z.strictObject({ type: z.literal('supervise'), note: requiredText('督办意见') }),
  z.strictObject({ type: z.literal('escalate'), reason: requiredText('升级理由') }),
  z.strictObject({ type: z.literal('escalateOverdue') }),
  z.strictObject({ type: z.literal('instruct'), text: requiredText('批示内容') }),
  z.strictObject({ type: z.literal('scheduleReception'), receptionDayAt: z.coerce.date({ error: '请选择接待日' }) }),
  z.strictObject({ type: z.literal('expireRating') }),
  /** a reception day or coordination meeting decided about this ticket; its commitments are child tickets */
  z.strictObject({
    type: z.literal('recordDecision'),
    meetingId: z.string().min(1),
    kind: z.enum(MEETING_KINDS),
    decision: requiredText('议定事项'),
    childIds: z.array(z.string().min(1)).max(10).default([]),
    /** when the meeting was held: clears a coordination ticket's meeting due */
    heldAt: z.coerce.date({ error: '会议时间不正确' }),
  }),
  /** the parent answered to the enterprise once its commitments are done (or with the decision alone) */
  z.strictObject({
    type: z.literal('answerFromCommitments'),
    outcome: z.enum(OUTCOMES),
    text: requiredText('答复内容'),
  }),
  z.strictObject({
    type: z.literal('note'),
    text: requiredText('备注内容'),
    /** the answer that came back from the 自治区 / national level after a 上报 */
    upwardAnswer: z.boolean().optional(),
  }),
  z.strictObject({ type: z.literal('requestMeeting'), reason: requiredText('申请协调的事项') }),
  z.strictObject({
    type: z.literal('takeUpward'),
    level: z.enum(['region', 'national'], { error: '请选择上报层级' }),
    reason: requiredText('上报理由'),
  }),
])

/**
 * The free-text fields of the events: a note, a reason (reject, sendBack, extension, withdraw, …), a reply, a
 * supplement, a question, a 督办 note, a 批示, a rating comment. Others read every one of them, so the shell
 * passes each through msgSecCheck like a submission (issue 8 §5).
 */
export const EVENT_TEXT_FIELDS = ['text', 'note', 'reason', 'question', 'comment'] as const

/** An event as the caller writes it (attachments and units may be left out). */
export type TicketEventInput = z.input<typeof ticketEventSchema>
/** An event after validation. */
export type TicketEvent = z.output<typeof ticketEventSchema>
export type { TicketEventType }
export const TICKET_EVENT_TYPES: readonly TicketEventType[] = TICKET_EVENTS

// The schema and the vocabulary name exactly the same events (a compile error otherwise).
type SameEvents<A, B> = [A] extends [B] ? ([B] extends [A] ? true : never) : never
const schemaCoversEveryEvent: SameEvents<TicketEvent['type'], TicketEventType> = true
void schemaCoversEveryEvent

/** One event's payload, by type. */
export type EventOf<E extends TicketEventType> = Extract<TicketEvent, { type: E }>

/**
 * The problems of an event's payload, field key → one plain Chinese message, for showing next to the form's
 * fields: no field key, no English value in any message (issue 11).
 */
export function eventFieldErrors(issues: readonly z.core.$ZodIssue[]): Record<string, string> {
  const fields: Record<string, string> = {}
  for (const issue of issues) {
    const key = issue.path.length > 0 ? String(issue.path[0]) : '_'
    if (!(key in fields)) fields[key] = issue.path.length > 0 ? issue.message : '操作内容不完整，请刷新后重试'
  }
  return fields
}
