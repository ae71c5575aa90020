import { Button, Input, Picker, Text, View } from '@tarojs/components'
import Taro, { useDidShow } from '@tarojs/taro'
import { useEffect, useState } from 'react'
import type { ActionResult } from '../../../../../types/actions'
import { MEETING_KIND_LABELS, MEETING_STATUS_LABELS, type MeetingKind } from '../../../../../types/meetings'
import { Chips } from '../../../../components/Chips'
import { EmptyState } from '../../../../components/EmptyState'
import { FormField } from '../../../../components/FormField'
import { callCloud, newRequestId } from '../../../../services/cloud'
import { formatDateTime } from '../../../../services/format'
import { useProfile } from '../../../../services/useProfile'
import '../../meetings.css'

type Summary = ActionResult<'meeting.list'>['items'][number]
interface LeaderOption {
  value: string
  label: string
}

const pad = (n: number) => String(n).padStart(2, '0')
/** Today's date and the time now (to the 10 minutes before), Beijing time as the phone shows it. */
function nowParts(): { date: string; time: string } {
  const d = new Date()
  return {
    date: `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`,
    time: `${pad(d.getHours())}:${pad(Math.floor(d.getMinutes() / 10) * 10)}`,
  }
}

/**
 * 市重点办: every reception day (接待日) and coordination meeting (专题协调会), and a new one; 市领导: the
 * sessions they sit in, to prepare them.
 */
export default function MeetingList() {
  const { profile } = useProfile()
  const isOffice = profile?.activeRole === 'dispatcher' || profile?.activeRole === 'admin'
  const [items, setItems] = useState<Summary[]>([])
  const [loaded, setLoaded] = useState(false)
  const [error, setError] = useState('')

  useDidShow(() => {
    void callCloud('meeting.list', {}).then((res) => {
      setLoaded(true)
      if (res.ok) setItems(res.data.items)
      else setError(res.error.message)
    })
  })

  return (
    <View className="page meetings meeting-list">
      {isOffice ? <CreateForm /> : null}
      <View className="card">
        <Text className="card-title">{isOffice ? '全部会议' : '我出席的会议'}</Text>
        {error ? <Text className="error-text">{error}</Text> : null}
        {loaded && items.length === 0 && !error ? <EmptyState title="暂无会议" /> : null}
        {items.map((m) => (
          <View
            key={m._id}
            className="meeting-row tap"
            data-meeting={m._id}
            onClick={() => Taro.navigateTo({ url: `/packages/meetings/pages/detail/index?id=${m._id}` })}
          >
            <Text className="meeting-row-title">{m.title}</Text>
            <Text className="muted">
              {MEETING_KIND_LABELS[m.kind]} · {formatDateTime(m.startsAt)} · {m.place}
            </Text>
            <Text className="muted">
              <Text className="meeting-status">{MEETING_STATUS_LABELS[m.status]}</Text> · 议题{m.agendaCount}项
              {m.leaderNames.length > 0 ? ` · ${m.leaderNames.join('、')}` : ''}
            </Text>
          </View>
        ))}
      </View>
    </View>
  )
}

function CreateForm() {
  const [kind, setKind] = useState<MeetingKind>('reception')
  const [title, setTitle] = useState('')
  const [place, setPlace] = useState('')
  const [chair, setChair] = useState('')
  const [{ date, time }, setWhen] = useState(nowParts)
  const [leaders, setLeaders] = useState<LeaderOption[]>([])
  const [leaderIds, setLeaderIds] = useState<string[]>([])
  const [errors, setErrors] = useState<Record<string, string>>({})
  const [busy, setBusy] = useState(false)
  const [requestId] = useState(newRequestId)

  useEffect(() => {
    // the city's leaders (35 in the seed): every page of the directory's leader list, in protocol order
    void (async () => {
      const found: LeaderOption[] = []
      for (let page = 0; page < 5; page++) {
        const res = await callCloud('directory.search', { kind: 'leader', keyword: '', page })
        if (!res.ok) break
        for (const item of res.data.items)
          if (item.kind === 'leader')
            found.push({ value: item.record._id, label: `${item.record.title}${item.record.name}` })
        if (!res.data.hasMore) break
      }
      setLeaders(found)
    })()
  }, [])

  async function create() {
    const found: Record<string, string> = {}
    if (!title.trim()) found.title = '请填写会议主题'
    if (!place.trim()) found.place = '请填写会议地点'
    if (kind === 'reception' && leaderIds.length === 0) found.leaderIds = '请选择出席的市领导'
    if (kind === 'coordination' && !chair.trim()) found.chair = '请填写主持人'
    setErrors(found)
    if (Object.keys(found).length > 0) return
    setBusy(true)
    const res = await callCloud(
      'meeting.create',
      {
        kind,
        title,
        place,
        chair,
        leaderIds: kind === 'reception' ? leaderIds : [],
        startsAt: new Date(`${date}T${time}:00`).toISOString(),
      },
      { requestId },
    )
    setBusy(false)
    if (!res.ok) {
      setErrors(res.error.fields ?? { form: res.error.message })
      return
    }
    await Taro.redirectTo({ url: `/packages/meetings/pages/detail/index?id=${res.data._id}` })
  }

  return (
    <View className="card meeting-create" id="meeting-create">
      <Text className="card-title">新建会议</Text>
      <FormField label="会议类型" required>
        <Chips
          options={[
            { value: 'reception', label: MEETING_KIND_LABELS.reception },
            { value: 'coordination', label: MEETING_KIND_LABELS.coordination },
          ]}
          selected={[kind]}
          onToggle={(value) => setKind(value as MeetingKind)}
        />
      </FormField>
      <FormField label="会议主题" required error={errors.title}>
        <Input
          className="field-input"
          id="meeting-title"
          value={title}
          placeholder={kind === 'reception' ? '如：第4期党政主要领导服务工业企业接待日' : '如：用工保障专题协调会'}
          onInput={(e) => setTitle(e.detail.value)}
        />
      </FormField>
      <FormField label="会议时间" required error={errors.startsAt}>
        <View className="row">
          <Picker mode="date" value={date} onChange={(e) => setWhen({ date: e.detail.value, time })}>
            <Text className="field-input" id="meeting-date">
              {date}
            </Text>
          </Picker>
          <Picker mode="time" value={time} onChange={(e) => setWhen({ date, time: e.detail.value })}>
            <Text className="field-input" id="meeting-time">
              {time}
            </Text>
          </Picker>
        </View>
      </FormField>
      <FormField label="会议地点" required error={errors.place}>
        <Input
          className="field-input"
          id="meeting-place"
          value={place}
          placeholder="如：市政府常务会议室"
          onInput={(e) => setPlace(e.detail.value)}
        />
      </FormField>
      {kind === 'reception' ? (
        <FormField label="出席的市领导" required error={errors.leaderIds}>
          <Chips
            options={leaders}
            selected={leaderIds}
            onToggle={(id) => setLeaderIds((ids) => (ids.includes(id) ? ids.filter((x) => x !== id) : [...ids, id]))}
          />
        </FormField>
      ) : (
        <FormField label="主持人" required error={errors.chair}>
          <Input
            className="field-input"
            id="meeting-chair"
            value={chair}
            placeholder="如：市重点办主任"
            onInput={(e) => setChair(e.detail.value)}
          />
        </FormField>
      )}
      {errors.form ? <Text className="error-text">{errors.form}</Text> : null}
      <Button className={`btn-primary${busy ? ' btn-busy' : ''}`} id="meeting-create-submit" onClick={create}>
        创建
      </Button>
    </View>
  )
}
