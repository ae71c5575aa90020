/**
 * Before 确认: how the event will change the track, the units and each running due, and what the enterprise
 * will be told (issue 11). The server computes it with the very transition ticket.act runs (ticket.previewAct),
 * so what is shown here is what will be saved. Names and dates only, never a code.
 *
 * Kept apart from the forms (TicketActions) on purpose: a form shows it with one line,
 * `<DuePreview ticket={…} event={…} />`, for the events in PREVIEWED_EVENTS.
 */
import { Text, View } from '@tarojs/components'
import { useEffect, useState } from 'react'
import type { ActionResult, UnitsByName } from '../../types/actions'
import type { TicketEventType } from '../../types/domain'
import { callCloud } from '../services/cloud'
import './DuePreview.css'

/** The events that regrade a ticket or move its dues: their forms show the preview. */
export const PREVIEWED_EVENTS: readonly TicketEventType[] = [
  'dispatch',
  'reassign',
  'escalate',
  'approveExtension',
  'scheduleReception',
]

type Detail = ActionResult<'ticket.get'>
/** The preview as the app receives it (dates as ISO strings). */
type EventPreview = ActionResult<'ticket.previewAct'>

/** Asked again this long after the person stops changing the form. */
const REFRESH_AFTER_MS = 300
const SHANGHAI_OFFSET_MS = 8 * 60 * 60 * 1000

/** "12月24日" in Beijing time (every due is the end of a Beijing working day). */
function monthDay(value: Date | string | null): string {
  if (value === null) return '未定'
  const t = new Date(new Date(value).getTime() + SHANGHAI_OFFSET_MS)
  return Number.isNaN(t.getTime()) ? '未定' : `${t.getUTCMonth() + 1}月${t.getUTCDate()}日`
}

function unitsText(units: UnitsByName): string {
  if (units.lead === null) return '未定'
  return units.co.length === 0 ? units.lead : `${units.lead}（牵头），${units.co.join('、')}（协办）`
}

/** One line "标签：前 → 后", or "标签：值（不变）". */
function change(label: string, before: string, after: string): string {
  return before === after ? `${label}：${after}（不变）` : `${label}：${before} → ${after}`
}

/** The lines of a preview, as the form shows them. */
export function previewLines(preview: EventPreview): string[] {
  const lines = [change('办理方式', preview.track.before, preview.track.after)]
  const unitsBefore = unitsText(preview.units.before)
  const unitsAfter = unitsText(preview.units.after)
  if (unitsBefore !== unitsAfter) lines.push(change('承办单位', unitsBefore, unitsAfter))
  for (const due of preview.dues) {
    const line = change(due.label, monthDay(due.before), monthDay(due.after))
    const late =
      due.missedWorkingDays !== null && due.missedWorkingDays > 0
        ? `（原时限已超期 ${due.missedWorkingDays} 个工作日，超期记录保留）`
        : ''
    lines.push(line + late)
  }
  return lines
}

export function DuePreview({
  ticket,
  event,
}: {
  ticket: Detail
  event: { type: TicketEventType } & Record<string, unknown>
}) {
  const [preview, setPreview] = useState<EventPreview | null>(null)
  const [problem, setProblem] = useState('')
  const key = JSON.stringify(event)

  useEffect(() => {
    let current = true
    const timer = setTimeout(() => {
      void callCloud('ticket.previewAct', { ticketId: ticket._id, version: ticket.version, event }).then((res) => {
        if (!current) return
        setPreview(res.ok ? res.data : null)
        // a form not filled in yet (no unit chosen) is the form's to explain at 确认, next to its field
        setProblem(res.ok || res.error.code === 'INVALID_INPUT' ? '' : res.error.message)
      })
    }, REFRESH_AFTER_MS)
    return () => {
      current = false
      clearTimeout(timer)
    }
    // the event's content, not its identity, decides whether to ask again
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [key, ticket._id, ticket.version])

  if (preview === null) {
    return problem ? (
      <View className="due-preview" data-preview="unavailable">
        <Text className="due-preview-title">确认前预览</Text>
        <Text className="due-preview-line muted">暂时无法预览：{problem}</Text>
      </View>
    ) : null
  }
  return (
    <View className="due-preview" data-preview="ready">
      <Text className="due-preview-title">确认后将变为</Text>
      {previewLines(preview).map((line) => (
        <Text key={line} className="due-preview-line">
          {line}
        </Text>
      ))}
      {preview.reasons.after.length > 0 ? (
        <Text className="due-preview-line">依据：{preview.reasons.after.join('；')}</Text>
      ) : null}
      {preview.enterpriseNotice ? (
        <Text className="due-preview-line due-preview-notice">企业将收到通知：{preview.enterpriseNotice}</Text>
      ) : null}
    </View>
  )
}
