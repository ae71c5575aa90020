import { Button, Text, View } from '@tarojs/components'
import Taro from '@tarojs/taro'
import { EmptyState } from '../../components/EmptyState'
import { TicketList } from '../../components/TicketList'
import { callCloud } from '../../services/cloud'
import { usePagedList } from '../../services/usePagedList'

const fetchMine = (_page: number, cursor?: string) => callCloud('ticket.listMine', { cursor })

export default function MyTickets() {
  const { items, hasMore, loading, error } = usePagedList(fetchMine)
  return (
    <View className="page">
      {error ? <Text className="error-text">{error.message}</Text> : null}
      {!loading && !error && items.length === 0 ? (
        <EmptyState title="还没有提交过诉求" hint="遇到困难可随时提交，市重点办1个工作日内受理">
          <Button
            className="btn-primary"
            style={{ marginTop: '32px' }}
            onClick={() => Taro.navigateTo({ url: '/pages/submit/index' })}
          >
            提交诉求
          </Button>
        </EmptyState>
      ) : null}
      <TicketList items={items} />
      {loading ? <Text className="muted">正在加载…</Text> : null}
      {!loading && !hasMore && items.length > 0 ? <Text className="muted">没有更多了</Text> : null}
    </View>
  )
}
