import { Button, Text, View } from '@tarojs/components'
import Taro, { useDidShow } from '@tarojs/taro'
import { ROLE_LABELS, type Role } from '../../../types/domain'
import { useSubscribeConsent } from '../../services/subscribe'
import { refreshUnreadBadge } from '../../services/unread'
import { useProfile } from '../../services/useProfile'
import './index.css'
import { SUBMIT_PAGE } from '../../services/ticketLinks'

const QUEUE = { title: '受理派单工作台', url: '/packages/dispatcher/pages/queue/index' }
const INBOX = { title: '承办工单', url: '/packages/handler/pages/inbox/index' }
const SUMMARY = { title: '办理情况汇总', url: '/packages/leader/pages/summary/index' }
const LINKED = { title: '联系企业诉求', url: '/packages/leader/pages/linked/index' }
const PROXY = { title: '代企业提交诉求', url: '/packages/leader/pages/proxy/index' }
const OFFICE = { title: '名录与账号管理', url: '/packages/admin/pages/home/index' }
const MEETINGS = { title: '接待日与协调会', url: '/packages/meetings/pages/list/index' }
const TASK_FORCE = { title: '专班工作台', url: '/packages/service/pages/taskforce/index' }
const FOLLOWED = { title: '牵头服务企业诉求', url: '/packages/service/pages/followed/index' }
const VISITS = { title: '我的企业与走访', url: '/packages/service/pages/visits/index' }
const COVERAGE = { title: '走访覆盖情况', url: '/packages/service/pages/coverage/index' }

/** Where each staff role's workspaces live (subpackages). */
const WORKSPACES: Partial<Record<Role, ReadonlyArray<{ title: string; url: string }>>> = {
  dispatcher: [QUEUE, SUMMARY, OFFICE, MEETINGS, TASK_FORCE, COVERAGE],
  handler: [INBOX, FOLLOWED],
  unitHead: [INBOX, FOLLOWED],
  leader: [LINKED, SUMMARY, MEETINGS, TASK_FORCE],
  commissioner: [VISITS, PROXY, LINKED],
  admin: [OFFICE, SUMMARY, QUEUE],
}

/**
 * A 专班 member is a handler (or unit head) whose unit is the 专班 (tf-financing …): their workspace is the
 * 专班's board, not an inbox (a 专班 is never a handling unit).
 */
function workspacesOf(profile: { activeRole: Role; grants: ReadonlyArray<{ role: Role; unitCode?: string }> }) {
  const grant = profile.grants.find((g) => g.role === profile.activeRole)
  if (grant?.unitCode?.startsWith('tf-')) return [TASK_FORCE]
  return WORKSPACES[profile.activeRole]
}

export default function Home() {
  const { profile, error, loading } = useProfile()
  const workspaces = (profile && workspacesOf(profile)) || []
  const askInboxConsent = useSubscribeConsent('inbox')
  useDidShow(refreshUnreadBadge)

  return (
    <View className="page home">
      <View className="home-hero">
        <Text className="home-title">惠企通</Text>
        <Text className="home-subtitle">企业诉求 · 分级办理 · 限时答复</Text>
      </View>

      {loading && !profile ? <Text className="muted">正在加载…</Text> : null}
      {error?.code === 'UNAUTHENTICATED' ? (
        <View className="card">
          <Text className="card-title">欢迎使用惠企通</Text>
          <Text className="muted">请先用市重点办发放的邀请码绑定您的企业或单位。</Text>
          <Button
            className="btn-primary home-action"
            id="go-bind"
            onClick={() => Taro.navigateTo({ url: '/packages/account/pages/bind/index' })}
          >
            绑定身份
          </Button>
        </View>
      ) : error ? (
        <View className="card">
          <Text className="card-title">暂时无法使用</Text>
          <Text className="error-text">{error.message}</Text>
        </View>
      ) : null}

      {profile ? (
        <View className="card">
          <Text className="muted">当前身份</Text>
          <View className="row home-identity">
            <Text className="home-name">{profile.name}</Text>
            <Text className="home-role">{ROLE_LABELS[profile.activeRole]}</Text>
          </View>
          {profile.enterpriseName ? <Text className="muted">{profile.enterpriseName}</Text> : null}
        </View>
      ) : null}

      {profile?.activeRole === 'enterprise' ? (
        <View className="card">
          <Text className="card-title">遇到困难，找惠企通</Text>
          <Text className="muted">
            用工、融资、用地、审批、要素保障、子女入学等问题都可以反映。市重点办受理后派给责任单位限时办理，全程可查、办结可评。
          </Text>
          <Button className="btn-primary home-action" onClick={() => Taro.navigateTo({ url: SUBMIT_PAGE })}>
            提交诉求
          </Button>
          <Text className="muted home-hotline">也可拨打 24 小时服务热线 966011</Text>
        </View>
      ) : null}

      {workspaces.map((workspace, i) => (
        <View className="card" key={workspace.url}>
          <Text className="card-title">{workspace.title}</Text>
          <Button
            className={`${i === 0 ? 'btn-primary' : 'btn-plain'} home-action`}
            data-workspace={workspace.url}
            onClick={() => {
              // units opening their inbox are asked for the 新工单 / 即将超期 reminders, inside the tap
              if (workspace === INBOX) askInboxConsent()
              void Taro.navigateTo({ url: workspace.url })
            }}
          >
            进入{workspace.title}
          </Button>
        </View>
      ))}
    </View>
  )
}
