import { Button, Input, Picker, Text, Textarea, View } from '@tarojs/components'
import Taro, { useRouter } from '@tarojs/taro'
import { useEffect, useRef, useState } from 'react'
import type { ActionResult, VisitProblemInput } from '../../../../../types/actions'
import { CATEGORIES, CATEGORY_LABELS, type Category } from '../../../../../types/domain'
import { visitInputSchema } from '../../../../../types/visit-schemas'
import { Chips } from '../../../../components/Chips'
import { FormField } from '../../../../components/FormField'
import { callCloud, newRequestId } from '../../../../services/cloud'
import { canUploadPhotos, choosePhotos } from '../../../../services/upload'
import '../../service.css'

const today = () => {
  const d = new Date(Date.now() + 8 * 3_600_000) // Asia/Shanghai
  return d.toISOString().slice(0, 10)
}

/**
 * 走访记录: date, enterprise, people met, what was heard, photos and the problems found (each becomes a 诉求
 * with channel 走访). The retry key is made once per form, so a resubmit after a lost answer records one visit.
 */
export default function LogVisit() {
  const router = useRouter()
  const [enterprises, setEnterprises] = useState<ActionResult<'visit.overview'>>([])
  const [enterpriseId, setEnterpriseId] = useState(router.params.enterpriseId ?? '')
  const [visitedOn, setVisitedOn] = useState(today())
  const [peopleMet, setPeopleMet] = useState('')
  const [heard, setHeard] = useState('')
  const [photos, setPhotos] = useState<string[]>([])
  const [problems, setProblems] = useState<VisitProblemInput[]>([])
  const [errors, setErrors] = useState<Record<string, string>>({})
  const [busy, setBusy] = useState(false)
  const requestId = useRef(newRequestId())

  useEffect(() => {
    void callCloud('visit.overview', {}).then((res) => res.ok && setEnterprises(res.data))
  }, [])

  const setProblem = (index: number, change: Partial<VisitProblemInput>) =>
    setProblems(problems.map((p, i) => (i === index ? { ...p, ...change } : p)))

  async function save() {
    const input = { enterpriseId, visitedOn, peopleMet, heard, photos, problems }
    const checked = visitInputSchema.safeParse(input)
    if (!checked.success) {
      const fields: Record<string, string> = {}
      for (const issue of checked.error.issues) {
        const key = issue.path.join('.')
        fields[key] ??= issue.message
      }
      return setErrors(fields)
    }
    setBusy(true)
    const res = await callCloud('visit.log', input, { requestId: requestId.current })
    setBusy(false)
    if (!res.ok) return setErrors(res.error.fields ?? { form: res.error.message })
    void Taro.showToast({ title: '走访已登记', icon: 'success' })
    void Taro.navigateBack()
  }

  return (
    <View className="page">
      <View className="card">
        <FormField label="走访企业" required error={errors.enterpriseId}>
          <Chips
            options={enterprises.map((e) => ({ value: e.enterpriseId, label: e.enterpriseName }))}
            selected={[enterpriseId]}
            onToggle={setEnterpriseId}
          />
        </FormField>
        <FormField label="走访日期" required error={errors.visitedOn}>
          <Picker mode="date" value={visitedOn} end={today()} onChange={(e) => setVisitedOn(e.detail.value)}>
            <View className="service-input">
              <Text>{visitedOn}</Text>
            </View>
          </Picker>
        </FormField>
        <FormField label="接待人员" required error={errors.peopleMet}>
          <Input
            className="service-input"
            value={peopleMet}
            placeholder="例如：王经理（办公室主任）"
            onInput={(e) => setPeopleMet(e.detail.value)}
          />
        </FormField>
        <FormField label="了解到的情况" required error={errors.heard}>
          <Textarea
            className="service-textarea"
            value={heard}
            maxlength={2000}
            onInput={(e) => setHeard(e.detail.value)}
          />
        </FormField>
        <FormField label="现场照片（选填）" error={errors.photos}>
          {canUploadPhotos ? (
            <Button
              className="btn-plain service-button"
              onClick={() => void choosePhotos(9 - photos.length).then((added) => setPhotos([...photos, ...added]))}
            >
              添加照片（已有 {photos.length} 张）
            </Button>
          ) : (
            <Text className="service-line">照片请在微信小程序中上传</Text>
          )}
        </FormField>
      </View>

      <View className="card">
        <Text className="card-title">发现的问题（每个问题生成一件诉求）</Text>
        {problems.map((p, i) => (
          <View key={i} className="service-problem">
            <FormField label={`问题${i + 1} 类别`} required error={errors[`problems.${i}.category`]}>
              <Chips
                options={CATEGORIES.map((c) => ({ value: c, label: CATEGORY_LABELS[c] }))}
                selected={[p.category]}
                onToggle={(c: Category) => setProblem(i, { category: c })}
              />
            </FormField>
            <FormField label="问题标题" required error={errors[`problems.${i}.title`]}>
              <Input
                className="service-input"
                value={p.title}
                onInput={(e) => setProblem(i, { title: e.detail.value })}
              />
            </FormField>
            <FormField label="问题描述" required error={errors[`problems.${i}.description`]}>
              <Textarea
                className="service-textarea"
                value={p.description}
                onInput={(e) => setProblem(i, { description: e.detail.value })}
              />
            </FormField>
            <Button
              className="btn-plain service-button"
              onClick={() => setProblems(problems.filter((_, j) => j !== i))}
            >
              删除此问题
            </Button>
          </View>
        ))}
        <Button
          className="btn-plain service-button"
          onClick={() => setProblems([...problems, { category: 'other', title: '', description: '' }])}
        >
          添加发现的问题
        </Button>
      </View>
      {errors.form ? <Text className="error-text service-line">{errors.form}</Text> : null}
      <Button
        className={`btn-primary service-button${busy ? ' btn-busy' : ''}`}
        loading={busy}
        onClick={() => void save()}
      >
        保存走访记录
      </Button>
    </View>
  )
}
