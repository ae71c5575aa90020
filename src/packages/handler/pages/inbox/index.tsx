import { View } from '@tarojs/components'
import { useCallback, useState } from 'react'
import type { InboxTab } from '../../../../../types/schemas'
import { EmptyState } from '../../../../components/EmptyState'
import { Tabs } from '../../../../components/Tabs'
import { TicketList } from '../../../../components/TicketList'
import { ListStatus } from '../../../../components/ListStatus'
import { callCloud } from '../../../../services/cloud'
import { usePagedList } from '../../../../services/usePagedList'

const TABS: ReadonlyArray<{ value: InboxTab; label: string }> = [
  { value: 'toSign', label: '待签收' },
  { value: 'inProgress', label: '办理中' },
  { value: 'dueSoon', label: '即将超期' },
  { value: 'overdue', label: '已超期' },
]

/** 承办单位: tickets dispatched to my unit, by what they need from me. */
export default function HandlerInbox() {
  const [tab, setTab] = useState<InboxTab>('toSign')
  const fetchPage = useCallback((page: number) => callCloud('ticket.inbox', { tab, page }), [tab])
  const { items, loading, error, hasMore, reload } = usePagedList(fetchPage)
  return (
    <View className="page">
      <Tabs tabs={TABS} current={tab} onChange={setTab} />
      {!loading && !error && items.length === 0 ? <EmptyState title="这里暂时没有工单" /> : null}
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
