import { View } from '@tarojs/components'
import { useCallback, useState } from 'react'
import type { InboxTab } from '../../../../../types/schemas'
import { EmptyState } from '../../../../components/EmptyState'
import { Tabs } from '../../../../components/Tabs'
import { ListStatus } from '../../../../components/ListStatus'
import { callCloud } from '../../../../services/cloud'
import { usePagedList } from '../../../../services/usePagedList'
import { useProfile } from '../../../../services/useProfile'
import { InboxList } from '../../components/InboxList'

const TABS: ReadonlyArray<{ value: InboxTab; label: string }> = [
  { value: 'toSign', label: '待签收' },
  { value: 'inProgress', label: '办理中' },
  { value: 'dueSoon', label: '即将超期' },
  { value: 'overdue', label: '已超期' },
]
/** the unit head decides the extensions its staff ask for */
const HEAD_TABS: ReadonlyArray<{ value: InboxTab; label: string }> = [
  { value: 'pendingApproval', label: '待审批' },
  ...TABS,
]

/** 承办单位: tickets dispatched to my unit, by what they need from me. */
export default function HandlerInbox() {
  const { profile } = useProfile()
  const isHead = profile?.activeRole === 'unitHead'
  const [chosen, setChosen] = useState<InboxTab | null>(null)
  // the head starts on what waits for them; staff on what waits to be signed
  const tab: InboxTab = chosen ?? (isHead ? 'pendingApproval' : 'toSign')
  const fetchPage = useCallback((_page: number, cursor?: string) => callCloud('ticket.inbox', { tab, cursor }), [tab])
  const { items, loading, error, hasMore, reload } = usePagedList(fetchPage)
  return (
    <View className="page">
      <Tabs tabs={isHead ? HEAD_TABS : TABS} current={tab} onChange={setChosen} />
      {!loading && !error && items.length === 0 ? (
        <EmptyState title={tab === 'pendingApproval' ? '暂无待审批的延期申请' : '这里暂时没有工单'} />
      ) : null}
      <InboxList items={items} />
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
