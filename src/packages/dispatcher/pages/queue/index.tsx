import { Button, View } from '@tarojs/components'
import Taro from '@tarojs/taro'
import { useCallback, useState } from 'react'
import type { QueueTab } from '../../../../../types/schemas'
import { describeLateness } from '../../../../../types/search'
import { EmptyState } from '../../../../components/EmptyState'
import { Tabs } from '../../../../components/Tabs'
import { TicketList } from '../../../../components/TicketList'
import { ListStatus } from '../../../../components/ListStatus'
import { callCloud } from '../../../../services/cloud'
import { usePagedList } from '../../../../services/usePagedList'
import { useWideScreen } from '../../workbench/useWideScreen'
import { Workbench } from '../../workbench/Workbench'
import { deskTicketUrl } from '../../../../services/ticketLinks'

const TABS: ReadonlyArray<{ value: QueueTab; label: string }> = [
  { value: 'new', label: '待受理' },
  { value: 'accepted', label: '待派单' },
  { value: 'overdue', label: '已超期' },
]
const EMPTY: Record<QueueTab, string> = {
  new: '暂无待受理的诉求',
  accepted: '暂无待派单的诉求',
  overdue: '暂无超期的诉求',
}

const openHotline = () => void Taro.navigateTo({ url: '/packages/dispatcher/pages/hotline/index' })

/** 市重点办 on a phone: accept new items, dispatch accepted ones, supervise the overdue; enter hotline calls. */
function PhoneQueue() {
  const [tab, setTab] = useState<QueueTab>('new')
  const fetchPage = useCallback((_page: number, cursor?: string) => callCloud('ticket.queue', { tab, cursor }), [tab])
  const { items, loading, error, hasMore, reload } = usePagedList(fetchPage)
  return (
    <View className="page">
      <Button className="btn-plain" style={{ marginBottom: '24px' }} onClick={openHotline}>
        录入966011热线诉求
      </Button>
      <View className="row" style={{ gap: '16px', marginBottom: '24px' }}>
        <Button
          className="btn-plain"
          onClick={() => Taro.navigateTo({ url: '/packages/dispatcher/pages/exports/index' })}
        >
          导出 Excel
        </Button>
        <Button
          className="btn-plain"
          onClick={() => Taro.navigateTo({ url: '/packages/dispatcher/pages/reach/index' })}
        >
          消息触达
        </Button>
      </View>
      <Tabs tabs={TABS} current={tab} onChange={setTab} />
      {!loading && !error && items.length === 0 ? <EmptyState title={EMPTY[tab]} /> : null}
      <TicketList
        urlOf={deskTicketUrl}
        items={items}
        showEnterprise
        noteOf={(t) =>
          t.lateness
            .filter((l) => l.open)
            .map(describeLateness)
            .join('；') || null
        }
      />
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

/** The office at a PC (≥ 1024 px, H5) gets the workbench; a phone keeps the phone queue. */
export default function DispatcherQueue() {
  return useWideScreen() ? <Workbench onHotline={openHotline} /> : <PhoneQueue />
}
