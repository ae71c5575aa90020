import { Button, Picker, Text, Textarea, View } from '@tarojs/components'
import Taro from '@tarojs/taro'
import { useState, type ReactNode } from 'react'
import type { ActionResult, UnitOption } from '../../types/actions'
import {
  EVENT_LABELS,
  FLAG_LABELS,
  OUTCOMES,
  OUTCOME_LABELS,
  RATINGS,
  RATING_LABELS,
  TICKET_FLAGS,
  type TicketEventType,
} from '../../types/domain'
import { callCloud } from '../services/cloud'
import { flushNotifications, useSubscribeConsent } from '../services/subscribe'
import { MAX_PHOTOS, canUploadPhotos, choosePhotos } from '../services/upload'
import { EVENT_FORMS, EXTENSION_DAY_CHOICES, SYSTEM_EVENTS, needsForm, type EventField } from '../services/eventForms'
import { scrollToField } from '../services/scrollToField'
import { Chips } from './Chips'
import { DuePreview, PREVIEWED_EVENTS } from './DuePreview'
import { FormField } from './FormField'
import './TicketActions.css'

type Detail = ActionResult<'ticket.get'>
type Values = Record<string, unknown>

/** Beijing 09:00 of a picked date: reception days are held in the morning. */
const receptionInstant = (date: string) => `${date}T09:00:00+08:00`

function initialValues(type: TicketEventType, ticket: Detail): Values {
  if (type === 'dispatch') return { units: [...ticket.units], flags: [...ticket.flags] }
  if (type === 'reassign') return { units: [] }
  return {}
}

/** The form's values as the event the function expects: empty optional texts are left out. */
function eventOf(type: TicketEventType, fields: readonly EventField[], values: Values): Record<string, unknown> {
  const event: Record<string, unknown> = { type }
  for (const field of fields) {
    const value = values[field.key]
    if (value === undefined || value === '') continue
    event[field.key] = field.kind === 'date' ? receptionInstant(String(value)) : value
  }
  return event
}

function UnitsField({
  units,
  selected,
  onChange,
}: {
  units: UnitOption[]
  selected: string[]
  onChange: (v: string[]) => void
}) {
  return (
    <Chips
      options={units.map((u) => ({
        value: u.code,
        label: `${selected.indexOf(u.code) === 0 ? '牵头·' : ''}${u.name}`,
      }))}
      selected={selected}
      onToggle={(code) => onChange(selected.includes(code) ? selected.filter((c) => c !== code) : [...selected, code])}
    />
  )
}

/** A field only some pages can offer (the workbench's ticket search): drawn by the page, left out elsewhere. */
export type PageFieldRenderers = { ticketRef?: (value: unknown, onChange: (value: unknown) => void) => ReactNode }

/** What a field misses before the form is sent, in the words next to it (the function checks again). */
export function missingFieldErrors(type: TicketEventType, fields: readonly EventField[], values: Values) {
  const errors: Record<string, string> = {}
  for (const field of fields) {
    const value = values[field.key]
    const empty = value === undefined || value === '' || (Array.isArray(value) && value.length === 0)
    if (!empty) {
      if (field.kind === 'text' && typeof value === 'string' && value.trim() === '' && field.required)
        errors[field.key] = `请填写${field.label}`
      continue
    }
    if (field.kind === 'text' && field.required) errors[field.key] = `请填写${field.label}`
    else if (field.kind === 'outcome' || field.kind === 'rating' || field.kind === 'days' || field.kind === 'date')
      errors[field.key] = `请选择${field.label}`
    else if (field.kind === 'units' && type === 'reassign') errors[field.key] = '请选择承办单位'
  }
  return errors
}

/** Brings the first field with a problem into view (its FormField carries data-field). */
function scrollToFirstError(type: TicketEventType, errors: Record<string, string>) {
  const first = EVENT_FORMS[type].find((f) => errors[f.key] !== undefined)
  if (first === undefined) return
  scrollToField(`.action-form [data-field="${first.key}"]`)
}

/** The buttons for the events the caller may fire now (the server's list), each with its small form. */
export function TicketActions({
  ticket,
  onChanged,
  pageFields = {},
}: {
  ticket: Detail
  onChanged: (next: Detail) => void
  pageFields?: PageFieldRenderers
}) {
  const [active, setActive] = useState<TicketEventType | null>(null)
  const [values, setValues] = useState<Values>({})
  const [error, setError] = useState('')
  const [fieldErrors, setFieldErrors] = useState<Record<string, string>>({})
  const [busy, setBusy] = useState(false)
  const [units, setUnits] = useState<UnitOption[] | null>(null)
  // a unit that has just signed will want the deadline reminders: ask in the 签收 tap itself
  const askAfterSign = useSubscribeConsent('afterSign')

  const offered = ticket.offeredEvents.filter((e) => !SYSTEM_EVENTS.includes(e))
  if (offered.length === 0) return null

  const set = (key: string, value: unknown) => {
    setValues((v) => ({ ...v, [key]: value }))
    setFieldErrors(({ [key]: _fixed, ...rest }) => rest)
  }

  async function fire(type: TicketEventType, fields: readonly EventField[], formValues: Values) {
    const missing = missingFieldErrors(type, fields, formValues)
    setFieldErrors(missing)
    if (Object.keys(missing).length > 0) {
      setError('')
      scrollToFirstError(type, missing)
      return
    }
    setBusy(true)
    setError('')
    const res = await callCloud('ticket.act', {
      ticketId: ticket._id,
      version: ticket.version,
      event: eventOf(type, fields, formValues) as { type: TicketEventType },
    })
    setBusy(false)
    if (!res.ok) {
      // a field's problem goes next to that field; only what belongs to no field is said below the form
      const byField = Object.fromEntries(
        Object.entries(res.error.fields ?? {}).filter(([key]) => fields.some((f) => f.key === key)),
      )
      setFieldErrors(byField)
      if (Object.keys(byField).length > 0) {
        setError('')
        scrollToFirstError(type, byField)
      } else setError(res.error.message)
      return
    }
    // 不满意 offers 重办 in the same step: a reason given there reopens the ticket at once
    const reopenReason = type === 'rate' ? String(formValues.reopenReason ?? '').trim() : ''
    if (reopenReason !== '' && res.data.offeredEvents.includes('reopen')) {
      const reopened = await callCloud('ticket.act', {
        ticketId: ticket._id,
        version: res.data.version,
        event: { type: 'reopen', reason: reopenReason },
      })
      if (!reopened.ok) setError(`评价已提交，重办未成功：${reopened.error.message}`)
    }
    setActive(null)
    setFieldErrors({})
    setValues({})
    flushNotifications(ticket._id)
    onChanged(res.data)
    void Taro.showToast({ title: `已${EVENT_LABELS[type]}`, icon: 'success' })
  }

  async function open(type: TicketEventType) {
    setError('')
    setFieldErrors({})
    if (!needsForm(type)) {
      // 签收 is the only user event without a form: one tap, which is also where consent may be asked
      if (type === 'sign') askAfterSign()
      await fire(type, [], {})
      return
    }
    setActive(type)
    setValues(initialValues(type, ticket))
    if (EVENT_FORMS[type].some((f) => f.kind === 'units') && units === null) {
      const res = await callCloud('directory.units', {})
      setUnits(res.ok ? res.data : [])
    }
  }

  function renderField(field: EventField) {
    const value = values[field.key]
    switch (field.kind) {
      case 'text':
        return (
          <Textarea
            className="field-input field-textarea action-text"
            value={(value as string) ?? ''}
            placeholder={field.placeholder ?? `请填写${field.label}`}
            maxlength={1000}
            onInput={(e) => set(field.key, e.detail.value)}
          />
        )
      case 'outcome':
        return (
          <Chips
            options={OUTCOMES.map((o) => ({ value: o, label: OUTCOME_LABELS[o] }))}
            selected={value ? [value as string] : []}
            onToggle={(o) => set('outcome', o)}
          />
        )
      case 'rating':
        return (
          <Chips
            options={RATINGS.map((r) => ({ value: r, label: RATING_LABELS[r] }))}
            selected={value ? [value as string] : []}
            onToggle={(r) => set('rating', r)}
          />
        )
      case 'flags': {
        const flags = (value as string[]) ?? []
        return (
          <Chips
            options={TICKET_FLAGS.map((f) => ({ value: f, label: FLAG_LABELS[f] }))}
            selected={flags}
            onToggle={(f) => set('flags', flags.includes(f) ? flags.filter((x) => x !== f) : [...flags, f])}
          />
        )
      }
      case 'units':
        return units === null ? (
          <Text className="muted">正在加载单位…</Text>
        ) : (
          <UnitsField units={units} selected={(value as string[]) ?? []} onChange={(v) => set('units', v)} />
        )
      case 'days':
        return (
          <Chips
            options={EXTENSION_DAY_CHOICES.map((d) => ({ value: d, label: `${d}个工作日` }))}
            selected={value ? [value as number] : []}
            onToggle={(d) => set('days', d)}
          />
        )
      case 'photos': {
        const files = (value as string[]) ?? []
        if (!canUploadPhotos) return <Text className="muted">照片请在微信小程序中上传</Text>
        return (
          <View>
            {files.length > 0 ? <Text className="muted">已上传 {files.length} 张</Text> : null}
            {files.length < MAX_PHOTOS ? (
              <Button
                className="btn-plain"
                size="mini"
                onClick={() =>
                  void choosePhotos(MAX_PHOTOS - files.length).then(
                    (added) => set('attachments', [...files, ...added]),
                    (err: Error) => setError(`照片上传失败：${err.message}`),
                  )
                }
              >
                添加照片
              </Button>
            ) : null}
          </View>
        )
      }
      case 'ticketRef':
        return pageFields.ticketRef?.(value, (v) => set(field.key, v)) ?? null
      case 'level':
        return (
          <Chips
            options={[
              { value: 'region', label: '自治区层面' },
              { value: 'national', label: '国家层面' },
            ]}
            selected={value ? [value as string] : []}
            onToggle={(level) => set('level', level)}
          />
        )
      case 'date':
        return (
          <Picker mode="date" value={(value as string) ?? ''} onChange={(e) => set(field.key, e.detail.value)}>
            <View className="field-input">
              <Text className={value ? '' : 'muted'}>{(value as string) || '请选择日期'}</Text>
            </View>
          </Picker>
        )
    }
  }

  return (
    <View className="card ticket-actions">
      <Text className="card-title">办理</Text>
      <View className="ticket-actions-buttons">
        {offered.map((type) => (
          <Button
            key={type}
            className={`action-button${active === type ? ' action-button-on' : ''}`}
            data-event={type}
            size="mini"
            onClick={() => void open(type)}
          >
            {EVENT_LABELS[type]}
          </Button>
        ))}
      </View>
      {error && !active ? <Text className="error-text">{error}</Text> : null}
      {active ? (
        <View className="action-form" data-form={active}>
          {EVENT_FORMS[active]
            .filter((field) => field.kind !== 'ticketRef' || pageFields.ticketRef)
            .map((field) => (
              <FormField
                key={field.key}
                field={field.key}
                label={field.label}
                error={fieldErrors[field.key]}
                required={
                  field.kind === 'text'
                    ? field.required
                    : field.kind !== 'photos' &&
                      field.kind !== 'flags' &&
                      field.kind !== 'ticketRef' &&
                      !(field.kind === 'units' && active === 'dispatch')
                }
              >
                {renderField(field)}
              </FormField>
            ))}
          {active === 'rate' && values.rating === 'dissatisfied' ? (
            <FormField field="reopenReason" label="申请重办（选填）" hint="填写重办理由，提交评价时一并申请重新办理">
              <Textarea
                className="field-input field-textarea action-text"
                value={(values.reopenReason as string) ?? ''}
                placeholder="例如：问题没有解决，希望重新办理"
                maxlength={1000}
                onInput={(e) => set('reopenReason', e.detail.value)}
              />
            </FormField>
          ) : null}
          {PREVIEWED_EVENTS.includes(active) ? (
            <DuePreview
              ticket={ticket}
              event={eventOf(active, EVENT_FORMS[active], values) as { type: TicketEventType }}
            />
          ) : null}
          {error ? <Text className="error-text action-error">{error}</Text> : null}
          <View className="row">
            <Button className="btn-plain action-cancel" onClick={() => setActive(null)}>
              取消
            </Button>
            <Button
              className={`btn-primary action-submit${busy ? ' btn-busy' : ''}`}
              loading={busy}
              onClick={() => void fire(active, EVENT_FORMS[active], values)}
            >
              确认{EVENT_LABELS[active]}
            </Button>
          </View>
        </View>
      ) : null}
    </View>
  )
}
