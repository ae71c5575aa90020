import { Text, View } from '@tarojs/components'
import { useEffect, useState } from 'react'
import type { ActionResult } from '../../../../../types/actions'
import type { ApiError } from '../../../../../types/api'
import {
  CATEGORY_LABELS,
  CHANNEL_LABELS,
  TRACK_LABELS,
  type Category,
  type Channel,
  type Track,
} from '../../../../../types/domain'
import { STATS_DIMENSIONS, STATS_DIMENSION_LABELS, formatRate, type StatsDimension } from '../../../../../types/stats'
import { Tabs } from '../../../../components/Tabs'
import { callCloud } from '../../../../services/cloud'
import { formatDate } from '../../../../services/format'
import './index.css'

type Summary = ActionResult<'stats.summary'>

/** Group keys are codes for some dimensions: show their Chinese names. */
const KEY_LABELS: Partial<Record<StatsDimension, (key: string) => string>> = {
  category: (k) => CATEGORY_LABELS[k as Category] ?? k,
  track: (k) => TRACK_LABELS[k as Track] ?? k,
  channel: (k) => CHANNEL_LABELS[k as Channel] ?? k,
}

function Figure({ label, value, note }: { label: string; value: string; note?: string }) {
  return (
    <View className="figure">
      <Text className="figure-value">{value}</Text>
      <Text className="figure-label">{label}</Text>
      {note ? <Text className="figure-note">{note}</Text> : null}
    </View>
  )
}

/** 市领导 / 市重点办: how many problems came in, how many were solved, on time and to the enterprises' satisfaction. */
export default function LeaderSummary() {
  const [dimension, setDimension] = useState<StatsDimension>('category')
  const [summary, setSummary] = useState<Summary | null>(null)
  const [error, setError] = useState<ApiError | null>(null)

  useEffect(() => {
    void callCloud('stats.summary', { dimension }).then((res) => {
      if (res.ok) setSummary(res.data)
      else setError(res.error)
    })
  }, [dimension])

  if (error)
    return (
      <View className="page">
        <Text className="error-text">{error.message}</Text>
      </View>
    )
  if (!summary)
    return (
      <View className="page">
        <Text className="muted">正在统计…</Text>
      </View>
    )

  const { overall } = summary
  const widest = Math.max(1, ...summary.groups.map((g) => g.stats.collected))
  const keyLabel = KEY_LABELS[dimension] ?? ((k: string) => k)
  return (
    <View className="page summary">
      <View className="card">
        <Text className="muted">截至 {formatDate(summary.to)}</Text>
        <View className="figures">
          <Figure label="收集问题" value={String(overall.collected)} note="不含不予受理、已撤回" />
          <Figure label="已解决" value={String(overall.solved)} />
          <Figure label="解决率" value={formatRate(overall.solveRate)} />
        </View>
        <View className="figures">
          <Figure
            label="按时办结率"
            value={formatRate(overall.onTimeRate)}
            note={`${overall.repliedOnTime}/${overall.replied} 件按时答复`}
          />
          <Figure
            label="满意率"
            value={formatRate(overall.satisfactionRate)}
            note={`${overall.satisfied}/${overall.rated} 件满意或基本满意`}
          />
        </View>
      </View>
      <Tabs
        tabs={STATS_DIMENSIONS.map((d) => ({ value: d, label: STATS_DIMENSION_LABELS[d] }))}
        current={dimension}
        onChange={setDimension}
      />
      <View className="card">
        {summary.groups.map(({ key, stats }) => (
          <View className="bar-row" key={key}>
            <View className="row">
              <Text className="bar-label">{keyLabel(key)}</Text>
              <Text className="muted">
                {stats.solved}/{stats.collected} · {formatRate(stats.solveRate)}
              </Text>
            </View>
            {/* bars drawn with Views: enough for counts and rates, and no chart library (DESIGN.md §7) */}
            <View className="bar-track">
              <View className="bar-collected" style={{ width: `${(stats.collected / widest) * 100}%` }}>
                <View
                  className="bar-solved"
                  style={{ width: stats.collected ? `${(stats.solved / stats.collected) * 100}%` : '0%' }}
                />
              </View>
            </View>
          </View>
        ))}
      </View>
    </View>
  )
}
