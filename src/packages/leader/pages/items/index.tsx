import { Text, View } from '@tarojs/components'
import Taro, { useDidShow, useReachBottom } from '@tarojs/taro'
import { useCallback, useEffect, useRef, useState } from 'react'
import type { ActionResult } from '../../../../../types/actions'
import { CATEGORY_LABELS } from '../../../../../types/domain'
import { LEADER_ITEM_KINDS, LEADER_ITEM_KIND_LABELS, type LeaderItemKind } from '../../../../../types/leader'
import { EmptyState } from '../../../../components/EmptyState'
import { StatusTag } from '../../../../components/StatusTag'
import { Tabs } from '../../../../components/Tabs'
import { callCloud } from '../../../../services/cloud'
import { formatDateTime } from '../../../../services/format'
import './index.css'
import { deskTicketUrl } from '../../../../services/ticketLinks'

type Row = ActionResult<'ticket.leaderItems'>['items'][number]
const TABS = LEADER_ITEM_KINDS.map((value) => ({ value, label: LEADER_ITEM_KIND_LABELS[value] }))

/**
 * 市领导: city-wide, what reaches the leaders — reception-track items, escalated items, replies overdue by ≥ 5
 * working days. A row opens the ticket, where 批示 is offered.
 */
export default function LeaderItems() {
  const [kind, setKind] = useState<LeaderItemKind>('reception')
  const [items, setItems] = useState<Row[]>([])
  const [cursor, setCursor] = useState<string | null>(null)
  const [loading, setLoading] = useState(true)
  const [error, setError] = useState<string | null>(null)

  const load = useCallback(
    async (after: string | null) => {
      setLoading(true)
      const res = await callCloud('ticket.leaderItems', after ? { kind, cursor: after } : { kind })
      setLoading(false)
      if (!res.ok) return setError(res.error.message)
      setError(null)
      setItems((prev) => (after ? [...prev, ...res.data.items] : res.data.items))
      setCursor(res.data.nextCursor)
    },
    [kind],
  )
  useEffect(() => {
    void load(null)
  }, [load])
  const shown = useRef(false)
  useDidShow(() => {
    if (shown.current) void load(null)
    shown.current = true
  })
  useReachBottom(() => {
    if (cursor && !loading) void load(cursor)
  })

  return (
    <View className="page leader-items">
      <Tabs tabs={TABS} current={kind} onChange={setKind} />
      {error ? <Text className="error-text">{error}</Text> : null}
      {!loading && !error && items.length === 0 ? <EmptyState title="暂无此类事项" /> : null}
      {items.map((t) => (
        <View
          key={t._id}
          className="card ticket-row"
          data-ticket-no={t.no}
          onClick={() => Taro.navigateTo({ url: deskTicketUrl(t._id) })}
        >
          <View className="row">
            <Text className="ticket-no">{t.no}</Text>
            <StatusTag state={t.state} />
          </View>
          <Text className="ticket-title">{t.title}</Text>
          <Text className="muted">
            {t.enterpriseName} · {t.enterpriseDistrict} · {CATEGORY_LABELS[t.category]}
          </Text>
          <Text className="muted">
            承办：{t.unitNames.join('、') || '待派单'} · 提交于 {formatDateTime(t.createdAt)}
          </Text>
          <View className="leader-reasons">
            {t.reasons.map((reason) => (
              <Text key={reason} className="leader-reason">
                {reason}
              </Text>
            ))}
            {t.instructionCount > 0 ? <Text className="muted">已批示 {t.instructionCount} 次</Text> : null}
          </View>
        </View>
      ))}
      {loading ? <Text className="muted">加载中…</Text> : null}
    </View>
  )
}
