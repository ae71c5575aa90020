import { Text, View } from '@tarojs/components'
import { useEffect, useState } from 'react'
import type { ActionResult } from '../../../../../types/actions'
import { Chips } from '../../../../components/Chips'
import { EmptyState } from '../../../../components/EmptyState'
import { callCloud } from '../../../../services/cloud'
import { formatDate } from '../../../../services/format'
import { daysSinceText } from '../../lib'
import '../../service.css'

const DAYS = [30, 60, 90] as const

/** 市重点办: key enterprises no commissioner visited in the last N days, never visited first. */
export default function Coverage() {
  const [days, setDays] = useState<number>(30)
  const [coverage, setCoverage] = useState<ActionResult<'visit.coverage'> | null>(null)
  const [error, setError] = useState<string | null>(null)
  useEffect(() => {
    void callCloud('visit.coverage', { days }).then((res) => {
      if (!res.ok) return setError(res.error.message)
      setError(null)
      setCoverage(res.data)
    })
  }, [days])
  return (
    <View className="page">
      <View className="card">
        <Text className="service-line">多少天内未走访</Text>
        <Chips options={DAYS.map((d) => ({ value: d, label: `${d}天` }))} selected={[days]} onToggle={setDays} />
        {coverage ? (
          <Text className="service-line">
            重点企业 {coverage.keyEnterprises} 家，{coverage.days}天内未走访 {coverage.notVisited.length} 家
          </Text>
        ) : null}
      </View>
      {error ? <Text className="error-text service-line">{error}</Text> : null}
      {coverage && coverage.notVisited.length === 0 ? <EmptyState title="所有重点企业都已走访" /> : null}
      {coverage?.notVisited.map((row) => (
        <View key={row.enterpriseId} className="card service-row">
          <Text className="service-row-title">{row.enterpriseName}</Text>
          <Text className={`service-line${row.lastVisitAt === null ? ' service-late' : ''}`}>
            {daysSinceText(row.daysSince)}
            {row.lastVisitAt ? `（${formatDate(row.lastVisitAt)}）` : ''}
          </Text>
        </View>
      ))}
    </View>
  )
}
