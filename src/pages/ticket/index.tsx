import { Text, View } from '@tarojs/components'
import { useDidShow, useRouter } from '@tarojs/taro'
import { useState } from 'react'
import type { ActionResult } from '../../../types/actions'
import type { ApiError } from '../../../types/api'
import { CATEGORY_LABELS, CHANNEL_LABELS, URGENCY_LABELS } from '../../../types/domain'
import { StatusTag } from '../../components/StatusTag'
import { Timeline } from '../../components/Timeline'
import { callCloud } from '../../services/cloud'
import { formatDateTime } from '../../services/format'
import './index.css'

export default function TicketDetailPage() {
  const { params } = useRouter()
  const [ticket, setTicket] = useState<ActionResult<'ticket.get'> | null>(null)
  const [error, setError] = useState<ApiError | null>(null)

  useDidShow(() => {
    const ticketId = params.id ? decodeURIComponent(params.id) : ''
    void callCloud('ticket.get', { ticketId }).then((res) => {
      if (res.ok) setTicket(res.data)
      else setError(res.error)
    })
  })

  if (error) return <View className='page'><Text className='error-text'>{error.message}</Text></View>
  if (!ticket) return <View className='page'><Text className='muted'>正在加载…</Text></View>

  return (
    <View className='page ticket-detail'>
      <View className='card'>
        <View className='row'>
          <Text className='ticket-detail-no'>{ticket.no}</Text>
          <StatusTag state={ticket.state} />
        </View>
        <Text className='ticket-detail-title'>{ticket.title}</Text>
        <Text className='ticket-detail-text'>{ticket.description}</Text>
        <View className='ticket-detail-facts'>
          <Text className='muted'>类别：{CATEGORY_LABELS[ticket.category]}</Text>
          <Text className='muted'>紧急程度：{URGENCY_LABELS[ticket.urgency]}</Text>
          <Text className='muted'>渠道：{CHANNEL_LABELS[ticket.channel]}</Text>
          <Text className='muted'>提交时间：{formatDateTime(ticket.createdAt)}</Text>
          {ticket.state === 'submitted' ? (
            <Text className='muted'>受理时限：{formatDateTime(ticket.acceptDueAt)}</Text>
          ) : null}
        </View>
      </View>
      <View className='card'>
        <Text className='card-title'>办理进度</Text>
        <Timeline entries={ticket.timeline} />
      </View>
    </View>
  )
}
