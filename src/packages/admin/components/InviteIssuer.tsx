import { Button, Input, Text, View } from '@tarojs/components'
import Taro from '@tarojs/taro'
import { useState } from 'react'
import type { ActionResult } from '../../../../types/actions'
import type { DirectoryKind } from '../../../../types/directory'
import {
  INVITE_VALID_DAYS_DEFAULT,
  INVITE_VALID_DAYS_MAX,
  inviteIssueSchema,
} from '../../../../types/directory-schemas'
import { ROLE_LABELS, type Role } from '../../../../types/domain'
import { fieldErrors } from '../../../../types/schemas'
import { Chips } from '../../../components/Chips'
import { FormField } from '../../../components/FormField'
import { callCloud } from '../../../services/cloud'
import { formatDateTime } from '../../../services/format'
import { grantLabel } from '../lib/records'
import { RefPicker } from './RefPicker'

type Issued = ActionResult<'invite.issue'>
type TargetKey = 'enterpriseId' | 'unitCode' | 'commissionerId' | 'leaderId'

/** The record each role is bound to, and where it goes in the grant; office roles have none. */
const TARGETS: Partial<Record<Role, { kind: DirectoryKind; key: TargetKey; label: string }>> = {
  enterprise: { kind: 'enterprise', key: 'enterpriseId', label: '企业' },
  handler: { kind: 'unit', key: 'unitCode', label: '单位' },
  unitHead: { kind: 'unit', key: 'unitCode', label: '单位' },
  commissioner: { kind: 'commissioner', key: 'commissionerId', label: '特派员' },
  leader: { kind: 'leader', key: 'leaderId', label: '市领导' },
}
const STAFF_ROLES: readonly Role[] = ['enterprise', 'handler', 'unitHead', 'commissioner', 'leader']
/** only the admin hands out office roles (cloudfunctions/api/actions/binding.ts assertMayManage) */
const OFFICE_ROLES: readonly Role[] = ['dispatcher', 'admin']

/** The code, shown once: it is not stored, only its hash (types/directory.ts InviteRecord). */
function IssuedCode({ issued, onDone }: { issued: Issued; onDone: () => void }) {
  return (
    <View className="card invite-issued" id="issued-invite" data-invite-id={issued.inviteId}>
      <Text className="card-title">邀请码已生成</Text>
      <Text className="muted">{grantLabel(issued.grant.role, issued.targetName)}</Text>
      <Text className="invite-code" userSelect>
        {issued.code}
      </Text>
      <Text className="muted admin-facts">有效期至 {formatDateTime(issued.expiresAt)}，只能使用一次。</Text>
      <Text className="muted admin-facts">
        {issued.requiresApproval ? '对方绑定后需在「绑定审批」中批准才生效。' : '对方绑定后立即生效。'}
      </Text>
      <Text className="error-text">邀请码只显示这一次，离开后无法再查看，请立即复制发给对方。</Text>
      <View className="admin-actions">
        <Button
          className="btn-primary"
          id="copy-invite-code"
          size="mini"
          onClick={() => void Taro.setClipboardData({ data: issued.code })}
        >
          复制邀请码
        </Button>
        <Button className="btn-plain" id="dismiss-invite" size="mini" onClick={onDone}>
          已发送，关闭
        </Button>
      </View>
    </View>
  )
}

/** 发放邀请码: a role, the record it is for (found by searching the directory), how many days it is valid. */
export function InviteIssuer(props: { isAdmin: boolean; onIssued?: (issued: Issued) => void }) {
  const [role, setRole] = useState<Role | null>(null)
  const [target, setTarget] = useState<string[]>([])
  const [days, setDays] = useState(String(INVITE_VALID_DAYS_DEFAULT))
  const [note, setNote] = useState('')
  const [errors, setErrors] = useState<Record<string, string>>({})
  const [busy, setBusy] = useState(false)
  const [issued, setIssued] = useState<Issued | null>(null)

  const roles = props.isAdmin ? [...STAFF_ROLES, ...OFFICE_ROLES] : STAFF_ROLES
  const targetSpec = role ? TARGETS[role] : undefined

  async function issue() {
    if (busy) return
    const grant = role ? { role, ...(targetSpec ? { [targetSpec.key]: target[0] } : {}) } : undefined
    const parsed = inviteIssueSchema.safeParse({
      grant,
      validDays: days.trim() === '' ? undefined : Number(days),
      note: note.trim() || undefined,
    })
    if (!parsed.success) {
      setErrors(fieldErrors(parsed.error))
      return
    }
    setErrors({})
    setBusy(true)
    const res = await callCloud('invite.issue', parsed.data)
    setBusy(false)
    if (!res.ok) {
      setErrors(
        res.error.fields && Object.keys(res.error.fields).length > 0 ? res.error.fields : { _: res.error.message },
      )
      return
    }
    setIssued(res.data)
    setTarget([])
    setNote('')
    props.onIssued?.(res.data)
  }

  const targetError = targetSpec ? errors[`grant.${targetSpec.key}`] : undefined
  return (
    <View>
      {issued ? <IssuedCode issued={issued} onDone={() => setIssued(null)} /> : null}
      <View className="card invite-issuer">
        <Text className="card-title">发放邀请码</Text>
        <FormField label="身份" required error={errors.grant ?? errors['grant.role']}>
          <View id="invite-role">
            <Chips
              options={roles.map((r) => ({ value: r, label: ROLE_LABELS[r] }))}
              selected={role ? [role] : []}
              onToggle={(r) => {
                // the target belongs to the role's kind of record: a new kind starts empty
                if (TARGETS[r]?.kind !== targetSpec?.kind) setTarget([])
                setRole(r)
              }}
            />
          </View>
        </FormField>
        {targetSpec ? (
          <FormField label={targetSpec.label} required error={targetError}>
            <RefPicker
              key={targetSpec.kind}
              kind={targetSpec.kind}
              value={target}
              onChange={setTarget}
              inputId="invite-target-search"
            />
          </FormField>
        ) : null}
        <FormField label="有效天数" error={errors.validDays} hint={`1至${INVITE_VALID_DAYS_MAX}天`}>
          <Input
            className="field-input"
            id="invite-days"
            type="number"
            value={days}
            onInput={(e) => setDays(e.detail.value)}
          />
        </FormField>
        <FormField label="备注" error={errors.note} hint="例如对方姓名、职务，便于日后查找">
          <Input
            className="field-input"
            id="invite-note"
            value={note}
            maxlength={70}
            onInput={(e) => setNote(e.detail.value)}
          />
        </FormField>
        {errors._ ? <Text className="error-text form-error">{errors._}</Text> : null}
        <Button
          className={`btn-primary${busy ? ' btn-busy' : ''}`}
          id="issue-invite"
          loading={busy}
          onClick={() => void issue()}
        >
          生成邀请码
        </Button>
      </View>
    </View>
  )
}
