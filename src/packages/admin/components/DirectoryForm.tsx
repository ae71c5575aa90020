import { Button, Input, Picker, Text, Textarea, View } from '@tarojs/components'
import Taro from '@tarojs/taro'
import { useState } from 'react'
import type { ActionMap } from '../../../../types/actions'
import { DIRECTORY_KIND_LABELS, type DirectoryKind } from '../../../../types/directory'
import { fieldErrors } from '../../../../types/schemas'
import { Chips } from '../../../components/Chips'
import { FormField } from '../../../components/FormField'
import { callCloud } from '../../../services/cloud'
import {
  BOOL_OPTIONS,
  KIND_SPECS,
  errorFor,
  isRequired,
  labelOf,
  unclaimedErrors,
  type FieldSpec,
  type FormValues,
  type SaveAction,
} from '../lib/fieldSpecs'
import { rowOf, type RecordView } from '../lib/records'
import { RefPicker } from './RefPicker'

/** ids in the page: field-name, field-station-enterpriseId … */
export const fieldInputId = (key: string) => `field-${key.replace(/\./g, '-')}`

/**
 * Create or edit one directory record of any kind, from the kind's field table (lib/fieldSpecs.ts). Checks
 * with the shared schema before sending; the server's field messages land under the same fields.
 */
export function DirectoryForm(props: {
  kind: DirectoryKind
  /** the record being edited (its id), null to create */
  id: string | null
  record: RecordView | null
  /** the dispatcher reads the directory; only the admin changes it */
  readOnly?: boolean
  onSaved: (view: RecordView, created: boolean) => void
}) {
  const { kind, id, readOnly = false } = props
  const spec = KIND_SPECS[kind]
  const [initial] = useState(() => (props.record ? spec.fromRecord(props.record) : { values: spec.blank(), names: {} }))
  const [values, setValues] = useState<FormValues>(initial.values)
  const [errors, setErrors] = useState<Record<string, string>>({})
  const [busy, setBusy] = useState(false)
  const [active, setActive] = useState(props.record ? rowOf(props.record).active : true)

  const set = (key: string, value: FormValues[string]) => setValues((prev) => ({ ...prev, [key]: value }))
  const shown = spec.fields.filter((f) => !f.when || f.when(values))
  const locked = (field: FieldSpec) => readOnly || (field.fixedOnEdit === true && id !== null)

  async function save() {
    if (busy || readOnly) return
    const parsed = spec.schema.safeParse(spec.toPayload(values, id))
    if (!parsed.success) {
      setErrors(fieldErrors(parsed.error))
      return
    }
    setErrors({})
    setBusy(true)
    const res = await callCloud(spec.action, parsed.data as ActionMap[SaveAction]['payload'])
    setBusy(false)
    if (!res.ok) {
      setErrors(
        res.error.fields && Object.keys(res.error.fields).length > 0 ? res.error.fields : { _: res.error.message },
      )
      return
    }
    props.onSaved(res.data as RecordView, id === null)
  }

  async function toggleActive() {
    if (busy || readOnly || id === null) return
    const next = !active
    const name = props.record ? rowOf(props.record).name : ''
    const { confirm } = await Taro.showModal({
      title: next ? `启用${DIRECTORY_KIND_LABELS[kind]}` : `停用${DIRECTORY_KIND_LABELS[kind]}`,
      content: next ? `确定重新启用「${name}」？` : `确定停用「${name}」？停用后不能再被选用，已有诉求和记录不受影响。`,
    })
    if (!confirm) return
    setBusy(true)
    const res = await callCloud('directory.setActive', { kind, id, active: next })
    setBusy(false)
    if (!res.ok) {
      setErrors({ _: res.error.message })
      return
    }
    setErrors({})
    setActive(rowOf(res.data).active)
    void Taro.showToast({ title: next ? '已启用' : '已停用', icon: 'success' })
  }

  function control(field: FieldSpec) {
    const value = values[field.key]
    const disabled = locked(field)
    switch (field.type) {
      case 'text':
      case 'number':
        return (
          <Input
            className="field-input"
            id={fieldInputId(field.key)}
            type={field.type === 'number' ? 'number' : 'text'}
            value={typeof value === 'string' ? value : ''}
            placeholder={field.placeholder}
            disabled={disabled}
            onInput={(e) => set(field.key, e.detail.value)}
          />
        )
      case 'contacts':
        return (
          <Textarea
            className="field-input field-textarea"
            id={fieldInputId(field.key)}
            value={typeof value === 'string' ? value : ''}
            placeholder={field.placeholder}
            disabled={disabled}
            maxlength={2000}
            onInput={(e) => set(field.key, e.detail.value)}
          />
        )
      case 'bool':
        return (
          <Chips
            options={BOOL_OPTIONS}
            selected={[String(value === true)]}
            onToggle={(v) => {
              if (!disabled) set(field.key, v === 'true')
            }}
          />
        )
      case 'select': {
        const options = field.options ?? []
        const current = typeof value === 'string' ? value : ''
        if (options.length <= 4) {
          return (
            <Chips
              options={options}
              selected={[current]}
              onToggle={(v) => {
                if (!disabled) set(field.key, v)
              }}
            />
          )
        }
        const index = options.findIndex((o) => o.value === current)
        return (
          <Picker
            mode="selector"
            range={options.map((o) => o.label)}
            value={Math.max(0, index)}
            disabled={disabled}
            onChange={(e) => set(field.key, options[Number(e.detail.value)].value)}
          >
            <View className="field-input" id={fieldInputId(field.key)}>
              <Text className={index >= 0 ? '' : 'muted'}>
                {index >= 0 ? options[index].label : `请选择${labelOf(field, values)}`}
              </Text>
            </View>
          </Picker>
        )
      }
      case 'ref':
      case 'refs':
        return (
          <RefPicker
            kind={field.refKind ?? 'unit'}
            value={Array.isArray(value) ? value : []}
            multiple={field.type === 'refs'}
            names={initial.names}
            disabled={disabled}
            inputId={fieldInputId(field.key)}
            onChange={(next) => set(field.key, next)}
          />
        )
    }
  }

  const general = unclaimedErrors(shown, errors)
  return (
    <View className="card directory-form" data-kind={kind}>
      {id !== null && !active ? <Text className="tag tag-inactive directory-form-inactive">已停用</Text> : null}
      {shown.map((field) => (
        <View key={field.key} data-field={field.key}>
          <FormField
            label={labelOf(field, values)}
            required={isRequired(field, values)}
            error={errorFor(field, errors)}
            hint={field.hint}
          >
            {control(field)}
          </FormField>
        </View>
      ))}
      {general.map((message) => (
        <Text className="error-text form-error" key={message}>
          {message}
        </Text>
      ))}
      {readOnly ? (
        <Text className="muted">名录由系统管理员维护；如需修改请联系系统管理员。</Text>
      ) : (
        <View className="form-actions">
          <Button
            className={`btn-primary${busy ? ' btn-busy' : ''}`}
            id="save-record"
            loading={busy}
            onClick={() => void save()}
          >
            保存
          </Button>
          {id !== null ? (
            <Button
              className="btn-plain form-toggle"
              id="toggle-active"
              data-active={String(active)}
              onClick={() => void toggleActive()}
            >
              {active ? '停用' : '启用'}
            </Button>
          ) : null}
        </View>
      )}
    </View>
  )
}
