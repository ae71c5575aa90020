import { Text, View } from '@tarojs/components'
import { EmptyState } from '../../../../components/EmptyState'
import { TicketList } from '../../../../components/TicketList'
import { callCloud } from '../../../../services/cloud'
import { usePagedList } from '../../../../services/usePagedList'

const fetchInbox = (page: number) => callCloud('ticket.inbox', { page })

/** 承办单位: tickets dispatched to my unit and not yet answered. */
export default function HandlerInbox() {
  const { items, loading, error } = usePagedList(fetchInbox)
  return (
    <View className='page'>
      <Text className='card-title'>待办工单</Text>
      {error ? <Text className='error-text'>{error.message}</Text> : null}
      {!loading && !error && items.length === 0 ? <EmptyState title='暂无待办工单' /> : null}
      <TicketList items={items} showEnterprise />
    </View>
  )
}
