import { Button, Text, View } from '@tarojs/components'
import Taro from '@tarojs/taro'
import { ROLE_LABELS, type Role } from '../../../../../types/domain'
import { useProfile } from '../../../../services/useProfile'
import '../../admin.css'

interface Workspace {
  key: string
  title: string
  description: string
  url: string
  /** who sees the entry (the server refuses the others anyway: cloudfunctions/shared/access.ts) */
  roles: readonly Role[]
}

const OFFICE: readonly Role[] = ['dispatcher', 'admin']

const ADMIN_WORKSPACES: readonly Workspace[] = [
  {
    key: 'directory',
    title: '名录管理',
    description: '企业、单位、专班、市领导、特派员和四个一安排：查询、新增、修改、停用。',
    url: '/packages/admin/pages/directory/index',
    roles: OFFICE,
  },
  {
    key: 'transfer',
    title: '导入导出',
    description: '把名录导出为 Excel 或 CSV；按模板导入，先检查全部内容，无误后一次写入。',
    url: '/packages/admin/pages/transfer/index',
    roles: OFFICE,
  },
  {
    key: 'invites',
    title: '邀请码',
    description: '为企业联系人、承办单位、市领导、特派员发放一次性邀请码，对方凭码绑定身份。',
    url: '/packages/admin/pages/invites/index',
    roles: OFFICE,
  },
  {
    key: 'bindings',
    title: '绑定审批',
    description: '审核工作人员的绑定申请，解除不再任职人员的绑定。',
    url: '/packages/admin/pages/bindings/index',
    roles: OFFICE,
  },
  {
    key: 'exports',
    title: '导出 Excel',
    description: '诉求清单（按筛选条件）、办理情况月报/年报、接待日承诺事项。',
    url: '/packages/dispatcher/pages/exports/index',
    roles: OFFICE,
  },
  {
    key: 'reach',
    title: '消息触达',
    description: '谁的微信订阅消息已用完、哪些消息只在站内，一键提醒续订。',
    url: '/packages/dispatcher/pages/reach/index',
    roles: OFFICE,
  },
  {
    key: 'calendar',
    title: '法定节假日',
    description: '按国务院办公厅通知录入下一年的放假和调休日期，预览受影响的办理时限后保存。',
    url: '/packages/admin/pages/calendar/index',
    roles: OFFICE,
  },
]

/** The office's entry to the directory and account pages (市重点办 and 系统管理员). */
export default function AdminHome() {
  const { profile, error, loading } = useProfile()
  const role = profile?.activeRole
  const entries = role ? ADMIN_WORKSPACES.filter((w) => w.roles.includes(role)) : []
  return (
    <View className="page admin-home">
      {loading && !profile ? <Text className="muted">正在加载…</Text> : null}
      {error ? <Text className="error-text">{error.message}</Text> : null}
      {profile ? (
        <View className="card">
          <Text className="muted">
            当前身份：{profile.name} · {ROLE_LABELS[profile.activeRole]}
          </Text>
          {role === 'dispatcher' ? (
            <Text className="muted admin-facts">
              名录的修改和导入由系统管理员进行；市重点办可查询、导出、发放邀请码和审批绑定。
            </Text>
          ) : null}
        </View>
      ) : null}
      {profile && entries.length === 0 ? (
        <Text className="error-text">这些功能仅供市重点办和系统管理员使用</Text>
      ) : null}
      {entries.map((w) => (
        <View className="card workspace" key={w.key} data-workspace={w.key}>
          <Text className="workspace-title">{w.title}</Text>
          <Text className="muted workspace-desc">{w.description}</Text>
          <Button className="btn-plain" id={`open-${w.key}`} onClick={() => void Taro.navigateTo({ url: w.url })}>
            进入{w.title}
          </Button>
        </View>
      ))}
    </View>
  )
}
