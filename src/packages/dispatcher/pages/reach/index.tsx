import { Button, Text, View } from '@tarojs/components'
import { useReachBottom } from '@tarojs/taro'
import { useCallback, useEffect, useState } from 'react'
import type { ActionResult } from '../../../../../types/actions'
import { ROLE_LABELS } from '../../../../../types/domain'
import { Chips } from '../../../../components/Chips'
import { EmptyState } from '../../../../components/EmptyState'
import { callCloud } from '../../../../services/cloud'

type Person = ActionResult<'reach.list'>['items'][number]
type Show = 'unreachable' | 'all'
const SHOW: ReadonlyArray<{ value: Show; label: string }> = [
  { value: 'unreachable', label: '微信无法触达' },
  { value: 'all', label: '全部人员' },
]

/**
 * 市重点办 / 管理员: who WeChat cannot reach now (consents left per template, or 长期订阅), whether a verified
 * phone lets reminders fall back to SMS, what went out by SMS and what reached 消息 only, and 提醒续订.
 */
export default function Reach() {
  const [show, setShow] = useState<Show>('unreachable')
  const [items, setItems] = useState<Person[]>([])
  const [cursor, setCursor] = useState<string | null>(null)
  const [loading, setLoading] = useState(true)
  const [note, setNote] = useState<Record<string, string>>({})

  const load = useCallback(
    async (after: string | null) => {
      setLoading(true)
      const res = await callCloud('reach.list', {
        onlyUnreachable: show === 'unreachable',
        ...(after ? { cursor: after } : {}),
      })
      setLoading(false)
      if (!res.ok) return
      setItems((prev) => (after ? [...prev, ...res.data.items] : res.data.items))
      setCursor(res.data.nextCursor)
    },
    [show],
  )
  useEffect(() => {
    void load(null)
  }, [load])
  useReachBottom(() => {
    if (cursor && !loading) void load(cursor)
  })

  async function remind(openid: string) {
    const res = await callCloud('reach.remind', { openid })
    const text = !res.ok ? res.error.message : res.data.requested ? '已发送续订提醒' : '今天已提醒过'
    setNote((prev) => ({ ...prev, [openid]: text }))
  }

  return (
    <View className="page reach">
      <Chips options={SHOW} selected={[show]} onToggle={setShow} />
      {!loading && items.length === 0 ? <EmptyState title="暂无需要提醒的人员" /> : null}
      {items.map((p) => (
        <View className="card" key={p.openid} data-openid={p.openid}>
          <View className="row">
            <Text className="card-title">{p.name}</Text>
            <Text className={p.reachable ? 'muted' : 'error-text'}>{p.reachable ? '微信可触达' : '微信无法触达'}</Text>
          </View>
          <Text className="muted">{p.roles.map((role) => ROLE_LABELS[role]).join('、')}</Text>
          <Text className="muted">
            {p.templates
              .map(
                (t) =>
                  `${t.title}：${t.configured ? (t.remaining === 'unlimited' ? '长期订阅' : `剩余${t.remaining}次`) : '未配置'}`,
              )
              .join('；')}
          </Text>
          <Text className="muted">
            {p.hasVerifiedPhone ? '已验证手机号：提醒和督办可改发短信' : '未验证手机号：无法改发短信'}
          </Text>
          <Text className="muted">
            短信已发送 {p.bySms} 条 · 仅站内消息 {p.inAppOnly} 条 · 今日短信 {p.smsToday} 条
          </Text>
          {!p.reachable ? (
            <Button className="btn-plain" onClick={() => void remind(p.openid)}>
              提醒续订
            </Button>
          ) : null}
          {note[p.openid] ? <Text className="muted">{note[p.openid]}</Text> : null}
        </View>
      ))}
    </View>
  )
}
