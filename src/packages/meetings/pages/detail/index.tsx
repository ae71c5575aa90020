import { Button, Input, Picker, Text, Textarea, View } from '@tarojs/components'
import Taro, { useDidShow, useRouter } from '@tarojs/taro'
import { useEffect, useState } from 'react'
import type { ActionResult, EnterpriseOption, TicketSummary, UnitOption, Wire } from '../../../../../types/actions'
import {
  CATEGORIES,
  CATEGORY_LABELS,
  OUTCOMES,
  OUTCOME_LABELS,
  STATE_LABELS,
  type Category,
  type Outcome,
} from '../../../../../types/domain'
import { MEETING_KIND_LABELS, MEETING_STATUS_LABELS } from '../../../../../types/meetings'
import { Chips } from '../../../../components/Chips'
import { FormField } from '../../../../components/FormField'
import { callCloud, newRequestId } from '../../../../services/cloud'
import { formatDate, formatDateTime } from '../../../../services/format'
import { useProfile } from '../../../../services/useProfile'
import '../../meetings.css'
import { deskTicketUrl } from '../../../../services/ticketLinks'

type View_ = ActionResult<'meeting.get'>
type Item = View_['agenda'][number]

const openTicket = (id: string) => Taro.navigateTo({ url: deskTicketUrl(id) })

/**
 * One reception day or coordination meeting: per enterprise what was raised, promised, done and late; the
 * agenda with each decision and its commitments (承诺事项, each a child ticket); for the office: add agenda
 * items, send the invitations, record decisions, file a problem raised at the session.
 */
export default function MeetingDetail() {
  const { params } = useRouter()
  const id = params.id ?? ''
  const { profile } = useProfile()
  const isOffice = profile?.activeRole === 'dispatcher' || profile?.activeRole === 'admin'
  const canRaise = isOffice || profile?.activeRole === 'leader'
  const [meeting, setMeeting] = useState<View_ | null>(null)
  const [error, setError] = useState('')

  const load = () =>
    callCloud('meeting.get', { meetingId: id }).then((res) => {
      if (res.ok) setMeeting(res.data)
      else setError(res.error.message)
    })
  useDidShow(() => void load())

  if (!meeting)
    return <View className="page meetings">{error ? <Text className="error-text">{error}</Text> : null}</View>
  const leaders = meeting.leaderNames.join('、')

  return (
    <View className="page meetings meeting-detail">
      <View className="card meeting-head">
        <Text className="card-title">{meeting.title}</Text>
        <Text className="muted">
          {MEETING_KIND_LABELS[meeting.kind]} ·{' '}
          <Text className="meeting-status">{MEETING_STATUS_LABELS[meeting.status]}</Text>
        </Text>
        <Text className="muted" style={{ display: 'block' }}>
          {formatDateTime(meeting.startsAt)} · {meeting.place}
        </Text>
        {leaders ? <Text style={{ display: 'block' }}>出席市领导：{leaders}</Text> : null}
        {meeting.chair ? <Text style={{ display: 'block' }}>主持人：{meeting.chair}</Text> : null}
        {meeting.minutes ? <Text style={{ display: 'block' }}>会议纪要：{meeting.minutes}</Text> : null}
        {isOffice && meeting.status === 'planned' ? (
          <Button
            className="btn-primary"
            id="meeting-invite"
            onClick={async () => {
              const res = await callCloud('meeting.invite', { meetingId: meeting._id, version: meeting.version })
              if (!res.ok) return Taro.showToast({ title: res.error.message, icon: 'none' })
              setMeeting(res.data)
              await Taro.showToast({ title: '邀请已发送', icon: 'success' })
            }}
          >
            发送邀请（订阅消息＋站内消息）
          </Button>
        ) : null}
      </View>

      <View className="card meeting-tally">
        <Text className="card-title">各企业办理情况</Text>
        {meeting.tally.length === 0 ? <Text className="muted">尚无议题</Text> : null}
        {meeting.tally.map((t) => (
          <View key={t.enterpriseId} className="tally-row" data-enterprise={t.enterpriseId}>
            <Text>{t.enterpriseName}</Text>
            <Text className="tally-figures">
              提出{t.raised} · 承诺{t.promised} · 已办结{t.done}
              {t.late > 0 ? <Text className="tally-late"> · 逾期{t.late}</Text> : ' · 逾期0'}
            </Text>
          </View>
        ))}
      </View>

      <View className="card meeting-agenda">
        <Text className="card-title">议程（{meeting.agenda.length}项）</Text>
        {meeting.agenda.map((item) => (
          <AgendaItemView key={item.ticketId} item={item} meeting={meeting} isOffice={isOffice} onSaved={setMeeting} />
        ))}
        {isOffice && meeting.status !== 'held' ? <AddAgenda meeting={meeting} onAdded={setMeeting} /> : null}
      </View>

      {canRaise && meeting.kind === 'reception' ? <RaiseForm meeting={meeting} onRaised={setMeeting} /> : null}
    </View>
  )
}

function AgendaItemView(props: { item: Item; meeting: View_; isOffice: boolean; onSaved: (m: View_) => void }) {
  const { item, meeting, isOffice, onSaved } = props
  const [open, setOpen] = useState(false)
  return (
    <View className="agenda-item" data-agenda={item.ticketId}>
      <Text className="agenda-title tap" onClick={() => openTicket(item.ticketId)}>
        {item.title}
      </Text>
      <Text className="muted" style={{ display: 'block' }}>
        {item.enterpriseName} · {item.ticketNo}
        {item.state ? ` · ${STATE_LABELS[item.state]}` : ''}
        {item.source === 'raisedAtSession' ? ' · 当场提出' : ''}
      </Text>
      {item.decision ? (
        <View className="agenda-decision">
          <Text style={{ display: 'block' }}>议定：{item.decision}</Text>
          {item.outcome ? (
            <Text className="muted">未作承诺，已据此答复企业（{OUTCOME_LABELS[item.outcome]}）</Text>
          ) : null}
          {item.commitments.map((c) => (
            <View
              key={c.id}
              className={`commitment tap${c.done ? ' commitment-done' : ''}${c.late ? ' commitment-late' : ''}`}
              data-commitment={c.childTicketId}
              onClick={() => openTicket(c.childTicketId)}
            >
              <Text style={{ display: 'block' }}>
                {c.unitName}：{c.what}
              </Text>
              <Text className="commitment-status muted">
                期限 {formatDate(c.dueAt)} · {c.done ? '已办结' : c.state ? STATE_LABELS[c.state] : '待生成'}
                {c.late ? ' · 逾期' : ''}
              </Text>
            </View>
          ))}
        </View>
      ) : isOffice ? (
        open ? (
          <DecisionForm meeting={meeting} item={item} onSaved={onSaved} />
        ) : (
          <Button className="btn-plain" data-decide={item.ticketId} onClick={() => setOpen(true)}>
            记录议定事项
          </Button>
        )
      ) : (
        <Text className="muted">待议定</Text>
      )}
    </View>
  )
}

interface CommitmentDraft {
  unitCode: string
  what: string
  dueAt: string
}

function inDays(days: number): string {
  const d = new Date(Date.now() + days * 86_400_000)
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`
}

function DecisionForm(props: { meeting: View_; item: Item; onSaved: (m: View_) => void }) {
  const { meeting, item, onSaved } = props
  const [decision, setDecision] = useState('')
  const [commitments, setCommitments] = useState<CommitmentDraft[]>([])
  const [outcome, setOutcome] = useState<Outcome | null>(null)
  const [minutes, setMinutes] = useState(meeting.minutes)
  const [units, setUnits] = useState<Wire<UnitOption>[]>([])
  const [errors, setErrors] = useState<Record<string, string>>({})
  const [busy, setBusy] = useState(false)
  const [requestId] = useState(newRequestId)

  useEffect(() => {
    void callCloud('directory.units', {}).then((res) => res.ok && setUnits(res.data))
  }, [])

  const update = (index: number, change: Partial<CommitmentDraft>) =>
    setCommitments((list) => list.map((c, i) => (i === index ? { ...c, ...change } : c)))

  async function save() {
    const found: Record<string, string> = {}
    if (!decision.trim()) found.decision = '请填写议定事项'
    commitments.forEach((c, i) => {
      if (!c.unitCode) found[`commitments.${i}.unitCode`] = '请选择责任单位'
      if (!c.what.trim()) found[`commitments.${i}.what`] = '请填写承诺事项'
    })
    if (commitments.length === 0 && !outcome) found.outcome = '没有承诺事项时，请选择办理结果（据此答复企业）'
    setErrors(found)
    if (Object.keys(found).length > 0) return
    setBusy(true)
    const res = await callCloud(
      'meeting.decide',
      {
        meetingId: meeting._id,
        version: meeting.version,
        ticketId: item.ticketId,
        decision,
        commitments: commitments.map((c) => ({ ...c, dueAt: new Date(`${c.dueAt}T12:00:00`).toISOString() })),
        ...(commitments.length === 0 && outcome ? { outcome } : {}),
        ...(meeting.kind === 'coordination' ? { minutes } : {}),
      } as never,
      { requestId },
    )
    setBusy(false)
    if (!res.ok) {
      setErrors(res.error.fields ?? { form: res.error.message })
      return
    }
    onSaved(res.data)
    await Taro.showToast({ title: '已记录', icon: 'success' })
  }

  return (
    <View className="decision-form" data-form-decide={item.ticketId}>
      <FormField label="议定事项" required error={errors.decision}>
        <Textarea
          className="field-input field-textarea"
          value={decision}
          maxlength={500}
          placeholder="会上议定的解决办法"
          onInput={(e) => setDecision(e.detail.value)}
        />
      </FormField>
      {meeting.kind === 'coordination' ? (
        <FormField label="会议纪要" error={errors.minutes}>
          <Textarea
            className="field-input field-textarea"
            value={minutes}
            maxlength={2000}
            onInput={(e) => setMinutes(e.detail.value)}
          />
        </FormField>
      ) : null}
      {commitments.map((c, i) => (
        <View key={i} className="commitment-input" data-commitment-input={i}>
          <Text className="card-title">承诺事项 {i + 1}</Text>
          <FormField label="责任单位" required error={errors[`commitments.${i}.unitCode`]}>
            <Chips
              options={units.map((u) => ({ value: u.code, label: u.name }))}
              selected={c.unitCode ? [c.unitCode] : []}
              onToggle={(code) => update(i, { unitCode: code })}
            />
          </FormField>
          <FormField label="承诺内容" required error={errors[`commitments.${i}.what`]}>
            <Input
              className="field-input commitment-what"
              value={c.what}
              maxlength={200}
              placeholder="谁、做什么"
              onInput={(e) => update(i, { what: e.detail.value })}
            />
          </FormField>
          <FormField label="完成期限" required error={errors[`commitments.${i}.dueAt`]}>
            <Picker mode="date" value={c.dueAt} onChange={(e) => update(i, { dueAt: e.detail.value })}>
              <Text className="field-input">{c.dueAt}</Text>
            </Picker>
          </FormField>
          <Text className="tap error-text" onClick={() => setCommitments((list) => list.filter((_, j) => j !== i))}>
            删除此项
          </Text>
        </View>
      ))}
      <Button
        className="btn-plain add-commitment"
        onClick={() => setCommitments((list) => [...list, { unitCode: '', what: '', dueAt: inDays(10) }])}
      >
        ＋ 添加承诺事项
      </Button>
      {commitments.length === 0 ? (
        <FormField label="未作承诺时的办理结果" required error={errors.outcome}>
          <Chips
            options={OUTCOMES.map((o) => ({ value: o, label: OUTCOME_LABELS[o] }))}
            selected={outcome ? [outcome] : []}
            onToggle={(o) => setOutcome(o)}
          />
        </FormField>
      ) : null}
      {errors.form ? <Text className="error-text">{errors.form}</Text> : null}
      <Button className={`btn-primary${busy ? ' btn-busy' : ''} decide-submit`} onClick={save}>
        保存议定事项
      </Button>
    </View>
  )
}

function AddAgenda(props: { meeting: View_; onAdded: (m: View_) => void }) {
  const { meeting, onAdded } = props
  const [candidates, setCandidates] = useState<Wire<TicketSummary>[] | null>(null)
  const [chosen, setChosen] = useState<string[]>([])
  const [error, setError] = useState('')

  async function add() {
    if (chosen.length === 0) return setError('请选择诉求')
    const res = await callCloud('meeting.addAgenda', {
      meetingId: meeting._id,
      version: meeting.version,
      ticketIds: chosen,
    })
    if (!res.ok) return setError(res.error.fields?.ticketIds ?? res.error.message)
    setChosen([])
    setCandidates(null)
    setError('')
    onAdded(res.data)
  }

  if (candidates === null) {
    return (
      <Button
        className="btn-plain"
        id="agenda-add"
        onClick={async () => {
          const res = await callCloud('meeting.candidates', { meetingId: meeting._id })
          if (res.ok) setCandidates(res.data.items)
          else setError(res.error.message)
        }}
      >
        ＋ 添加议题（{MEETING_KIND_LABELS[meeting.kind]}诉求）
      </Button>
    )
  }
  return (
    <View className="agenda-candidates">
      <Text className="card-title">待列入的{MEETING_KIND_LABELS[meeting.kind]}诉求</Text>
      {candidates.length === 0 ? <Text className="muted">暂无待列入的诉求</Text> : null}
      {candidates.map((t) => (
        <View
          key={t._id}
          className={`candidate-row tap${chosen.includes(t._id) ? ' candidate-row-on' : ''}`}
          data-candidate={t._id}
          onClick={() => setChosen((ids) => (ids.includes(t._id) ? ids.filter((x) => x !== t._id) : [...ids, t._id]))}
        >
          <Text style={{ display: 'block' }}>
            {chosen.includes(t._id) ? '☑ ' : '☐ '}
            {t.title}
          </Text>
          <Text className="muted">
            {t.enterpriseName} · {t.no} · {STATE_LABELS[t.state]}
          </Text>
        </View>
      ))}
      {error ? <Text className="error-text">{error}</Text> : null}
      <Button className="btn-primary" id="agenda-add-submit" onClick={add}>
        列入议程
      </Button>
    </View>
  )
}

function RaiseForm(props: { meeting: View_; onRaised: (m: View_) => void }) {
  const { meeting, onRaised } = props
  const [open, setOpen] = useState(false)
  const [keyword, setKeyword] = useState('')
  const [matches, setMatches] = useState<Wire<EnterpriseOption>[]>([])
  const [enterprise, setEnterprise] = useState<Wire<EnterpriseOption> | null>(null)
  const [category, setCategory] = useState<Category | null>(null)
  const [title, setTitle] = useState('')
  const [description, setDescription] = useState('')
  const [errors, setErrors] = useState<Record<string, string>>({})
  const [requestId] = useState(newRequestId)
  const invited = Object.entries(meeting.enterpriseNames).map(([_id, name]) => ({ _id, name }))

  async function search(text: string) {
    setKeyword(text)
    const res = await callCloud('directory.enterprises', { keyword: text })
    if (res.ok) setMatches(res.data)
  }

  async function raise() {
    const found: Record<string, string> = {}
    if (!enterprise) found.enterpriseId = '请选择企业'
    if (!category) found.category = '请选择诉求类别'
    if (!title.trim()) found.title = '请填写诉求标题'
    if (!description.trim()) found.description = '请填写问题描述'
    setErrors(found)
    if (Object.keys(found).length > 0 || !enterprise || !category) return
    const res = await callCloud(
      'meeting.raise',
      { meetingId: meeting._id, version: meeting.version, enterpriseId: enterprise._id, category, title, description },
      { requestId },
    )
    if (!res.ok) return setErrors(res.error.fields ?? { form: res.error.message })
    setOpen(false)
    onRaised(res.data)
    await Taro.showToast({ title: '已登记', icon: 'success' })
  }

  if (!open) {
    return (
      <View className="card">
        <Button className="btn-plain" id="raise-open" onClick={() => setOpen(true)}>
          当场登记企业提出的问题
        </Button>
      </View>
    )
  }
  return (
    <View className="card raise-form">
      <Text className="card-title">当场登记问题</Text>
      <FormField label="企业" required error={errors.enterpriseId}>
        {enterprise ? (
          <Text className="tap" onClick={() => setEnterprise(null)}>
            {enterprise.name}（更换）
          </Text>
        ) : (
          <View>
            {invited.map((e) => (
              <Text
                key={e._id}
                className="candidate-row tap"
                style={{ display: 'block' }}
                onClick={() => setEnterprise({ _id: e._id, name: e.name, district: '', isKey: false })}
              >
                {e.name}
              </Text>
            ))}
            <Input
              className="field-input"
              value={keyword}
              placeholder="其他企业：输入名称关键字"
              onInput={(e) => void search(e.detail.value)}
            />
            {matches.map((m) => (
              <Text
                key={m._id}
                className="candidate-row tap"
                style={{ display: 'block' }}
                onClick={() => setEnterprise(m)}
              >
                {m.name}
              </Text>
            ))}
          </View>
        )}
      </FormField>
      <FormField label="诉求类别" required error={errors.category}>
        <Chips
          options={CATEGORIES.map((c) => ({ value: c, label: CATEGORY_LABELS[c] }))}
          selected={category ? [category] : []}
          onToggle={(c) => setCategory(c)}
        />
      </FormField>
      <FormField label="诉求标题" required error={errors.title}>
        <Input className="field-input" value={title} maxlength={50} onInput={(e) => setTitle(e.detail.value)} />
      </FormField>
      <FormField label="问题描述" required error={errors.description}>
        <Textarea
          className="field-input field-textarea"
          value={description}
          maxlength={1000}
          onInput={(e) => setDescription(e.detail.value)}
        />
      </FormField>
      {errors.form ? <Text className="error-text">{errors.form}</Text> : null}
      <Button className="btn-primary" id="raise-submit" onClick={raise}>
        登记并列入议程
      </Button>
    </View>
  )
}
