import { Picker, Text, View } from '@tarojs/components'
import Taro from '@tarojs/taro'
import { useEffect, useState } from 'react'
import type { ActionResult } from '../../../../../types/actions'
import type { ApiError } from '../../../../../types/api'
import type { StatsFigure, TicketFilters } from '../../../../../types/search'
import {
  BREAKDOWN_DIMENSIONS,
  BREAKDOWN_LABELS,
  PERIOD_KINDS,
  PERIOD_LABELS,
  formatRate,
  periodRange,
  shanghaiMidnight,
  type BreakdownDimension,
  type PeriodKind,
} from '../../../../../types/stats'
import { Tabs } from '../../../../components/Tabs'
import { callCloud } from '../../../../services/cloud'
import './index.css'

type Summary = ActionResult<'stats.summary'>
type Group = Summary['breakdowns'][BreakdownDimension][number]

/** Where a period stands: its kind, year and month / quarter, or two dates for 自定义. */
interface Period {
  kind: PeriodKind
  year: number
  /** month 1–12 or quarter 1–4 */
  index: number
  /** 自定义: Shanghai dates YYYY-MM-DD, the end day included */
  fromDay: string
  toDay: string
}

function shanghaiToday(): { year: number; month: number; day: string } {
  const day = new Date(Date.now() + 8 * 3600_000).toISOString().slice(0, 10)
  return { year: Number(day.slice(0, 4)), month: Number(day.slice(5, 7)), day }
}

function rangeOf(p: Period): { from: Date; to: Date } {
  if (p.kind !== 'custom') return periodRange(p.kind, p.year, p.index)
  const [fy, fm, fd] = p.fromDay.split('-').map(Number)
  const [ty, tm, td] = p.toDay.split('-').map(Number)
  return { from: shanghaiMidnight(fy, fm, fd), to: shanghaiMidnight(ty, tm, td + 1) }
}

function titleOf(p: Period): string {
  if (p.kind === 'year') return `${p.year}年`
  if (p.kind === 'quarter') return `${p.year}年第${p.index}季度`
  if (p.kind === 'month') return `${p.year}年${p.index}月`
  return `${p.fromDay} 至 ${p.toDay}`
}

/** One step back or forward in the period's own unit. */
function step(p: Period, by: -1 | 1): Period {
  if (p.kind === 'year') return { ...p, year: p.year + by }
  const per = p.kind === 'quarter' ? 4 : 12
  const index = p.index + by
  if (index < 1) return { ...p, year: p.year - 1, index: per }
  if (index > per) return { ...p, year: p.year + 1, index: 1 }
  return { ...p, index }
}

/** Opens the list of the tickets behind a figure or a bar (ticket.search with the same filters). */
function openList(title: string, filters: TicketFilters, figure: StatsFigure) {
  const query = encodeURIComponent(JSON.stringify({ title, filters: { ...filters, figure } }))
  void Taro.navigateTo({ url: `/packages/leader/pages/drill/index?q=${query}` })
}

function Figure(props: { label: string; value: string; note?: string; onTap: () => void }) {
  return (
    <View className="figure tappable" onClick={props.onTap}>
      <Text className="figure-value">{props.value}</Text>
      <Text className="figure-label">{props.label}</Text>
      {props.note ? <Text className="figure-note">{props.note}</Text> : null}
    </View>
  )
}

function Bars(props: { groups: Group[]; periodTitle: string; dimensionLabel: string }) {
  const widest = Math.max(1, ...props.groups.map((g) => g.stats.collected))
  if (props.groups.length === 0) return <Text className="muted">本期没有诉求</Text>
  return (
    <View>
      {props.groups.map((g) => (
        <View
          className="bar-row tappable"
          key={g.key}
          onClick={() => openList(`${props.periodTitle} · ${props.dimensionLabel}：${g.label}`, g.filters, 'collected')}
        >
          <View className="row">
            <Text className="bar-label">{g.label}</Text>
            <Text className="bar-figures">
              {g.stats.solved}/{g.stats.collected} · {formatRate(g.stats.solveRate)}
              {g.stats.overdueNow > 0 ? ` · 超期${g.stats.overdueNow}` : ''}
            </Text>
          </View>
          {/* bars drawn with Views: enough for counts and rates, and no chart library (DESIGN.md §7) */}
          <View className="bar-track">
            <View className="bar-collected" style={{ width: `${(g.stats.collected / widest) * 100}%` }}>
              <View
                className="bar-solved"
                style={{ width: g.stats.collected ? `${(g.stats.solved / g.stats.collected) * 100}%` : '0%' }}
              />
            </View>
          </View>
        </View>
      ))}
    </View>
  )
}

/**
 * 市领导 / 市重点办: how many problems came in over a period, how many were solved, on time and to the
 * enterprises' satisfaction, what is open and overdue now; by category, unit, district…; every figure and
 * bar opens its tickets.
 */
export default function LeaderSummary() {
  const today = shanghaiToday()
  const [period, setPeriod] = useState<Period>({
    kind: 'year',
    year: today.year,
    index: today.month,
    fromDay: `${today.year}-01-01`,
    toDay: today.day,
  })
  const [dimension, setDimension] = useState<BreakdownDimension>('category')
  const [summary, setSummary] = useState<Summary | null>(null)
  const [error, setError] = useState<ApiError | null>(null)

  const { from, to } = rangeOf(period)
  const fromIso = from.toISOString()
  const toIso = to.toISOString()
  useEffect(() => {
    setSummary(null)
    void callCloud('stats.summary', { from: fromIso, to: toIso }).then((res) => {
      if (res.ok) {
        setSummary(res.data)
        setError(null)
      } else setError(res.error)
    })
  }, [fromIso, toIso])

  const periodTitle = titleOf(period)
  const setKind = (kind: PeriodKind) =>
    setPeriod((p) => ({
      ...p,
      kind,
      year: today.year,
      index: kind === 'quarter' ? Math.ceil(today.month / 3) : today.month,
    }))

  return (
    <View className="page summary">
      <Tabs
        tabs={PERIOD_KINDS.map((k) => ({ value: k, label: PERIOD_LABELS[k] }))}
        current={period.kind}
        onChange={setKind}
      />
      {period.kind === 'custom' ? (
        <View className="period-row">
          <Picker
            mode="date"
            value={period.fromDay}
            end={period.toDay}
            onChange={(e) => setPeriod({ ...period, fromDay: e.detail.value })}
          >
            <View className="period-button">{period.fromDay}</View>
          </Picker>
          <Text className="period-title">至</Text>
          <Picker
            mode="date"
            value={period.toDay}
            start={period.fromDay}
            onChange={(e) => setPeriod({ ...period, toDay: e.detail.value })}
          >
            <View className="period-button">{period.toDay}</View>
          </Picker>
        </View>
      ) : (
        <View className="period-row">
          <View className="period-button" onClick={() => setPeriod(step(period, -1))}>
            上一{PERIOD_LABELS[period.kind]}
          </View>
          <Text className="period-title">{periodTitle}</Text>
          <View className="period-button" onClick={() => setPeriod(step(period, 1))}>
            下一{PERIOD_LABELS[period.kind]}
          </View>
        </View>
      )}

      {error ? <Text className="error-text">{error.message}</Text> : null}
      {!summary && !error ? <Text className="muted">正在统计…</Text> : null}
      {summary ? (
        <View>
          <View className="card">
            <Text className="muted">点按任一数字或条目，查看对应诉求</Text>
            <View className="figures">
              <Figure
                label="收集问题"
                value={String(summary.figures.collected)}
                note="不含不予受理、已撤回"
                onTap={() => openList(`${periodTitle} · 收集问题`, summary.filters, 'collected')}
              />
              <Figure
                label="已解决"
                value={String(summary.figures.solved)}
                onTap={() => openList(`${periodTitle} · 已解决`, summary.filters, 'solved')}
              />
              <Figure
                label="解决率"
                value={formatRate(summary.figures.solveRate)}
                onTap={() => openList(`${periodTitle} · 已解决`, summary.filters, 'solved')}
              />
            </View>
            <View className="figures">
              <Figure
                label="按时办结率"
                value={formatRate(summary.figures.onTimeRate)}
                note={`${summary.figures.repliedOnTime}/${summary.figures.replied} 件按时答复`}
                onTap={() => openList(`${periodTitle} · 按时答复`, summary.filters, 'repliedOnTime')}
              />
              <Figure
                label="满意率"
                value={formatRate(summary.figures.satisfactionRate)}
                note={`${summary.figures.satisfied}/${summary.figures.rated} 件满意或基本满意`}
                onTap={() => openList(`${periodTitle} · 满意或基本满意`, summary.filters, 'satisfied')}
              />
            </View>
            <View className="figures">
              <Figure
                label="未办结"
                value={String(summary.figures.open)}
                onTap={() => openList(`${periodTitle} · 未办结`, summary.filters, 'open')}
              />
              <Figure
                label="当前超期"
                value={String(summary.figures.overdueNow)}
                note="受理、签收、答复、协调会、评价"
                onTap={() => openList(`${periodTitle} · 当前超期`, summary.filters, 'overdueNow')}
              />
              <Figure
                label="超期答复"
                value={String(summary.figures.repliedLate)}
                onTap={() => openList(`${periodTitle} · 超期答复`, summary.filters, 'repliedLate')}
              />
            </View>
          </View>

          <Text className="section-title">分类统计（已解决/收集）</Text>
          <Tabs
            tabs={BREAKDOWN_DIMENSIONS.filter((d) => d !== 'month').map((d) => ({
              value: d,
              label: BREAKDOWN_LABELS[d],
            }))}
            current={dimension}
            onChange={setDimension}
          />
          <View className="card">
            <Bars
              groups={summary.breakdowns[dimension]}
              periodTitle={periodTitle}
              dimensionLabel={BREAKDOWN_LABELS[dimension]}
            />
          </View>

          <Text className="section-title">月度趋势</Text>
          <View className="card">
            <Bars groups={summary.breakdowns.month} periodTitle={periodTitle} dimensionLabel="月份" />
          </View>

          <Text className="section-title">牵头单位按时办结率排名</Text>
          <View className="card">
            {summary.ranking.map((g, i) => (
              <View
                className="rank-row tappable"
                key={g.key}
                onClick={() => openList(`${periodTitle} · ${g.label} · 已答复`, g.filters, 'replied')}
              >
                <Text className="rank-no">{i + 1}</Text>
                <Text className="rank-name">{g.label}</Text>
                <Text className="rank-rate">
                  {formatRate(g.stats.onTimeRate)}（{g.stats.repliedOnTime}/{g.stats.replied}）
                </Text>
              </View>
            ))}
          </View>
        </View>
      ) : null}
    </View>
  )
}
