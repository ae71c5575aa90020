import { Text, View } from '@tarojs/components'
import Taro from '@tarojs/taro'
import { useState, type ReactNode } from 'react'
import type { ActionResult } from '../../types/actions'
import type { ApiError } from '../../types/api'
import {
  CATEGORY_LABELS,
  CHANNEL_LABELS,
  LEVEL_LABELS,
  OUTCOME_LABELS,
  RATING_LABELS,
  TRACK_LABELS,
  URGENCY_LABELS,
} from '../../types/domain'
import { Photos } from './Photos'
import { StatusTag } from './StatusTag'
import { Timeline } from './Timeline'
import { formatDateTime } from '../services/format'
import { DUE_KIND_LABELS, type DueKind } from '../../types/search'
import './TicketDetail.css'

type Detail = ActionResult<'ticket.get'>
type Lateness = NonNullable<Detail['lateness']>[number]

/** The time limits that matter in each state, in the order a reader looks for them. */
function liveDues(t: Detail): Array<[string, string | null, DueKind]> {
  switch (t.state) {
    case 'submitted':
      return [['受理时限', t.acceptDueAt, 'accept']]
    case 'dispatched':
      return [
        ['签收时限', t.signDueAt, 'sign'],
        ['答复时限', t.replyDueAt, 'reply'],
        ['协调会时限', t.meetingDueAt, 'meeting'],
      ]
    case 'signed':
      return [
        ['答复时限', t.replyDueAt, 'reply'],
        ['协调会时限', t.meetingDueAt, 'meeting'],
      ]
    case 'replied':
      return [['评价时限', t.ratingDueAt, 'rating']]
    default:
      return []
  }
}

/** A missed due that an event moved (升级, 改派, 延期): the original due and how late, in words. */
function latenessLine(late: Lateness, currentDue: string | null): string | null {
  const moved = currentDue === null || new Date(currentDue).getTime() !== new Date(late.dueAt).getTime()
  if (!moved && late.open) return null // the live due line already says it
  const label = DUE_KIND_LABELS[late.kind]
  return late.open
    ? `原${label}时限 ${formatDateTime(late.dueAt)}，已超期 ${late.workingDaysLate} 个工作日`
    : `原${label}时限 ${formatDateTime(late.dueAt)}，超期 ${late.workingDaysLate} 个工作日后完成`
}

/**
 * A ticket as its reader sees it: facts, grade and dues, answer, pending requests, instructions, and the
 * timeline. `actions` goes above the timeline: the enterprise's (main package) or the staff's (packages/desk).
 */
/** A ticket page's body: what went wrong, the loading line, or the ticket with the actions `actionsFor` gives. */
export function TicketScreen({
  ticket,
  error,
  actionsFor,
}: {
  ticket: Detail | null
  error: ApiError | null
  actionsFor: (ticket: Detail) => ReactNode
}) {
  if (error)
    return (
      <View className="page">
        <Text className="error-text">{error.message}</Text>
      </View>
    )
  if (!ticket)
    return (
      <View className="page">
        <Text className="muted">正在加载…</Text>
      </View>
    )
  return <TicketDetail ticket={ticket} actions={actionsFor(ticket)} />
}

export function TicketDetail({ ticket, actions }: { ticket: Detail; actions: ReactNode }) {
  const [showRules, setShowRules] = useState(false)
  const dues = liveDues(ticket).filter(([, at]) => at !== null)
  const unitName = (code: string) => ticket.unitNames?.[code] ?? '其他单位'
  const lateness = ticket.lateness ?? []
  const lateOn = (kind: DueKind) => lateness.find((l) => l.kind === kind && l.open)
  const dueOf: Record<DueKind, string | null> = {
    accept: ticket.acceptDueAt,
    sign: ticket.signDueAt,
    reply: ticket.replyDueAt,
    meeting: ticket.meetingDueAt,
    rating: ticket.ratingDueAt,
  }
  return (
    <View className="page ticket-detail">
      <View className="card">
        <View className="row">
          <Text className="ticket-detail-no">{ticket.no}</Text>
          <StatusTag state={ticket.state} />
        </View>
        <Text className="ticket-detail-title">{ticket.title}</Text>
        <Text className="ticket-detail-text">{ticket.description}</Text>
        <View className="ticket-detail-facts">
          <Text className="muted">企业：{ticket.enterpriseName}</Text>
          <Text className="muted">
            类别：{CATEGORY_LABELS[ticket.category]} · 紧急程度：{URGENCY_LABELS[ticket.urgency]}
          </Text>
          <Text className="muted">
            渠道：{CHANNEL_LABELS[ticket.channel]} · 提交时间：{formatDateTime(ticket.createdAt)}
          </Text>
        </View>
      </View>

      <View className="card ticket-grade">
        <Text className="card-title">分级与时限</Text>
        <Text>
          办理方式：{TRACK_LABELS[ticket.track]} · {LEVEL_LABELS[ticket.level]}
        </Text>
        <Text>
          牵头单位：{unitName(ticket.units[0])}
          {ticket.units.length > 1 ? `；协办：${ticket.units.slice(1).map(unitName).join('、')}` : ''}
        </Text>
        {ticket.taskForce ? <Text>工作专班：{unitName(ticket.taskForce)}</Text> : null}
        {dues.map(([label, at, kind]) => {
          const late = lateOn(kind)
          const overdueNow = late !== undefined && new Date(at!).getTime() < Date.now()
          return (
            <Text key={label} className={`ticket-due${overdueNow ? ' due-overdue' : ''}`}>
              {label}：{formatDateTime(at)}
              {overdueNow ? `（已超期 ${late.workingDaysLate} 个工作日）` : ''}
            </Text>
          )
        })}
        {lateness.map((late) => {
          const line = latenessLine(late, dueOf[late.kind])
          return line ? (
            <Text key={late.kind} className={`ticket-due${late.open ? ' due-overdue' : ''}`}>
              {line}
            </Text>
          ) : null
        })}
        {ticket.pausedAt ? <Text className="ticket-paused">等待企业补充材料，时限暂停计算</Text> : null}
        {ticket.calendarWarning ? (
          <View className="ticket-calendar-warning">
            <Text className="due-overdue">
              该时限按周一至周五推算，{ticket.calendarWarning.years.join('、')}年节假日安排尚未录入
            </Text>
            {ticket.calendarWarning.canEdit ? (
              <Text
                className="link"
                id="open-calendar"
                onClick={() => void Taro.navigateTo({ url: '/packages/admin/pages/calendar/index' })}
              >
                去录入节假日安排
              </Text>
            ) : null}
          </View>
        ) : ticket.calendarMissing ? (
          <Text className="muted">当年法定节假日安排尚未发布，时限按周一至周五暂算</Text>
        ) : null}
        <View className="ticket-reasons">
          {ticket.gradeReasons.map((reason) => (
            <Text key={reason} className="muted ticket-reason">
              {reason}
            </Text>
          ))}
        </View>
        {ticket.gradeRules ? (
          <View className="ticket-rules">
            <Text className="link ticket-rules-toggle" onClick={() => setShowRules(!showRules)}>
              {showRules ? '收起规则依据' : '查看规则依据'}
            </Text>
            {showRules
              ? ticket.gradeRules.map((rule) => (
                  <Text key={rule} className="muted ticket-reason">
                    {rule}
                  </Text>
                ))
              : null}
          </View>
        ) : null}
      </View>

      {ticket.reply ? (
        <View className="card ticket-reply">
          <Text className="card-title">答复{ticket.outcome ? `：${OUTCOME_LABELS[ticket.outcome]}` : ''}</Text>
          <Text className="ticket-detail-text">{ticket.reply.text}</Text>
          <Photos ticketId={ticket._id} fileIDs={ticket.reply.attachments} />
          <Text className="muted">{formatDateTime(ticket.reply.at)}</Text>
          {ticket.rating ? <Text className="ticket-rating">企业评价：{RATING_LABELS[ticket.rating]}</Text> : null}
        </View>
      ) : null}

      {ticket.extensionRequest?.status === 'pending' ? (
        <View className="card">
          <Text className="card-title">延期申请（待审批）</Text>
          <Text>
            申请延期 {ticket.extensionRequest.days} 个工作日：{ticket.extensionRequest.reason}
          </Text>
        </View>
      ) : null}

      {ticket.supplements
        .filter((s) => s.answeredAt === null)
        .map((s) => (
          <View className="card ticket-supplement" key={s.askedAt}>
            <Text className="card-title">需要补充的材料</Text>
            <Text>{s.question}</Text>
          </View>
        ))}

      {ticket.instructions.map((i) => (
        <View className="card" key={i.at}>
          <Text className="card-title">领导批示</Text>
          <Text>{i.text}</Text>
          <Text className="muted">
            {i.leaderName} · {formatDateTime(i.at)}
          </Text>
        </View>
      ))}

      {(ticket.upward ?? []).map((u) => (
        <View className="card" key={u.at}>
          <Text className="card-title">{u.level === 'national' ? '已上报国家层面' : '已上报自治区'}</Text>
          <Text>{u.reason}</Text>
          <Text className="muted">
            {u.byName} · {formatDateTime(u.at)}
          </Text>
          {u.answer ? <Text>上级反馈：{u.answer.text}</Text> : <Text className="muted">等待上级反馈</Text>}
        </View>
      ))}
      {ticket.meetingRequest ? (
        <View className="card">
          <Text className="card-title">已申请专题协调会</Text>
          <Text>{ticket.meetingRequest.reason}</Text>
          <Text className="muted">
            {ticket.meetingRequest.byName} · {formatDateTime(ticket.meetingRequest.at)}
          </Text>
        </View>
      ) : null}

      {actions}

      <View className="card">
        <Text className="card-title">办理进度</Text>
        <Timeline entries={ticket.timeline} />
      </View>
    </View>
  )
}
