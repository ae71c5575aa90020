import { Button, Input, Picker, Text, View } from '@tarojs/components'
import Taro, { useDidShow } from '@tarojs/taro'
import { useRef, useState } from 'react'
import type { ActionResult } from '../../../../../types/actions'
import { HOLIDAY_NAMES, type CalendarDay } from '../../../../../types/calendar'
import { Chips } from '../../../../components/Chips'
import { callCloud, newRequestId } from '../../../../services/cloud'
import { formatDate } from '../../../../services/format'
import { useProfile } from '../../../../services/useProfile'
import '../../admin.css'
import './index.css'

type Overview = ActionResult<'calendar.get'>
type YearView = Overview['years'][number]
type Preview = ActionResult<'calendar.preview'>

interface HolidayRow {
  key: number
  name: string
  from: string
  to: string
}
interface WorkdayRow {
  key: number
  date: string
  name: string
}

let rowKey = 0
const nextKey = () => (rowKey += 1)

const DAY_MS = 86_400_000
const dayAfter = (date: string) => new Date(Date.parse(`${date}T00:00:00Z`) + DAY_MS).toISOString().slice(0, 10)

/** Consecutive days of one holiday as one row (元旦 2027-01-01 … 2027-01-03). */
function rangesOf(days: readonly CalendarDay[]): HolidayRow[] {
  const rows: HolidayRow[] = []
  for (const day of days) {
    const last = rows[rows.length - 1]
    if (last && last.name === day.name && dayAfter(last.to) === day.date) last.to = day.date
    else rows.push({ key: nextKey(), name: day.name, from: day.date, to: day.date })
  }
  return rows
}

const holidayOf = (name: string) => name.replace(/调休上班$/, '')

/**
 * 法定节假日: the admin enters a year's 放假 ranges and 调休上班 days from the State Council's notice, previews
 * which running dues move, then saves (issue 11). The office (dispatcher) reads it.
 */
export default function CalendarPage() {
  const { profile } = useProfile()
  const canEdit = profile?.activeRole === 'admin'
  const [overview, setOverview] = useState<Overview | null>(null)
  const [loadError, setLoadError] = useState('')
  const [year, setYear] = useState<number | null>(null)
  const [notice, setNotice] = useState('')
  const [holidays, setHolidays] = useState<HolidayRow[]>([])
  const [workdays, setWorkdays] = useState<WorkdayRow[]>([])
  const [errors, setErrors] = useState<Record<string, string>>({})
  const [formError, setFormError] = useState('')
  const [preview, setPreview] = useState<Preview | null>(null)
  const [busy, setBusy] = useState(false)
  const requestId = useRef<string | null>(null)

  const view: YearView | undefined = overview?.years.find((y) => y.year === year)

  function pick(target: number, from: Overview | null = overview) {
    const found = from?.years.find((y) => y.year === target)
    setYear(target)
    setNotice(found?.notice ?? '')
    setHolidays(found ? rangesOf(found.holidays) : [{ key: nextKey(), name: '元旦', from: '', to: '' }])
    setWorkdays(found ? found.workdays.map((d) => ({ key: nextKey(), date: d.date, name: holidayOf(d.name) })) : [])
    setErrors({})
    setFormError('')
    setPreview(null)
    requestId.current = null
  }

  async function load(keepYear?: number) {
    const res = await callCloud('calendar.get', {})
    if (!res.ok) {
      setLoadError(res.error.message)
      return
    }
    setLoadError('')
    setOverview(res.data)
    pick(keepYear ?? res.data.missingYears[0] ?? new Date().getFullYear() + 1, res.data)
  }

  useDidShow(() => {
    void load()
  })

  /** any edit: the preview and the retry key belong to what was there before */
  function edited() {
    setPreview(null)
    requestId.current = null
  }

  const payload = () => ({
    year: year!,
    notice: notice.trim(),
    holidays: holidays.map(({ name, from, to }) => ({ name, from: from.trim(), to: to.trim() })),
    workdays: workdays.map(({ date, name }) => ({ date: date.trim(), name })),
  })

  async function runPreview() {
    if (year === null) return
    setBusy(true)
    const res = await callCloud('calendar.preview', payload())
    setBusy(false)
    if (!res.ok) {
      setFormError(res.error.message)
      setErrors(res.error.fields ?? {})
      return
    }
    setFormError('')
    setErrors(res.data.errors)
    setPreview(Object.keys(res.data.errors).length === 0 ? res.data : null)
  }

  async function save() {
    if (year === null) return
    setBusy(true)
    requestId.current ??= newRequestId()
    const res = await callCloud(
      'calendar.save',
      { ...payload(), version: view?.source === 'office' ? view.version : 0 },
      { requestId: requestId.current },
    )
    setBusy(false)
    if (!res.ok) {
      setFormError(res.error.message)
      setErrors(res.error.fields ?? {})
      return
    }
    void Taro.showToast({ title: `已保存，${res.data.movedTickets}件时限已调整`, icon: 'none' })
    await load(year)
  }

  const years = overview
    ? [...new Set([...overview.years.map((y) => y.year), ...overview.missingYears])].sort((a, b) => a - b)
    : []

  return (
    <View className="page calendar-page">
      {loadError ? <Text className="error-text">{loadError}</Text> : null}
      {overview && overview.missingYears.length > 0 ? (
        <View className="card calendar-missing" id="calendar-missing">
          <Text className="calendar-warning">
            {overview.missingYears.join('、')}年法定节假日安排尚未录入：跨入该年的办理时限暂按周一至周五推算。
          </Text>
          <Text className="muted">请按国务院办公厅每年11月前后发布的节假日安排通知录入。</Text>
        </View>
      ) : null}
      {overview ? (
        <View className="card">
          <Text className="card-title">选择年份</Text>
          <Chips
            options={years.map((y) => ({ value: String(y), label: `${y}年` }))}
            selected={year === null ? [] : [String(year)]}
            onToggle={(value) => pick(Number(value))}
          />
          <Text className="muted calendar-source" id="calendar-source">
            {view
              ? view.source === 'office'
                ? `来源：市重点办录入（${view.notice || '未填通知文号'}，${view.enteredByName ?? ''} ${formatDate(view.enteredAt)}）`
                : '来源：系统内置（chinese-days 数据）'
              : '来源：尚未录入，时限按周一至周五推算'}
          </Text>
        </View>
      ) : null}
      {year !== null ? (
        <View className="card calendar-form">
          <Text className="card-title">{year}年放假安排</Text>
          {errors.holidays ? <Text className="error-text">{errors.holidays}</Text> : null}
          {holidays.map((row, index) => {
            const nameIndex = HOLIDAY_NAMES.indexOf(row.name as (typeof HOLIDAY_NAMES)[number])
            const set = (patch: Partial<HolidayRow>) => {
              setHolidays(holidays.map((r) => (r.key === row.key ? { ...r, ...patch } : r)))
              edited()
            }
            return (
              <View
                key={row.key}
                className={`calendar-row${errors[`holidays.${index}`] ? ' calendar-row-invalid' : ''}`}
                data-row={`holidays.${index}`}
              >
                <Picker
                  mode="selector"
                  range={[...HOLIDAY_NAMES]}
                  value={Math.max(0, nameIndex)}
                  disabled={!canEdit}
                  onChange={(e) => set({ name: HOLIDAY_NAMES[Number(e.detail.value)] })}
                >
                  <View className="field-input calendar-name">{row.name || '选择节日'}</View>
                </Picker>
                <Input
                  className="field-input calendar-date holiday-from"
                  value={row.from}
                  placeholder={`${year}-01-01`}
                  disabled={!canEdit}
                  onInput={(e) => set({ from: e.detail.value })}
                />
                <Text className="calendar-to">至</Text>
                <Input
                  className="field-input calendar-date holiday-to"
                  value={row.to}
                  placeholder={`${year}-01-03`}
                  disabled={!canEdit}
                  onInput={(e) => set({ to: e.detail.value })}
                />
                {canEdit ? (
                  <Button
                    className="btn-plain calendar-remove"
                    size="mini"
                    onClick={() => {
                      setHolidays(holidays.filter((r) => r.key !== row.key))
                      setErrors({})
                      edited()
                    }}
                  >
                    删除
                  </Button>
                ) : null}
                {errors[`holidays.${index}`] ? (
                  <Text className="error-text calendar-row-error">{errors[`holidays.${index}`]}</Text>
                ) : null}
              </View>
            )
          })}
          {canEdit ? (
            <Button
              className="btn-plain"
              id="add-holiday"
              onClick={() => {
                setHolidays([...holidays, { key: nextKey(), name: '春节', from: '', to: '' }])
                edited()
              }}
            >
              添加放假
            </Button>
          ) : null}

          <Text className="card-title calendar-section">{year}年调休上班日（周末上班）</Text>
          {workdays.length === 0 ? <Text className="muted">没有调休上班日</Text> : null}
          {workdays.map((row, index) => {
            const nameIndex = HOLIDAY_NAMES.indexOf(row.name as (typeof HOLIDAY_NAMES)[number])
            const set = (patch: Partial<WorkdayRow>) => {
              setWorkdays(workdays.map((r) => (r.key === row.key ? { ...r, ...patch } : r)))
              edited()
            }
            return (
              <View
                key={row.key}
                className={`calendar-row${errors[`workdays.${index}`] ? ' calendar-row-invalid' : ''}`}
                data-row={`workdays.${index}`}
              >
                <Input
                  className="field-input calendar-date workday-date"
                  value={row.date}
                  placeholder={`${year}-02-07`}
                  disabled={!canEdit}
                  onInput={(e) => set({ date: e.detail.value })}
                />
                <Picker
                  mode="selector"
                  range={HOLIDAY_NAMES.map((name) => `${name}调休`)}
                  value={Math.max(0, nameIndex)}
                  disabled={!canEdit}
                  onChange={(e) => set({ name: HOLIDAY_NAMES[Number(e.detail.value)] })}
                >
                  <View className="field-input calendar-name">{row.name ? `${row.name}调休` : '选择节日'}</View>
                </Picker>
                {canEdit ? (
                  <Button
                    className="btn-plain calendar-remove"
                    size="mini"
                    onClick={() => {
                      setWorkdays(workdays.filter((r) => r.key !== row.key))
                      setErrors({})
                      edited()
                    }}
                  >
                    删除
                  </Button>
                ) : null}
                {errors[`workdays.${index}`] ? (
                  <Text className="error-text calendar-row-error">{errors[`workdays.${index}`]}</Text>
                ) : null}
              </View>
            )
          })}
          {canEdit ? (
            <Button
              className="btn-plain"
              id="add-workday"
              onClick={() => {
                setWorkdays([...workdays, { key: nextKey(), date: '', name: '春节' }])
                edited()
              }}
            >
              添加调休上班日
            </Button>
          ) : null}

          <Text className="card-title calendar-section">通知文号</Text>
          <Input
            className="field-input calendar-notice"
            value={notice}
            placeholder="如 国办发明电〔2026〕X号"
            disabled={!canEdit}
            onInput={(e) => {
              setNotice(e.detail.value)
              edited()
            }}
          />
          {formError ? <Text className="error-text form-error">{formError}</Text> : null}
          {canEdit ? (
            <View className="admin-actions calendar-actions">
              {/* no `disabled` prop: Taro H5 renders disabled="false", which the button styles read as disabled */}
              <Button className="btn-plain" id="calendar-preview" onClick={() => void (busy ? null : runPreview())}>
                预览
              </Button>
              {preview !== null ? (
                <Button
                  className={`btn-primary${busy ? ' btn-busy' : ''}`}
                  id="calendar-save"
                  onClick={() => void (busy ? null : save())}
                >
                  保存
                </Button>
              ) : null}
            </View>
          ) : (
            <Text className="muted">节假日安排由系统管理员录入。</Text>
          )}
          {canEdit && preview === null ? <Text className="muted">请先预览受影响的办理时限，再保存。</Text> : null}
        </View>
      ) : null}
      {preview ? (
        <View className="card calendar-preview" id="calendar-preview-result">
          <Text className="card-title">
            {preview.ticketCount === 0
              ? '没有在办诉求的时限需要调整'
              : `保存后 ${preview.ticketCount} 件在办诉求的时限将调整`}
          </Text>
          {preview.moves.map((move) => (
            <View className="calendar-move" key={`${move.ticketId}-${move.dueName}`} data-ticket-no={move.no}>
              <Text className="calendar-move-no">
                {move.no} · {move.enterpriseName}
              </Text>
              <Text className="calendar-move-due">
                {move.dueName}：{formatDate(move.from)} → {formatDate(move.to)}
              </Text>
            </View>
          ))}
        </View>
      ) : null}
    </View>
  )
}
