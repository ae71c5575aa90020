import { Text, View } from '@tarojs/components'
import { EmptyState } from '../../../../components/EmptyState'
import { TicketList } from '../../../../components/TicketList'
import { callCloud } from '../../../../services/cloud'
import { usePagedList } from '../../../../services/usePagedList'

const fetchQueue = (page: number) => callCloud('ticket.queue', { page })

/** 市重点办: new items waiting to be accepted, oldest deadline first. */
export default function DispatcherQueue() {
  const { items, loading, error } = usePagedList(fetchQueue)
  return (
    <View className='page'>
      <Text className='card-title'>待受理</Text>
      {error ? <Text className='error-text'>{error.message}</Text> : null}
      {!loading && !error && items.length === 0 ? <EmptyState title='暂无待受理的诉求' /> : null}
      <TicketList items={items} showEnterprise />
    </View>
  )
}
