/**
 * The lifecycle's event names and their Chinese labels, shared by the app (buttons, timeline) and the core
 * (cloudfunctions/core/events.ts validates the payloads; lifecycle.ts is the table).
 */
export const TICKET_EVENT_TYPES = [
  'accept',
  'reject',
  'resolveOnSite',
  'dispatch',
  'sign',
  'sendBack',
  'reassign',
  'requestExtension',
  'approveExtension',
  'denyExtension',
  'askSupplement',
  'supplement',
  'reply',
  'rate',
  'reopen',
  'withdraw',
  'supervise',
  'escalate',
  'escalateOverdue',
  'instruct',
  'scheduleReception',
  'expireRating',
] as const
export type TicketEventType = (typeof TICKET_EVENT_TYPES)[number]

/** How buttons, the timeline and error messages name each event. */
export const EVENT_LABELS: { readonly [E in TicketEventType]: string } = {
  accept: '受理',
  reject: '不予受理',
  resolveOnSite: '现场办结',
  dispatch: '派单',
  sign: '签收',
  sendBack: '退回',
  reassign: '改派',
  requestExtension: '申请延期',
  approveExtension: '同意延期',
  denyExtension: '不同意延期',
  askSupplement: '要求补充材料',
  supplement: '补充材料',
  reply: '答复',
  rate: '评价',
  reopen: '重办',
  withdraw: '撤回',
  supervise: '督办',
  escalate: '升级',
  escalateOverdue: '逾期升级',
  instruct: '批示',
  scheduleReception: '安排接待日',
  expireRating: '超时未评价办结',
}

/** The timeline's first line is the submission, which is not a lifecycle event. */
export const SUBMIT_EVENT = 'submit'
export const TIMELINE_EVENT_LABELS: Readonly<Record<string, string>> = { ...EVENT_LABELS, [SUBMIT_EVENT]: '提交诉求' }
