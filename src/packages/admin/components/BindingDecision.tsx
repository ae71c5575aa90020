import { Button, Text, Textarea, View } from '@tarojs/components'
import { useState } from 'react'
import type { ActionResult } from '../../../../types/actions'
import { callCloud } from '../../../services/cloud'

export type Decision = 'approve' | 'revoke'
type Binding = ActionResult<'binding.approve'>

const REASON_MAX = 200

/**
 * The small form under a binding: 批准 with an optional note, 驳回 / 解除 with a reason the person's record
 * keeps (the server takes it optional; the office is asked for one when it takes a role away).
 */
export function BindingDecision(props: {
  bindingId: string
  decision: Decision
  pending: boolean
  onDone: (binding: Binding) => void
  onCancel: () => void
}) {
  const { bindingId, decision } = props
  const [reason, setReason] = useState('')
  const [error, setError] = useState('')
  const [busy, setBusy] = useState(false)
  const verb = decision === 'approve' ? '批准' : props.pending ? '驳回' : '解除'

  async function submit() {
    if (busy) return
    const text = reason.trim()
    if (decision === 'revoke' && text === '') {
      setError(`请填写${verb}理由`)
      return
    }
    if (text.length > REASON_MAX) {
      setError(`理由不能超过${REASON_MAX}个字`)
      return
    }
    setBusy(true)
    const res = await callCloud(decision === 'approve' ? 'binding.approve' : 'binding.revoke', {
      bindingId,
      ...(text ? { reason: text } : {}),
    })
    setBusy(false)
    if (!res.ok) {
      setError(res.error.message)
      return
    }
    props.onDone(res.data)
  }

  return (
    <View className="binding-decision" data-decision={decision}>
      <Textarea
        className="admin-textarea decision-reason"
        value={reason}
        maxlength={REASON_MAX + 20}
        placeholder={decision === 'approve' ? '备注（可不填）' : `${verb}理由（必填），例如：已调离该单位`}
        onInput={(e) => setReason(e.detail.value)}
      />
      {error ? <Text className="error-text decision-error">{error}</Text> : null}
      <View className="admin-actions">
        <Button className="btn-primary confirm-decision" size="mini" loading={busy} onClick={() => void submit()}>
          确认{verb}
        </Button>
        <Button className="btn-plain" size="mini" onClick={props.onCancel}>
          取消
        </Button>
      </View>
    </View>
  )
}
