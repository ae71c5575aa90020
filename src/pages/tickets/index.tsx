import { Button, View } from '@tarojs/components'
import Taro from '@tarojs/taro'
import { useCallback } from 'react'
import { ROLE_LABELS } from '../../../types/domain'
import { EmptyState } from '../../components/EmptyState'
import { ListStatus } from '../../components/ListStatus'
import { TicketList } from '../../components/TicketList'
import { callCloud } from '../../services/cloud'
import { usePagedList } from '../../services/usePagedList'
import { useProfile } from '../../services/useProfile'
import { SUBMIT_PAGE } from '../../services/ticketLinks'

/**
 * 我的诉求 is the enterprise contact's list. The tab bar is the same for everyone (a mini-program's tabBar is
 * static and a custom one would cost the main package), so staff see where their work is instead of a
 * "您没有权限" they cannot act on.
 */
export default function MyTickets() {
  const { profile, loading: profileLoading } = useProfile()
  const isEnterprise = profile?.activeRole === 'enterprise'
  if (profileLoading && !profile) return <View className="page" />
  if (profile && !isEnterprise)
    return (
      <View className="page">
        <EmptyState
          title="「我的诉求」是企业联系人的页面"
          hint={`您当前的身份是${ROLE_LABELS[profile.activeRole]}，办理的工单在首页的工作台中`}
        >
          <Button
            className="btn-primary"
            style={{ marginTop: '32px' }}
            onClick={() => void Taro.switchTab({ url: '/pages/index/index' })}
          >
            去首页工作台
          </Button>
        </EmptyState>
      </View>
    )
  return <EnterpriseTickets />
}

function EnterpriseTickets() {
  const fetchMine = useCallback((_page: number, cursor?: string) => callCloud('ticket.listMine', { cursor }), [])
  const { items, hasMore, loading, error, reload } = usePagedList(fetchMine)
  return (
    <View className="page">
      {!loading && !error && items.length === 0 ? (
        <EmptyState title="还没有提交过诉求" hint="遇到困难可随时提交，市重点办1个工作日内受理">
          <Button
            className="btn-primary"
            style={{ marginTop: '32px' }}
            onClick={() => Taro.navigateTo({ url: SUBMIT_PAGE })}
          >
            提交诉求
          </Button>
        </EmptyState>
      ) : null}
      <TicketList items={items} />
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
