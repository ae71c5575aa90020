import { Button, Text, View } from '@tarojs/components'
import Taro, { useRouter } from '@tarojs/taro'
import { useCallback, useMemo, useState } from 'react'
import { CATEGORY_LABELS } from '../../../../../types/domain'
import { describeLateness, type TicketFilters } from '../../../../../types/search'
import { EmptyState } from '../../../../components/EmptyState'
import { StatusTag } from '../../../../components/StatusTag'
import { callCloud } from '../../../../services/cloud'
import { formatDateTime } from '../../../../services/format'
import { usePagedList } from '../../../../services/usePagedList'
import './index.css'
import { deskTicketUrl } from '../../../../services/ticketLinks'

/** What the summary sends: the list's title and the filters of the figure or bar (with its `figure`). */
function readQuery(q: string | undefined): { title: string; filters: TicketFilters } {
  try {
    const parsed = JSON.parse(decodeURIComponent(q ?? '')) as { title?: string; filters?: TicketFilters }
    return { title: parsed.title ?? '诉求清单', filters: parsed.filters ?? {} }
  } catch {
    return { title: '诉求清单', filters: {} }
  }
}

/**
 * The tickets behind a figure or a bar of the summary: the same filters through ticket.search, so the
 * list's total is the figure; cursor-paged, 20 at a time; a row opens the ticket.
 */
export default function DrillDown() {
  const { params } = useRouter()
  const { title, filters } = useMemo(() => readQuery(params.q), [params.q])
  const [total, setTotal] = useState<number | null>(null)
  const fetchPage = useCallback(
    async (_page: number, cursor?: string) => {
      const res = await callCloud('ticket.search', { filters, cursor, limit: 20 })
      if (res.ok) setTotal(res.data.total)
      return res.ok ? { ok: true as const, data: { ...res.data, hasMore: res.data.nextCursor !== null } } : res
    },
    [filters],
  )
  const { items, hasMore, loading, error, loadMore } = usePagedList(fetchPage)
  return (
    <View className="page drill">
      <Text className="drill-title">{title}</Text>
      {total !== null ? (
        <Text className="drill-muted">
          共 {total} 件{hasMore ? `，已显示 ${items.length} 件` : ''}
        </Text>
      ) : null}
      {error ? <Text className="error-text">{error.message}</Text> : null}
      {!loading && !error && items.length === 0 ? <EmptyState title="没有对应的诉求" /> : null}
      {items.map((t) => (
        <View className="card drill-row" key={t._id} onClick={() => Taro.navigateTo({ url: deskTicketUrl(t._id) })}>
          <View className="row">
            <Text className="ticket-no">{t.no}</Text>
            <StatusTag state={t.state} />
          </View>
          <Text className="drill-text">{t.title}</Text>
          <Text className="drill-muted">
            {t.enterpriseName} · {t.enterpriseDistrict} · {CATEGORY_LABELS[t.category]}
          </Text>
          <Text className="drill-muted">
            {t.unitNames.length > 0 ? `承办：${t.unitNames.join('、')} · ` : ''}
            {formatDateTime(t.createdAt)}
          </Text>
          {t.lateness.map((l) => (
            <Text className="error-text drill-late" key={l.kind}>
              {describeLateness(l)}
            </Text>
          ))}
        </View>
      ))}
      {hasMore ? (
        <Button className="btn-plain drill-more" loading={loading} onClick={loadMore}>
          加载更多
        </Button>
      ) : null}
    </View>
  )
}
