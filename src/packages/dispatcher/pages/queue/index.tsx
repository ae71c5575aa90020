import { Button, View } from '@tarojs/components'
import Taro from '@tarojs/taro'
import { useCallback, useState } from 'react'
import type { QueueTab } from '../../../../../types/schemas'
import { EmptyState } from '../../../../components/EmptyState'
import { Tabs } from '../../../../components/Tabs'
import { TicketList } from '../../../../components/TicketList'
import { ListStatus } from '../../../../components/ListStatus'
import { callCloud } from '../../../../services/cloud'
import { usePagedList } from '../../../../services/usePagedList'

const TABS: ReadonlyArray<{ value: QueueTab; label: string }> = [
  { value: 'new', label: '待受理' },
  { value: 'accepted', label: '待派单' },
  { value: 'overdue', label: '已超期' },
]
const EMPTY: Record<QueueTab, string> = {
  new: '暂无待受理的诉求',
  accepted: '暂无待派单的诉求',
  overdue: '暂无超期未答复的诉求',
}

/** 市重点办: accept new items, dispatch accepted ones, supervise the overdue; enter hotline calls. */
export default function DispatcherQueue() {
  const [tab, setTab] = useState<QueueTab>('new')
  const fetchPage = useCallback((page: number) => callCloud('ticket.queue', { tab, page }), [tab])
  const { items, loading, error, hasMore, reload } = usePagedList(fetchPage)
  return (
    <View className="page">
      <Button
        className="btn-plain"
        style={{ marginBottom: '24px' }}
        onClick={() => Taro.navigateTo({ url: '/packages/dispatcher/pages/hotline/index' })}
      >
        录入966011热线诉求
      </Button>
      <Tabs tabs={TABS} current={tab} onChange={setTab} />
      {!loading && !error && items.length === 0 ? <EmptyState title={EMPTY[tab]} /> : null}
      <TicketList items={items} showEnterprise />
      <ListStatus
        loading={loading}
        error={error}
        hasMore={hasMore}
        count={items.length}
        onRetry={() => void reload()}
      />
    </View>
  )
}
