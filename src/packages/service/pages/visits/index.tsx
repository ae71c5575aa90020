import { Button, Text, View } from '@tarojs/components'
import Taro, { useDidShow } from '@tarojs/taro'
import { useCallback, useState } from 'react'
import type { ActionResult } from '../../../../../types/actions'
import { EmptyState } from '../../../../components/EmptyState'
import { callCloud } from '../../../../services/cloud'
import { formatDate } from '../../../../services/format'
import { daysSinceText } from '../../lib'
import '../../service.css'
import { deskTicketUrl } from '../../../../services/ticketLinks'

/** 特派员: my enterprises at a glance (open, overdue, last visit) and my visit log, newest first. */
export default function Visits() {
  const [overview, setOverview] = useState<ActionResult<'visit.overview'> | null>(null)
  const [visits, setVisits] = useState<ActionResult<'visit.list'>['items']>([])
  const [error, setError] = useState<string | null>(null)
  const load = useCallback(async () => {
    const [rows, log] = await Promise.all([callCloud('visit.overview', {}), callCloud('visit.list', {})])
    if (!rows.ok) return setError(rows.error.message)
    setError(null)
    setOverview(rows.data)
    if (log.ok) setVisits(log.data.items)
  }, [])
  useDidShow(() => void load())

  const logVisit = (enterpriseId?: string) =>
    Taro.navigateTo({
      url: `/packages/service/pages/visit/index${enterpriseId ? `?enterpriseId=${encodeURIComponent(enterpriseId)}` : ''}`,
    })

  return (
    <View className="page">
      {error ? <Text className="error-text service-line">{error}</Text> : null}
      {overview && overview.length === 0 ? <EmptyState title="您还没有联系的企业" /> : null}
      {overview?.map((row) => (
        <View key={row.enterpriseId} className="card service-row" data-enterprise={row.enterpriseId}>
          <Text className="service-row-title">{row.enterpriseName}</Text>
          <Text className="service-line">
            在办诉求 {row.open} 件{row.overdue > 0 ? '，' : ''}
            {row.overdue > 0 ? <Text className="service-late">已超期 {row.overdue} 件</Text> : null}
          </Text>
          <Text className={`service-line${row.daysSinceVisit === null ? ' service-late' : ''}`}>
            {daysSinceText(row.daysSinceVisit)}
            {row.lastVisitAt ? `（${formatDate(row.lastVisitAt)}）` : ''}
          </Text>
          <Button className="btn-primary service-button" onClick={() => void logVisit(row.enterpriseId)}>
            登记走访
          </Button>
        </View>
      ))}
      {visits.length > 0 ? <Text className="card-title">我的走访记录</Text> : null}
      {visits.map((v) => (
        <View key={v._id} className="card service-row">
          <Text className="service-row-title">
            {formatDate(v.visitedAt)} · {v.enterpriseName}
          </Text>
          <Text className="service-line">接待：{v.peopleMet}</Text>
          <Text className="service-line">{v.heard}</Text>
          {v.problems.map((p) => (
            <Text
              key={p.ticketId}
              className="service-line service-problem"
              onClick={() => Taro.navigateTo({ url: deskTicketUrl(p.ticketId) })}
            >
              发现问题：{p.title}（查看诉求）
            </Text>
          ))}
        </View>
      ))}
    </View>
  )
}
