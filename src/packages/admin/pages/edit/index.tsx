import { Button, Text, View } from '@tarojs/components'
import Taro, { useRouter } from '@tarojs/taro'
import { useEffect, useState } from 'react'
import type { ApiError } from '../../../../../types/api'
import { DIRECTORY_KIND_LABELS, type DirectoryKind } from '../../../../../types/directory'
import { DIRECTORY_KINDS } from '../../../../../types/directory-schemas'
import { callCloud } from '../../../../services/cloud'
import { useProfile } from '../../../../services/useProfile'
import { DirectoryForm } from '../../components/DirectoryForm'
import type { RecordView } from '../../lib/records'
import '../../admin.css'

const isKind = (value: string | undefined): value is DirectoryKind =>
  (DIRECTORY_KINDS as readonly string[]).includes(value ?? '')

/** One directory record: `?kind=enterprise` creates one, `?kind=enterprise&id=…` edits it. */
export default function EditRecordPage() {
  const { params } = useRouter()
  const kind = isKind(params.kind) ? params.kind : null
  const id = params.id ? decodeURIComponent(params.id) : null
  const { profile, error: profileError } = useProfile()
  const [record, setRecord] = useState<RecordView | null>(null)
  const [error, setError] = useState<ApiError | null>(null)

  useEffect(() => {
    if (!kind) return
    void Taro.setNavigationBarTitle({ title: `${id ? '编辑' : '新增'}${DIRECTORY_KIND_LABELS[kind]}` })
    if (!id) return
    void callCloud('directory.get', { kind, id }).then((res) => {
      if (res.ok) setRecord(res.data)
      else setError(res.error)
    })
  }, [kind, id])

  if (!kind)
    return (
      <View className="page">
        <Text className="error-text">名录类型不正确</Text>
      </View>
    )
  const failure = error ?? profileError
  if (failure)
    return (
      <View className="page">
        <Text className="error-text">{failure.message}</Text>
      </View>
    )
  // the role decides read-only or not: wait for it, and for the record when editing
  if (!profile || (id && !record))
    return (
      <View className="page">
        <Text className="muted">正在加载…</Text>
      </View>
    )

  const arrangement = record?.kind === 'enterprise' ? record.arrangement : null
  return (
    <View className="page edit-record">
      <DirectoryForm
        kind={kind}
        id={id}
        record={record}
        readOnly={profile.activeRole !== 'admin'}
        onSaved={() => {
          void Taro.showToast({ title: '已保存', icon: 'success', duration: 1200 })
          setTimeout(() => void Taro.navigateBack(), 1200)
        }}
      />
      {record?.kind === 'enterprise' && record.record.isKey ? (
        <View className="card" id="enterprise-arrangement">
          <Text className="card-title">四个一</Text>
          {arrangement ? (
            <View>
              <Text className="muted admin-facts">联系市领导：{arrangement.leaderName}</Text>
              <Text className="muted admin-facts">牵头服务单位：{arrangement.leadUnitName}</Text>
              <Text className="muted admin-facts">服务团队：{arrangement.team?.name ?? '—'}</Text>
              <Text className="muted admin-facts">
                特派员：{arrangement.commissionerIds.map((c) => arrangement.commissionerNames[c] ?? c).join('、')}
              </Text>
              {arrangement.active ? null : <Text className="tag tag-inactive">已停用</Text>}
            </View>
          ) : (
            <Text className="muted admin-facts">尚未设置四个一</Text>
          )}
          {arrangement ? (
            <Button
              className="btn-plain admin-facts"
              onClick={() =>
                void Taro.navigateTo({
                  url: `/packages/admin/pages/edit/index?kind=arrangement&id=${encodeURIComponent(arrangement.enterpriseId)}`,
                })
              }
            >
              {profile.activeRole === 'admin' ? '编辑四个一' : '查看四个一'}
            </Button>
          ) : null}
        </View>
      ) : null}
    </View>
  )
}
