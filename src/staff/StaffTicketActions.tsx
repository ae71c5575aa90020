/**
 * Every action a staff member may take on a ticket (受理, 派单, 签收, 答复, 改派, 延期, 督办, 升级, 批示 …): the
 * shared TicketActions with every event's form and the fields only staff forms have. Used by the staff ticket
 * page (packages/desk) and the workbench's side panel (packages/dispatcher); never by the main package.
 */
import { Picker, Text, View } from '@tarojs/components'
import { useState, type ReactNode } from 'react'
import type { ActionResult, UnitOption } from '../../types/actions'
import { FLAG_LABELS, OUTCOMES, OUTCOME_LABELS, TICKET_FLAGS, type TicketEventType } from '../../types/domain'
import { Chips } from '../components/Chips'
import { DuePreview, PREVIEWED_EVENTS } from '../components/DuePreview'
import { TicketActions, type FormExtensions, type Values } from '../components/TicketActions'
import { callCloud } from '../services/cloud'
import type { EventField } from '../services/eventForms'
import { useSubscribeConsent } from '../services/subscribe'
import { EVENT_FORMS, EVENT_FORMS_WITHOUT_TICKET_REF, EXTENSION_DAY_CHOICES } from './eventForms'

type Detail = ActionResult<'ticket.get'>

/** A field only some pages can offer (the workbench's ticket search): drawn by the page, left out elsewhere. */
export type PageFieldRenderers = { ticketRef?: (value: unknown, onChange: (value: unknown) => void) => ReactNode }

function initialValues(type: TicketEventType, ticket: Detail): Values {
  if (type === 'dispatch') return { units: [...ticket.units], flags: [...ticket.flags] }
  if (type === 'reassign') return { units: [] }
  return {}
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

export function StaffTicketActions({
  ticket,
  onChanged,
  pageFields = {},
}: {
  ticket: Detail
  onChanged: (next: Detail) => void
  pageFields?: PageFieldRenderers
}) {
  const [units, setUnits] = useState<UnitOption[] | null>(null)
  // a unit that has just signed will want the deadline reminders: ask in the 签收 tap itself
  const askAfterSign = useSubscribeConsent('afterSign')

  const extensions: FormExtensions = {
    initialValues,
    // how the track and the dues would change, from the same engine, before 确认 (ticket.previewAct)
    renderPreview: (type, event) =>
      PREVIEWED_EVENTS.includes(type) ? <DuePreview ticket={ticket} event={event} /> : null,
    onOpen(type, fields) {
      if (type === 'sign') askAfterSign()
      if (fields.some((f) => f.kind === 'units') && units === null)
        void callCloud('directory.units', {}).then((res) => setUnits(res.ok ? res.data : []))
    },
    renderField(field: EventField, value, set) {
      switch (field.kind) {
        case 'outcome':
          return (
            <Chips
              options={OUTCOMES.map((o) => ({ value: o, label: OUTCOME_LABELS[o] }))}
              selected={value ? [value as string] : []}
              onToggle={(o) => set('outcome', o)}
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
        default:
          return null
      }
    },
  }

  return (
    <TicketActions
      ticket={ticket}
      onChanged={onChanged}
      forms={pageFields.ticketRef ? EVENT_FORMS : EVENT_FORMS_WITHOUT_TICKET_REF}
      extensions={extensions}
    />
  )
}
