import { Text, View } from '@tarojs/components'
import Taro, { useDidShow } from '@tarojs/taro'
import { useState } from 'react'
import type { ActionResult } from '../../../../../types/actions'
import { EmptyState } from '../../../../components/EmptyState'
import { TicketList } from '../../../../components/TicketList'
import { ListStatus } from '../../../../components/ListStatus'
import { callCloud } from '../../../../services/cloud'
import { usePagedList } from '../../../../services/usePagedList'
import './index.css'
import { deskTicketUrl } from '../../../../services/ticketLinks'

type Linked = ActionResult<'directory.linked'>
const fetchLinked = (_page: number, cursor?: string) => callCloud('ticket.listLinked', { cursor })

/**
 * 市领导 / 服务专员: the enterprises I serve under 四个一 (or where I am stationed) and their 诉求, newest
 * first; a ticket's page offers what I may do (批示, 现场办结 …).
 */
export default function LinkedTickets() {
  const [enterprises, setEnterprises] = useState<Linked>([])
  const { items, loading, error, hasMore, reload } = usePagedList(fetchLinked)
  useDidShow(() => {
    void callCloud('directory.linked', {}).then((res) => res.ok && setEnterprises(res.data))
  })
  return (
    <View className="page linked">
      <View
        className="card"
        data-link="leader-items"
        onClick={() => Taro.navigateTo({ url: '/packages/leader/pages/items/index' })}
      >
        <Text className="card-title">需市领导关注的事项 ›</Text>
        <Text className="muted">全市接待日事项、已升级事项、超期5个工作日以上的事项，可批示</Text>
      </View>
      {enterprises.length > 0 ? (
        <View className="card">
          <Text className="card-title">我联系的企业</Text>
          {enterprises.map(({ enterprise, arrangement }) => (
            <View key={enterprise._id} className="linked-enterprise">
              <Text>{enterprise.name}</Text>
              {arrangement ? <Text className="muted">牵头服务单位：{arrangement.leadUnitName}</Text> : null}
            </View>
          ))}
        </View>
      ) : null}
      {!loading && !error && items.length === 0 ? <EmptyState title="联系企业暂无诉求" /> : null}
      <TicketList items={items} showEnterprise urlOf={deskTicketUrl} />
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
