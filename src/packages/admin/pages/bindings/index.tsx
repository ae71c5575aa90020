import { Button, Text, View } from '@tarojs/components'
import Taro from '@tarojs/taro'
import { useCallback, useState } from 'react'
import { BINDING_STATUSES, BINDING_STATUS_LABELS, type BindingStatus } from '../../../../../types/directory'
import { EmptyState } from '../../../../components/EmptyState'
import { Tabs } from '../../../../components/Tabs'
import { callCloud } from '../../../../services/cloud'
import { formatDateTime } from '../../../../services/format'
import { usePagedList } from '../../../../services/usePagedList'
import { BindingDecision, type Decision } from '../../components/BindingDecision'
import { grantLabel } from '../../lib/records'
import '../../admin.css'

const TABS = BINDING_STATUSES.map((s) => ({ value: s, label: BINDING_STATUS_LABELS[s] }))
const EMPTY: Record<BindingStatus, string> = {
  pending: '没有待审核的绑定申请',
  active: '没有已生效的绑定',
  revoked: '没有已解除的绑定',
}

/** 绑定审批: approve staff who redeemed a code, reject a request, take a role away from someone who left. */
export default function BindingsPage() {
  const [status, setStatus] = useState<BindingStatus>('pending')
  const fetchPage = useCallback((page: number) => callCloud('binding.list', { status, page }), [status])
  const { items, loading, error, reload } = usePagedList(fetchPage)
  const [open, setOpen] = useState<{ bindingId: string; decision: Decision } | null>(null)

  return (
    <View className="page bindings">
      <Tabs
        tabs={TABS}
        current={status}
        onChange={(s) => {
          setOpen(null)
          setStatus(s)
        }}
      />
      {error ? <Text className="error-text">{error.message}</Text> : null}
      {!loading && !error && items.length === 0 ? <EmptyState title={EMPTY[status]} /> : null}
      {items.map((b) => {
        const pending = b.status === 'pending'
        return (
          <View className="card binding-row" key={b.bindingId} data-binding-id={b.bindingId} data-status={b.status}>
            <View className="row">
              <Text className="admin-row-name">{b.name}</Text>
              <Text className={`tag${b.status === 'revoked' ? ' tag-inactive' : ''}`}>
                {BINDING_STATUS_LABELS[b.status]}
              </Text>
            </View>
            <Text className="muted admin-facts">
              {grantLabel(b.grant.role, b.targetName)}
              {b.phone ? ` · ${b.phone}` : ''}
            </Text>
            <Text className="muted admin-facts">
              申请于 {formatDateTime(b.createdAt)}
              {b.decidedAt ? ` · 处理于 ${formatDateTime(b.decidedAt)}` : ''}
              {b.inviteId ? '' : ' · 未经邀请码'}
            </Text>
            {b.reason ? <Text className="muted admin-facts">理由：{b.reason}</Text> : null}
            {open?.bindingId === b.bindingId ? (
              <BindingDecision
                bindingId={b.bindingId}
                decision={open.decision}
                pending={pending}
                onCancel={() => setOpen(null)}
                onDone={(next) => {
                  setOpen(null)
                  void Taro.showToast({ title: next.status === 'active' ? '已批准' : '已解除', icon: 'success' })
                  void reload()
                }}
              />
            ) : b.status === 'revoked' ? null : (
              <View className="admin-actions">
                {pending ? (
                  <Button
                    className="btn-primary approve-binding"
                    size="mini"
                    onClick={() => setOpen({ bindingId: b.bindingId, decision: 'approve' })}
                  >
                    批准
                  </Button>
                ) : null}
                <Button
                  className="btn-plain revoke-binding"
                  size="mini"
                  onClick={() => setOpen({ bindingId: b.bindingId, decision: 'revoke' })}
                >
                  {pending ? '驳回' : '解除绑定'}
                </Button>
              </View>
            )}
          </View>
        )
      })}
    </View>
  )
}
