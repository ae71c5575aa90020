/**
 * What each lifecycle event asks of the person firing it, as data: the detail page draws one small form per
 * offered event from this table. The function validates the same fields again (core/events.ts).
 */
import type { TicketEventType } from '../../types/domain'

export type EventField =
  | { kind: 'text'; key: string; label: string; required: boolean; placeholder?: string }
  | { kind: 'outcome'; key: 'outcome'; label: string }
  | { kind: 'rating'; key: 'rating'; label: string }
  | { kind: 'units'; key: 'units'; label: string }
  | { kind: 'flags'; key: 'flags'; label: string }
  | { kind: 'days'; key: 'days'; label: string }
  | { kind: 'date'; key: 'receptionDayAt'; label: string }
  | { kind: 'photos'; key: 'attachments'; label: string }
  /** another ticket, found by search (only where the page offers a picker: the office's workbench) */
  | { kind: 'ticketRef'; key: 'mergedInto'; label: string }
  | { kind: 'level'; key: 'level'; label: string }

const text = (key: string, label: string, required = true, placeholder?: string): EventField => ({
  kind: 'text',
  key,
  label,
  required,
  ...(placeholder ? { placeholder } : {}),
})

const photos: EventField = { kind: 'photos', key: 'attachments', label: '照片（选填）' }

/** Events the timer fires on its own are never offered as buttons. */
export const SYSTEM_EVENTS: readonly TicketEventType[] = [
  'escalateOverdue',
  'expireRating',
  // recorded from the session / meeting page (packages/meetings), with its commitments
  'recordDecision',
]

export const EVENT_FORMS: { readonly [E in TicketEventType]: readonly EventField[] } = {
  accept: [text('note', '受理意见', false)],
  reject: [
    text('reason', '不予受理的理由'),
    { kind: 'ticketRef', key: 'mergedInto', label: '重复诉求，合并至（选填）' },
  ],
  resolveOnSite: [text('text', '现场办结情况'), photos],
  dispatch: [
    { kind: 'units', key: 'units', label: '承办单位（第一个为牵头单位）' },
    { kind: 'flags', key: 'flags', label: '分级标记' },
    text('reason', '调整理由', false, '调整承办单位或分级标记时必填'),
  ],
  sign: [],
  sendBack: [text('reason', '退回理由', true, '例如：不属于本单位职责，建议由××办理')],
  reassign: [{ kind: 'units', key: 'units', label: '改派给（第一个为牵头单位）' }, text('reason', '改派理由')],
  requestExtension: [{ kind: 'days', key: 'days', label: '延期工作日' }, text('reason', '延期理由')],
  approveExtension: [text('note', '审批意见', false)],
  denyExtension: [text('reason', '不同意的理由')],
  askSupplement: [text('question', '需要企业补充的材料')],
  supplement: [text('text', '补充说明'), photos],
  reply: [{ kind: 'outcome', key: 'outcome', label: '办理结果' }, text('text', '答复内容'), photos],
  rate: [{ kind: 'rating', key: 'rating', label: '您对办理结果的评价' }, text('comment', '评价意见', false)],
  reopen: [text('reason', '重办理由')],
  withdraw: [text('reason', '撤回理由', false)],
  supervise: [text('note', '督办意见')],
  escalate: [text('reason', '升级理由')],
  escalateOverdue: [],
  instruct: [text('text', '批示内容')],
  scheduleReception: [{ kind: 'date', key: 'receptionDayAt', label: '接待日日期' }],
  expireRating: [],
  recordDecision: [],
  answerFromCommitments: [{ kind: 'outcome', key: 'outcome', label: '办理结果' }, text('text', '答复内容')],
  note: [text('text', '备注内容', true, '例如：专班已约见银行，下周反馈')],
  requestMeeting: [text('reason', '需要协调的事项')],
  takeUpward: [
    { kind: 'level', key: 'level', label: '上报层级' },
    text('reason', '上报理由', true, '例如：需国家药监局加快审评'),
  ],
}

/** Events whose button acts at once (after a confirm), with no form. */
export function needsForm(type: TicketEventType): boolean {
  return EVENT_FORMS[type].length > 0
}

/** The limits the form offers for an extension (the rules cap the total at 10 working days). */
export const EXTENSION_DAY_CHOICES = [1, 2, 3, 5, 10] as const
