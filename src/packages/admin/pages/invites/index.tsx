import { Button, Text, View } from '@tarojs/components'
import Taro from '@tarojs/taro'
import { useCallback, useState } from 'react'
import { INVITE_STATUSES, INVITE_STATUS_LABELS, type InviteStatus } from '../../../../../types/directory'
import { EmptyState } from '../../../../components/EmptyState'
import { Tabs } from '../../../../components/Tabs'
import { callCloud } from '../../../../services/cloud'
import { formatDateTime } from '../../../../services/format'
import { usePagedList } from '../../../../services/usePagedList'
import { useProfile } from '../../../../services/useProfile'
import { InviteIssuer } from '../../components/InviteIssuer'
import { grantLabel } from '../../lib/records'
import '../../admin.css'

const TABS = INVITE_STATUSES.map((s) => ({ value: s, label: INVITE_STATUS_LABELS[s] }))

/** 邀请码: issue one-time codes for a role and a record, see the codes issued, cancel open ones. */
export default function InvitesPage() {
  const { profile } = useProfile()
  const [status, setStatus] = useState<InviteStatus>('open')
  const fetchPage = useCallback((page: number) => callCloud('invite.list', { status, page }), [status])
  const { items, loading, error, reload } = usePagedList(fetchPage)
  const [actionError, setActionError] = useState('')

  async function cancel(inviteId: string, targetName: string) {
    const { confirm } = await Taro.showModal({
      title: '作废邀请码',
      content: `确定作废发给「${targetName}」的邀请码？作废后对方无法再使用。`,
    })
    if (!confirm) return
    const res = await callCloud('invite.cancel', { inviteId })
    if (!res.ok) {
      setActionError(res.error.message)
      return
    }
    setActionError('')
    void Taro.showToast({ title: '已作废', icon: 'success' })
    void reload()
  }

  return (
    <View className="page invites">
      {profile ? (
        <InviteIssuer isAdmin={profile.activeRole === 'admin'} onIssued={() => void reload()} />
      ) : (
        <Text className="muted">正在加载…</Text>
      )}
      <Tabs tabs={TABS} current={status} onChange={setStatus} />
      {error ? <Text className="error-text">{error.message}</Text> : null}
      {actionError ? <Text className="error-text">{actionError}</Text> : null}
      {!loading && !error && items.length === 0 ? (
        <EmptyState title={`没有${INVITE_STATUS_LABELS[status]}的邀请码`} />
      ) : null}
      {items.map((invite) => (
        <View
          className="card invite-row"
          key={invite.inviteId}
          data-invite-id={invite.inviteId}
          data-status={invite.status}
        >
          <View className="row">
            <Text className="admin-row-name">{grantLabel(invite.grant.role, invite.targetName)}</Text>
            <Text className={`tag${invite.expired ? ' tag-warn' : ''}`}>
              {invite.expired ? '已过期' : INVITE_STATUS_LABELS[invite.status]}
            </Text>
          </View>
          <Text className="muted admin-facts">
            {invite.requiresApproval ? '绑定后需审批' : '绑定即生效'}
            {invite.note ? ` · ${invite.note}` : ''}
          </Text>
          <Text className="muted admin-facts">
            {invite.issuedByName} 发放于 {formatDateTime(invite.issuedAt)} · 有效期至 {formatDateTime(invite.expiresAt)}
          </Text>
          {invite.usedAt ? <Text className="muted admin-facts">使用于 {formatDateTime(invite.usedAt)}</Text> : null}
          {invite.status === 'open' ? (
            <View className="admin-actions">
              <Button
                className="btn-plain cancel-invite"
                size="mini"
                onClick={() => void cancel(invite.inviteId, invite.targetName)}
              >
                作废
              </Button>
            </View>
          ) : null}
        </View>
      ))}
    </View>
  )
}
