import { Text, View } from '@tarojs/components'
import { useCallback } from 'react'
import { EmptyState } from '../../../../components/EmptyState'
import { TicketList } from '../../../../components/TicketList'
import { callCloud } from '../../../../services/cloud'
import { usePagedList } from '../../../../services/usePagedList'
import '../../service.css'
import { deskTicketUrl } from '../../../../services/ticketLinks'

/** 牵头服务单位 (四个一): the tickets of the key enterprises it serves, to follow, 督办 and note (on the ticket). */
export default function FollowedTickets() {
  const fetchPage = useCallback((_page: number, cursor?: string) => callCloud('ticket.listFollowed', { cursor }), [])
  const { items, loading, error } = usePagedList(fetchPage)
  return (
    <View className="page">
      <Text className="service-line">
        本单位作为牵头服务单位联系的重点企业的全部诉求。打开诉求可督办或添加跟进备注。
      </Text>
      {error ? <Text className="error-text service-line">{error.message}</Text> : null}
      {!loading && !error && items.length === 0 ? <EmptyState title="所联系企业暂无诉求" /> : null}
      <TicketList items={items} showEnterprise urlOf={deskTicketUrl} />
    </View>
  )
}
