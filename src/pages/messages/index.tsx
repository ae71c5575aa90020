import { Text, View } from '@tarojs/components'
import Taro from '@tarojs/taro'
import { useCallback } from 'react'
import type { ActionResult } from '../../../types/actions'
import { EmptyState } from '../../components/EmptyState'
import { callCloud } from '../../services/cloud'
import { formatDateTime } from '../../services/format'
import { refreshUnreadBadge } from '../../services/unread'
import { usePagedList } from '../../services/usePagedList'
import './index.css'

type Message = ActionResult<'notifications.list'>['items'][number]

/**
 * 消息中心: every notification for me, whether or not WeChat delivered it (no consent left, no template set);
 * opening one marks it read and goes to the ticket.
 */
export default function Messages() {
  const fetchPage = useCallback(async (_page: number, cursor?: string) => {
    const res = await callCloud('notifications.list', { cursor })
    refreshUnreadBadge()
    return res
  }, [])
  const { items, loading, error, reload } = usePagedList(fetchPage)

  async function open(message: Message) {
    if (!message.read) {
      await callCloud('notifications.markRead', { ids: [message._id] })
      void reload()
    }
    await Taro.navigateTo({ url: message.link ?? `/pages/ticket/index?id=${encodeURIComponent(message.ticketId)}` })
  }

  async function markAllRead() {
    await callCloud('notifications.markRead', { all: true })
    void reload()
  }

  return (
    <View className="page messages">
      {items.some((m) => !m.read) ? (
        <Text className="messages-all-read" onClick={() => void markAllRead()}>
          全部标为已读
        </Text>
      ) : null}
      {error ? <Text className="error-text">{error.message}</Text> : null}
      {!loading && !error && items.length === 0 ? (
        <EmptyState title="暂无消息" hint="诉求的受理、派单、答复和时限提醒会出现在这里" />
      ) : null}
      {items.map((m) => (
        <View
          key={m._id}
          className={`card message${m.read ? '' : ' message-unread'}`}
          data-template={m.template}
          onClick={() => void open(m)}
        >
          <View className="row">
            <Text className="message-title">{m.title}</Text>
            {m.read ? null : <View className="message-dot" />}
          </View>
          <Text className="message-ticket">
            {m.ticketNo} · {m.ticketTitle}
          </Text>
          {m.detail ? <Text className="message-detail">{m.detail}</Text> : null}
          <Text className="muted">
            {formatDateTime(m.createdAt)} · {m.deliveryLabel}
          </Text>
        </View>
      ))}
    </View>
  )
}
