import { Text, View } from '@tarojs/components'
import Taro from '@tarojs/taro'
import type { TicketSummary, Wire } from '../../types/actions'
import { CATEGORY_LABELS } from '../../types/domain'
import { formatDateTime } from '../services/format'
import { ticketUrl } from '../services/ticketLinks'
import { StatusTag } from './StatusTag'
import './TicketList.css'

/** Ticket rows: number, status, title, category and submit time; a tap opens the detail page. */
export function TicketList<T extends Wire<TicketSummary>>({
  items,
  showEnterprise = false,
  noteOf,
  urlOf = ticketUrl,
}: {
  items: T[]
  showEnterprise?: boolean
  /** a warning line under the row (e.g. which due it missed and by how many working days) */
  noteOf?: (ticket: T) => string | null
  /** the page a row opens: the enterprise's ticket page, or the staff's (deskTicketUrl) in staff lists */
  urlOf?: (ticketId: string) => string
}) {
  return (
    <View className="ticket-list">
      {items.map((t) => (
        <View
          className="card ticket-row"
          key={t._id}
          data-ticket-no={t.no}
          onClick={() => Taro.navigateTo({ url: urlOf(t._id) })}
        >
          <View className="row">
            <Text className="ticket-no">{t.no}</Text>
            <StatusTag state={t.state} />
          </View>
          <Text className="ticket-title">{t.title}</Text>
          <Text className="muted">
            {showEnterprise ? `${t.enterpriseName} · ` : ''}
            {CATEGORY_LABELS[t.category]} · {formatDateTime(t.createdAt)}
          </Text>
          {noteOf?.(t) ? <Text className="error-text">{noteOf(t)}</Text> : null}
          {t.replyDaysLate ? (
            <Text className="due-overdue ticket-late">答复已超期 {t.replyDaysLate} 个工作日</Text>
          ) : null}
        </View>
      ))}
    </View>
  )
}
