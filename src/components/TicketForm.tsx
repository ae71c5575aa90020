import { Button, Input, Picker, Text, Textarea, View } from '@tarojs/components'
import { useEffect, useRef, useState } from 'react'
import type { ActionResult } from '../../types/actions'
import {
  CATEGORIES,
  CATEGORY_LABELS,
  TRACK_LABELS,
  URGENCIES,
  URGENCY_LABELS,
  type Category,
  type Urgency,
} from '../../types/domain'
import { DESCRIPTION_MAX, TITLE_MAX, fieldErrors, submitTicketSchema } from '../../types/schemas'
import { callCloud, newRequestId } from '../services/cloud'
import { flushNotifications, useSubscribeConsent } from '../services/subscribe'
import { formatDateTime } from '../services/format'
import { Chips } from './Chips'
import { scrollToField } from '../services/scrollToField'
import { FormField } from './FormField'
import './TicketForm.css'

const CATEGORY_OPTIONS = CATEGORIES.map((c) => CATEGORY_LABELS[c])
type Preview = ActionResult<'ticket.preview'>

/**
 * The 诉求 form: the enterprise's own submit, the office entering a hotline call and a commissioner's 代录 or
 * visit record (`enterpriseId` set).
 * It checks with the shared schema before sending and previews the handling unit and reply limit from the
 * same rules engine the function grades with.
 */
/** The form's fields top to bottom: where to scroll for the first error. */
const FORM_ORDER = ['category', 'title', 'description', 'urgency']

export function TicketForm(props: {
  enterpriseId?: string
  onVisit?: boolean
  /** the line under the form; the default speaks to the enterprise, an operator's form says its own */
  footnote?: string
  /** checks the form around this one (the hotline's caller) first: field key → message, empty when fine */
  checkExtra?: () => Record<string, string>
  /** a first line of the description the form adds (the hotline's caller and phone) */
  descriptionPrefix?: string
  onSubmitted: (ticket: ActionResult<'ticket.submit'>) => void
}) {
  const [category, setCategory] = useState<Category | null>(null)
  const [title, setTitle] = useState('')
  const [description, setDescription] = useState('')
  const [urgency, setUrgency] = useState<Urgency>('normal')
  const [errors, setErrors] = useState<Record<string, string>>({})
  const [submitting, setSubmitting] = useState(false)
  const [preview, setPreview] = useState<Preview | null>(null)
  // One retry key per filled form: tapping again after a lost answer returns the same ticket, not a second one.
  const requestId = useRef(newRequestId())
  const askConsent = useSubscribeConsent('submit')

  useEffect(() => {
    if (!category) return
    let current = true
    void callCloud('ticket.preview', { category, urgency }).then((res) => {
      if (current) setPreview(res.ok ? res.data : null)
    })
    return () => {
      current = false
    }
  }, [category, urgency])

  async function submit() {
    if (submitting) return
    // inside the tap, before any await: WeChat only shows the consent dialog from a user's tap
    askConsent()
    const draft = {
      category: category ?? undefined,
      title,
      description: description.trim() === '' ? description : `${props.descriptionPrefix ?? ''}${description}`,
      urgency,
      ...(props.enterpriseId ? { enterpriseId: props.enterpriseId } : {}),
      ...(props.onVisit !== undefined ? { onVisit: props.onVisit } : {}),
    }
    const parsed = submitTicketSchema.safeParse(draft)
    const extra = props.checkExtra?.() ?? {}
    if (!parsed.success || Object.keys(extra).length > 0) {
      const found = parsed.success ? {} : fieldErrors(parsed.error)
      setErrors(found)
      // the first field with a problem comes into view (hotline caller fields sit above the form)
      const first = Object.keys(extra)[0] ?? FORM_ORDER.find((key) => key in found)
      if (first) scrollToField(`[data-field="${first}"]`)
      return
    }
    setErrors({})
    setSubmitting(true)
    const res = await callCloud('ticket.submit', parsed.data, { requestId: requestId.current })
    setSubmitting(false)
    if (!res.ok) {
      setErrors(res.error.fields ?? { _: res.error.message })
      return
    }
    requestId.current = newRequestId()
    flushNotifications(res.data._id)
    props.onSubmitted(res.data)
  }

  return (
    <View className="card ticket-form">
      <FormField field="category" label="诉求类别" required error={errors.category}>
        <Picker
          mode="selector"
          range={CATEGORY_OPTIONS}
          value={category ? CATEGORIES.indexOf(category) : 0}
          onChange={(e) => setCategory(CATEGORIES[Number(e.detail.value)])}
        >
          <View className="field-input ticket-form-picker" id="category-picker">
            <Text className={category ? '' : 'muted'}>{category ? CATEGORY_LABELS[category] : '请选择诉求类别'}</Text>
          </View>
        </Picker>
      </FormField>

      <FormField
        field="title"
        label="诉求标题"
        required
        error={errors.title}
        hint={`一句话说明问题，${TITLE_MAX}字以内`}
      >
        <Input
          className="field-input"
          id="title-input"
          value={title}
          maxlength={TITLE_MAX + 10}
          placeholder="例如：新厂区投产急需招聘200名技术工人"
          onInput={(e) => setTitle(e.detail.value)}
        />
      </FormField>

      <FormField
        field="description"
        label="问题描述"
        required
        error={errors.description}
        hint={`${description.length}/${DESCRIPTION_MAX}`}
      >
        <Textarea
          className="field-input field-textarea"
          id="description-input"
          value={description}
          maxlength={DESCRIPTION_MAX + 50}
          placeholder="请说明问题的来龙去脉、已经做过的努力和希望得到的帮助"
          onInput={(e) => setDescription(e.detail.value)}
        />
      </FormField>

      <FormField field="urgency" label="紧急程度" error={errors.urgency}>
        <Chips
          options={URGENCIES.map((u) => ({ value: u, label: URGENCY_LABELS[u] }))}
          selected={[urgency]}
          onToggle={setUrgency}
        />
      </FormField>

      {preview ? (
        <View className="ticket-form-preview" id="grade-preview">
          <Text className="ticket-form-preview-title">预计办理</Text>
          <Text>
            预计办理单位：{preview.leadUnit.name}（{TRACK_LABELS[preview.track]}）
          </Text>
          <Text>受理时限：{formatDateTime(preview.acceptDueAt)}</Text>
          <Text>
            预计答复时限：
            {preview.replyDueAt
              ? `${formatDateTime(preview.replyDueAt)}（派单后起算，以实际派单为准）`
              : '接待日确定后起算'}
          </Text>
          {preview.reasons.map((r) => (
            <Text key={r} className="muted">
              {r}
            </Text>
          ))}
        </View>
      ) : null}

      {errors._ || errors.enterpriseId ? (
        <Text className="error-text ticket-form-error">{errors._ ?? errors.enterpriseId}</Text>
      ) : null}

      <Button
        className={`btn-primary${submitting ? ' btn-busy' : ''}`}
        id="submit-button"
        loading={submitting}
        onClick={submit}
      >
        提交
      </Button>
      <Text className="muted ticket-form-note">
        {props.footnote ?? '提交后由市重点办在1个工作日内受理，受理结果会通知您。'}
      </Text>
    </View>
  )
}
