import { Switch, Text, View } from '@tarojs/components'
import Taro, { useDidShow } from '@tarojs/taro'
import { useState } from 'react'
import type { ActionResult } from '../../../types/actions'
import { ROLE_LABELS, type Role } from '../../../types/domain'
import { fetchDevIdentities, type DevIdentity } from '../../services/devIdentities'
import { getDevOpenId, setActiveRole, setDevOpenId } from '../../services/session'
import { callCloud } from '../../services/cloud'
import { useProfile } from '../../services/useProfile'
import { isLargeText, setLargeText } from '../../services/largeText'
import './index.css'

type Subscriptions = ActionResult<'subscriptions.status'>

/** '还可接收3次' / '长期订阅' / '未开通' — what one template will still bring this user. */
function remainingLabel(t: Subscriptions['groups'][number]['templates'][number]): string {
  if (!t.configured) return '未配置，仅站内消息'
  if (t.remaining === 'unlimited') return '长期订阅'
  return t.remaining > 0 ? `还可接收${t.remaining}次` : '未订阅，仅站内消息'
}

export default function Me() {
  const { profile, error, reload } = useProfile()
  const [identities, setIdentities] = useState<DevIdentity[]>([])
  const [devOpenId, setDevOpenIdState] = useState(getDevOpenId())
  const [subscriptions, setSubscriptions] = useState<Subscriptions | null>(null)
  const [largeText, setLargeTextState] = useState(isLargeText)

  useDidShow(() => {
    if (process.env.TARO_ENV === 'h5') void fetchDevIdentities().then(setIdentities)
    void callCloud('subscriptions.status', {}).then((res) => setSubscriptions(res.ok ? res.data : null))
  })

  function switchRole(role: Role) {
    setActiveRole(role)
    void reload()
  }
  async function switchIdentity(openid: string) {
    setDevOpenId(openid)
    setDevOpenIdState(openid)
    await reload()
    void Taro.showToast({ title: '已切换身份', icon: 'none' })
  }

  return (
    <View className="page me">
      <View className="card">
        {profile ? (
          <>
            <Text className="card-title">{profile.name}</Text>
            {profile.enterpriseName ? <Text className="muted">{profile.enterpriseName}</Text> : null}
          </>
        ) : (
          <Text className="error-text">{error?.message ?? '正在加载…'}</Text>
        )}
      </View>

      {profile && profile.grants.length > 1 ? (
        <View className="card">
          <Text className="card-title">我的身份</Text>
          {profile.grants.map((g) => (
            <View
              key={g.role}
              className={`me-option${profile.activeRole === g.role ? ' me-option-on' : ''}`}
              onClick={() => switchRole(g.role)}
            >
              <Text>{ROLE_LABELS[g.role]}</Text>
              {profile.activeRole === g.role ? <Text className="me-check">当前</Text> : null}
            </View>
          ))}
        </View>
      ) : null}

      <View className="card">
        <View
          className="me-option"
          id="me-go-bind"
          onClick={() => Taro.navigateTo({ url: '/packages/account/pages/bind/index' })}
        >
          <Text>{profile ? '绑定其他身份 · 手机号 · 隐私保护指引' : '绑定身份'}</Text>
          <Text className="me-check">›</Text>
        </View>
      </View>

      <View className="card">
        <View className="me-option" id="me-large-text">
          <Text>大字模式</Text>
          <Switch
            checked={largeText}
            color="#1f4e8c"
            onChange={(e) => {
              setLargeText(e.detail.value)
              setLargeTextState(e.detail.value)
            }}
          />
        </View>
        <Text className="muted">
          {process.env.TARO_ENV === 'weapp'
            ? '整个应用的文字和按钮放大；没有设置时跟随微信「设置 → 通用 → 字体大小」。'
            : '整个应用的文字和按钮放大；也可以用两指缩放页面。'}
        </Text>
      </View>

      {subscriptions && subscriptions.groups.length > 0 ? (
        <View className="card subscriptions">
          <Text className="card-title">订阅提醒</Text>
          <Text className="muted">
            微信每次授权只能推送一条提醒；未授权或次数用完时，提醒仍会出现在「消息」里。在提交诉求、打开工单、签收时可再次授权。
          </Text>
          {subscriptions.groups
            .flatMap((g) => g.templates)
            .map((t) => (
              <View key={t.templateKey} className="me-option">
                <Text>{t.title}</Text>
                <Text className="muted">{remainingLabel(t)}</Text>
              </View>
            ))}
          {subscriptions.missingMessage ? <Text className="error-text">{subscriptions.missingMessage}</Text> : null}
        </View>
      ) : null}

      {identities.length > 0 ? (
        <View className="card dev-switcher">
          <Text className="card-title">演示身份（仅本地环境）</Text>
          <Text className="muted">本地云按所选身份调用云函数；正式环境以微信 OPENID 识别身份，此处不会出现。</Text>
          {identities.map((idn) => (
            <View
              key={idn.openid}
              className={`me-option${devOpenId === idn.openid ? ' me-option-on' : ''}`}
              data-openid={idn.openid}
              onClick={() => void switchIdentity(idn.openid)}
            >
              <Text>{idn.label}</Text>
              {devOpenId === idn.openid ? <Text className="me-check">当前</Text> : null}
            </View>
          ))}
        </View>
      ) : null}
    </View>
  )
}
