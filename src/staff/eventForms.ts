/**
 * Every lifecycle event's form (staff and enterprise), for the staff ticket page and the workbench. Loaded by
 * subpackages only (eslint forbids importing src/staff from the main package): see src/services/eventForms.ts.
 */
import type { TicketEventType } from '../../types/domain'
import { ENTERPRISE_FORMS, photos, text, type EventField, type EventForms } from '../services/eventForms'

export const EVENT_FORMS: { readonly [E in TicketEventType]: readonly EventField[] } = {
  ...ENTERPRISE_FORMS,
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
  reply: [{ kind: 'outcome', key: 'outcome', label: '办理结果' }, text('text', '答复内容'), photos],
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

/** The same forms without the fields a page cannot draw (a ticket picker exists on the workbench only). */
export const EVENT_FORMS_WITHOUT_TICKET_REF: EventForms = Object.fromEntries(
  Object.entries(EVENT_FORMS).map(([type, fields]) => [type, fields.filter((f) => f.kind !== 'ticketRef')]),
)

/** The limits the form offers for an extension (the rules cap the total at 10 working days). */
export const EXTENSION_DAY_CHOICES = [1, 2, 3, 5, 10] as const
