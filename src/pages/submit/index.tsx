import { Button, Input, Picker, Text, Textarea, View } from '@tarojs/components'
import Taro from '@tarojs/taro'
import { useRef, useState } from 'react'
import { CATEGORIES, CATEGORY_LABELS, URGENCIES, URGENCY_LABELS, type Category, type Urgency } from '../../../types/domain'
import { DESCRIPTION_MAX, TITLE_MAX, fieldErrors, submitTicketSchema } from '../../../types/schemas'
import { FormField } from '../../components/FormField'
import { callCloud, newRequestId } from '../../services/cloud'
import './index.css'

const CATEGORY_OPTIONS = CATEGORIES.map((c) => CATEGORY_LABELS[c])

export default function SubmitTicket() {
  const [category, setCategory] = useState<Category | null>(null)
  const [title, setTitle] = useState('')
  const [description, setDescription] = useState('')
  const [urgency, setUrgency] = useState<Urgency>('normal')
  const [errors, setErrors] = useState<Record<string, string>>({})
  const [submitting, setSubmitting] = useState(false)
  // One retry key per filled form: tapping again after a lost answer returns the same ticket, not a second one.
  const requestId = useRef(newRequestId())

  async function submit() {
    if (submitting) return
    const draft = { category: category ?? undefined, title, description, urgency }
    const parsed = submitTicketSchema.safeParse(draft)
    if (!parsed.success) {
      setErrors(fieldErrors(parsed.error))
      return
    }
    setErrors({})
    setSubmitting(true)
    const res = await callCloud('ticket.submit', parsed.data, { requestId: requestId.current })
    setSubmitting(false)
    if (!res.ok) {
      if (res.error.fields) setErrors(res.error.fields)
      else setErrors({ _: res.error.message })
      return
    }
    requestId.current = newRequestId()
    await Taro.showToast({ title: `已提交 ${res.data.no}`, icon: 'success', duration: 1500 })
    await Taro.switchTab({ url: '/pages/tickets/index' })
  }

  return (
    <View className='page submit'>
      <View className='card'>
        <FormField label='诉求类别' required error={errors.category}>
          <Picker
            mode='selector'
            range={CATEGORY_OPTIONS}
            value={category ? CATEGORIES.indexOf(category) : 0}
            onChange={(e) => setCategory(CATEGORIES[Number(e.detail.value)])}
          >
            <View className='field-input submit-picker' id='category-picker'>
              <Text className={category ? '' : 'muted'}>{category ? CATEGORY_LABELS[category] : '请选择诉求类别'}</Text>
            </View>
          </Picker>
        </FormField>

        <FormField label='诉求标题' required error={errors.title} hint={`一句话说明问题，${TITLE_MAX}字以内`}>
          <Input
            className='field-input'
            id='title-input'
            value={title}
            maxlength={TITLE_MAX + 10}
            placeholder='例如：新厂区投产急需招聘200名技术工人'
            onInput={(e) => setTitle(e.detail.value)}
          />
        </FormField>

        <FormField label='问题描述' required error={errors.description} hint={`${description.length}/${DESCRIPTION_MAX}`}>
          <Textarea
            className='field-input field-textarea'
            id='description-input'
            value={description}
            maxlength={DESCRIPTION_MAX + 50}
            placeholder='请说明问题的来龙去脉、已经做过的努力和希望得到的帮助'
            onInput={(e) => setDescription(e.detail.value)}
          />
        </FormField>

        <FormField label='紧急程度' error={errors.urgency}>
          <View className='submit-urgency'>
            {URGENCIES.map((u) => (
              <View
                key={u}
                className={`submit-chip${urgency === u ? ' submit-chip-on' : ''}`}
                onClick={() => setUrgency(u)}
              >
                <Text>{URGENCY_LABELS[u]}</Text>
              </View>
            ))}
          </View>
        </FormField>

        {errors._ ? <Text className='error-text submit-error'>{errors._}</Text> : null}

        <Button className={`btn-primary${submitting ? ' btn-busy' : ''}`} id='submit-button' loading={submitting} onClick={submit}>
          提交
        </Button>
        <Text className='muted submit-note'>提交后由市重点办在1个工作日内受理，受理结果会通知您。</Text>
      </View>
    </View>
  )
}
