import { Button, Input, Text, View } from '@tarojs/components'
import Taro, { useDidShow } from '@tarojs/taro'
import { useState } from 'react'
import type { ActionResult } from '../../../../../types/actions'
import { ROLE_LABELS } from '../../../../../types/domain'
import { PRIVACY_NOTICE } from '../../../../../types/privacy'
import { FormField } from '../../../../components/FormField'
import { callCloud, newRequestId } from '../../../../services/cloud'
import { fetchDevInvites, type DevInvite } from '../../../../services/devIdentities'
import { setActiveRole } from '../../../../services/session'
import './index.css'

type Status = ActionResult<'binding.status'>

/**
 * 绑定身份: read and accept the privacy notice, redeem the invite code the office issued (an enterprise
 * contact is bound at once, staff wait for approval), and optionally verify a phone number — only after the
 * notice is accepted, through WeChat's own getPhoneNumber button.
 */
export default function Bind() {
  const [status, setStatus] = useState<Status | null>(null)
  const [name, setName] = useState('')
  const [code, setCode] = useState('')
  const [errors, setErrors] = useState<Record<string, string>>({})
  const [message, setMessage] = useState('')
  const [busy, setBusy] = useState(false)
  const [devInvites, setDevInvites] = useState<DevInvite[]>([])

  const reload = async () => {
    const res = await callCloud('binding.status', {})
    if (res.ok) setStatus(res.data)
  }
  useDidShow(() => {
    void reload()
    if (process.env.TARO_ENV === 'h5') void fetchDevInvites().then(setDevInvites)
  })

  const accepted = status?.privacy.acceptedVersion === PRIVACY_NOTICE.version

  async function accept() {
    const res = await callCloud('me.acceptPrivacy', { version: PRIVACY_NOTICE.version })
    if (res.ok) setStatus(res.data)
    else setMessage(res.error.message)
  }

  async function redeem() {
    if (busy) return
    setBusy(true)
    setErrors({})
    setMessage('')
    const res = await callCloud(
      'binding.redeem',
      { code: code.trim(), name: name.trim() },
      { requestId: newRequestId() },
    )
    setBusy(false)
    if (!res.ok) {
      setErrors(res.error.fields ?? {})
      setMessage(res.error.message)
      return
    }
    if (res.data.status === 'active') {
      setActiveRole(res.data.grant.role)
      await Taro.showToast({ title: `已绑定${res.data.targetName}`, icon: 'success' })
      await Taro.switchTab({ url: '/pages/index/index' })
    } else {
      setMessage(`已提交：${ROLE_LABELS[res.data.grant.role]}（${res.data.targetName}），等待市重点办审批`)
      setCode('')
      void reload()
    }
  }

  async function verifyPhone(phoneCode: string | undefined) {
    if (!phoneCode) return // the user declined in WeChat's dialog
    const res = await callCloud('me.verifyPhone', { code: phoneCode })
    setMessage(res.ok ? `手机号已验证：${res.data.phone}` : res.error.message)
    void reload()
  }

  return (
    <View className="page bind">
      <View className="card privacy" id="privacy-notice">
        <Text className="card-title">{PRIVACY_NOTICE.title}</Text>
        {PRIVACY_NOTICE.paragraphs.map((p) => (
          <Text key={p} className="privacy-paragraph">
            {p}
          </Text>
        ))}
        {accepted ? (
          <Text className="muted">您已阅读并同意（版本 {PRIVACY_NOTICE.version}）</Text>
        ) : (
          <Button className="btn-primary" id="accept-privacy" onClick={() => void accept()}>
            同意并继续
          </Button>
        )}
      </View>

      {accepted ? (
        <View className="card">
          <Text className="card-title">使用邀请码绑定</Text>
          <Text className="muted">
            企业联系人、承办单位、服务专员和市领导的邀请码由市重点办发放，一码一用，过期作废。
          </Text>
          <FormField label="您的姓名" required error={errors.name}>
            <Input
              className="field-input"
              id="bind-name"
              value={name}
              maxlength={20}
              placeholder="请输入真实姓名"
              onInput={(e) => setName(e.detail.value)}
            />
          </FormField>
          <FormField label="邀请码" required error={errors.code}>
            <Input
              className="field-input"
              id="bind-code"
              value={code}
              maxlength={20}
              placeholder="例如 K7QF-M2XP-9HTA"
              onInput={(e) => setCode(e.detail.value)}
            />
          </FormField>
          <Button
            className={`btn-primary${busy ? ' btn-busy' : ''}`}
            id="redeem-button"
            loading={busy}
            onClick={() => void redeem()}
          >
            绑定
          </Button>
        </View>
      ) : null}

      {message ? (
        <Text className="bind-message" id="bind-message">
          {message}
        </Text>
      ) : null}

      {status && status.pending.length > 0 ? (
        <View className="card">
          <Text className="card-title">等待审批</Text>
          {status.pending.map((p) => (
            <Text key={p.bindingId} className="muted">
              {ROLE_LABELS[p.grant.role]} · {p.targetName}
            </Text>
          ))}
        </View>
      ) : null}

      {accepted && status?.bound ? (
        <View className="card">
          <Text className="card-title">手机号（选填）</Text>
          <Text className="muted">
            {status.phone ? `已验证：${status.phone}` : '验证后，承办人员可在必要时与您电话联系'}
          </Text>
          {process.env.TARO_ENV === 'weapp' ? (
            <Button
              className="btn-plain"
              openType="getPhoneNumber"
              onGetPhoneNumber={(e) => void verifyPhone(e.detail.code)}
            >
              使用微信手机号
            </Button>
          ) : (
            <Button
              className="btn-plain"
              id="verify-phone-local"
              onClick={() => void verifyPhone('local-dev-phone-code')}
            >
              验证手机号（本地云模拟）
            </Button>
          )}
        </View>
      ) : null}

      {devInvites.length > 0 ? (
        <View className="card dev-switcher">
          <Text className="card-title">演示邀请码（仅本地环境）</Text>
          {devInvites.map((invite) => (
            <View
              key={invite.code}
              className="me-option"
              data-invite={invite.code}
              onClick={() => setCode(invite.code)}
            >
              <Text>{invite.code}</Text>
              <Text className="muted">{invite.label}</Text>
            </View>
          ))}
        </View>
      ) : null}
    </View>
  )
}
