import { Text, View } from '@tarojs/components'
import type { ActionResult } from '../../types/actions'
import { EVENT_LABELS, ROLE_LABELS, STATE_LABELS } from '../../types/domain'
import { formatDateTime } from '../services/format'
import './Timeline.css'

type Entry = ActionResult<'ticket.get'>['timeline'][number]

/** The ticket's history, newest first; each line says who did what, when, and why. */
export function Timeline({ entries }: { entries: Entry[] }) {
  const newestFirst = [...entries].reverse()
  return (
    <View className="timeline">
      {newestFirst.map((entry, i) => (
        <View className="timeline-item" key={`${entry.at}-${i}`}>
          <View className={`timeline-dot${i === 0 ? ' timeline-dot-current' : ''}`} />
          <View className="timeline-body">
            <Text className="timeline-title">
              {EVENT_LABELS[entry.event as keyof typeof EVENT_LABELS] ?? entry.event}
              {entry.from !== entry.to ? ` → ${STATE_LABELS[entry.to]}` : ''}
            </Text>
            <Text className="muted timeline-meta">
              {formatDateTime(entry.at)} · {entry.role === 'system' ? '系统' : ROLE_LABELS[entry.role]}{' '}
              {entry.actorName}
            </Text>
            {entry.reason ? <Text className="timeline-reason">{entry.reason}</Text> : null}
            {entry.note ? <Text className="timeline-reason">{entry.note}</Text> : null}
          </View>
        </View>
      ))}
    </View>
  )
}
