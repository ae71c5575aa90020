import { Text, View } from '@tarojs/components'
import Taro from '@tarojs/taro'
import type { InboxRow, Wire } from '../../../../types/actions'
import { CATEGORY_LABELS } from '../../../../types/domain'
import { StatusTag } from '../../../components/StatusTag'
import { formatDateTime } from '../../../services/format'
import './InboxList.css'
import { deskTicketUrl } from '../../../services/ticketLinks'

/** The due a unit works against now: signing while dispatched, the reply after. */
function unitDue(row: Wire<InboxRow>): { label: string; at: string } | null {
  if (row.state === 'dispatched' && row.signDueAt) return { label: '签收时限', at: row.signDueAt }
  return row.replyDueAt ? { label: '答复时限', at: row.replyDueAt } : null
}

/** A unit's rows: number, status, 主办 or 协办, title, enterprise, the due (red once passed), any extension asked. */
export function InboxList({ items, now = Date.now() }: { items: Array<Wire<InboxRow>>; now?: number }) {
  return (
    <View className="ticket-list">
      {items.map((t) => {
        const due = unitDue(t)
        const late = due !== null && Date.parse(due.at) < now
        return (
          <View
            className="card ticket-row inbox-row"
            key={t._id}
            data-ticket-no={t.no}
            onClick={() => Taro.navigateTo({ url: deskTicketUrl(t._id) })}
          >
            <View className="row">
              <Text className="ticket-no">{t.no}</Text>
              <View className="inbox-tags">
                <Text className={`inbox-role inbox-role-${t.unitRole}`}>{t.unitRole === 'lead' ? '主办' : '协办'}</Text>
                <StatusTag state={t.state} />
              </View>
            </View>
            <Text className="ticket-title">{t.title}</Text>
            <Text className="inbox-meta">
              {t.enterpriseName} · {CATEGORY_LABELS[t.category]}
            </Text>
            {due ? (
              <Text className={`inbox-due${late ? ' inbox-due-late' : ''}`}>
                {due.label}：{formatDateTime(due.at)}
                {late ? '（已超期）' : ''}
              </Text>
            ) : null}
            {t.pendingExtension ? (
              <Text className="inbox-extension">
                申请延期 {t.pendingExtension.days} 个工作日：{t.pendingExtension.reason}
              </Text>
            ) : null}
          </View>
        )
      })}
    </View>
  )
}
