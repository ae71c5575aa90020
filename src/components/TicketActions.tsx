import { Button, Text, Textarea, View } from '@tarojs/components'
import Taro from '@tarojs/taro'
import { useState, type ReactNode } from 'react'
import type { ActionResult } from '../../types/actions'
import { EVENT_LABELS, RATINGS, RATING_LABELS, type TicketEventType } from '../../types/domain'
import { callCloud } from '../services/cloud'
import { flushNotifications } from '../services/subscribe'
import { MAX_PHOTOS, canUploadPhotos, choosePhotos } from '../services/upload'
import { ENTERPRISE_FORMS, SYSTEM_EVENTS, type EventField, type EventForms } from '../services/eventForms'
import { scrollToField } from '../services/scrollToField'
import { Chips } from './Chips'
import { FormField } from './FormField'
import './TicketActions.css'

type Detail = ActionResult<'ticket.get'>
export type Values = Record<string, unknown>

/**
 * What a page adds to the forms it offers (the staff ticket page and the workbench: src/staff/): the fields
 * only staff forms have, the values a form opens with, and what an opening tap does first (a consent request
 * must be made inside the tap, before any await).
 */
export interface FormExtensions {
  renderField?: (field: EventField, value: unknown, set: (key: string, value: unknown) => void) => ReactNode
  initialValues?: (type: TicketEventType, ticket: Detail) => Values
  onOpen?: (type: TicketEventType, fields: readonly EventField[]) => void
  /** what the open form shows above its buttons, given the event it would send (the staff forms' preview) */
  renderPreview?: (type: TicketEventType, event: { type: TicketEventType }) => ReactNode
}

/** Beijing 09:00 of a picked date: reception days are held in the morning. */
const receptionInstant = (date: string) => `${date}T09:00:00+08:00`

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
function scrollToFirstError(fields: readonly EventField[], errors: Record<string, string>) {
  const first = fields.find((f) => errors[f.key] !== undefined)
  if (first === undefined) return
  scrollToField(`.action-form [data-field="${first.key}"]`)
}

/**
 * The buttons for the events the caller may fire now (the server's list) that `forms` has a form for, each
 * with its small form. By default the enterprise's events (the main package's ticket page); the staff pages
 * pass every event's form and their fields (src/staff/StaffTicketActions.tsx).
 */
export function TicketActions({
  ticket,
  onChanged,
  forms = ENTERPRISE_FORMS,
  extensions = {},
}: {
  ticket: Detail
  onChanged: (next: Detail) => void
  forms?: EventForms
  extensions?: FormExtensions
}) {
  const [active, setActive] = useState<TicketEventType | null>(null)
  const [values, setValues] = useState<Values>({})
  const [error, setError] = useState('')
  const [fieldErrors, setFieldErrors] = useState<Record<string, string>>({})
  const [busy, setBusy] = useState(false)

  const offered = ticket.offeredEvents.filter((e) => !SYSTEM_EVENTS.includes(e) && forms[e] !== undefined)
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
      scrollToFirstError(fields, missing)
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
        scrollToFirstError(fields, byField)
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

  const fieldsOf = (type: TicketEventType) => forms[type] ?? []

  async function open(type: TicketEventType) {
    setError('')
    setFieldErrors({})
    extensions.onOpen?.(type, fieldsOf(type))
    if (fieldsOf(type).length === 0) {
      // an event without a form (签收) acts at the tap
      await fire(type, [], {})
      return
    }
    setActive(type)
    setValues(extensions.initialValues?.(type, ticket) ?? {})
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
      case 'rating':
        return (
          <Chips
            options={RATINGS.map((r) => ({ value: r, label: RATING_LABELS[r] }))}
            selected={value ? [value as string] : []}
            onToggle={(r) => set('rating', r)}
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
      default:
        return extensions.renderField?.(field, value, set) ?? null
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
          {fieldsOf(active).map((field) => (
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
          {extensions.renderPreview?.(active, eventOf(active, fieldsOf(active), values) as { type: TicketEventType }) ??
            null}
          {error ? <Text className="error-text action-error">{error}</Text> : null}
          <View className="row">
            <Button className="btn-plain action-cancel" onClick={() => setActive(null)}>
              取消
            </Button>
            <Button
              className={`btn-primary action-submit${busy ? ' btn-busy' : ''}`}
              loading={busy}
              onClick={() => void fire(active, fieldsOf(active), values)}
            >
              确认{EVENT_LABELS[active]}
            </Button>
          </View>
        </View>
      ) : null}
    </View>
  )
}
