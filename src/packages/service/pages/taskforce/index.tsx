import { Text, View } from '@tarojs/components'
import Taro, { useDidShow } from '@tarojs/taro'
import { useCallback, useEffect, useState } from 'react'
import type { ActionResult, TaskForceTab } from '../../../../../types/actions'
import { CATEGORY_LABELS } from '../../../../../types/domain'
import { Chips } from '../../../../components/Chips'
import { EmptyState } from '../../../../components/EmptyState'
import { StatusTag } from '../../../../components/StatusTag'
import { Tabs } from '../../../../components/Tabs'
import { callCloud } from '../../../../services/cloud'
import { dueLine } from '../../lib'
import '../../service.css'
import { deskTicketUrl } from '../../../../services/ticketLinks'

const TABS: ReadonlyArray<{ value: TaskForceTab; label: string }> = [
  { value: 'open', label: '办理中' },
  { value: 'overdue', label: '已超期' },
  { value: 'closed', label: '已答复/办结' },
]

/**
 * 专班: the bottleneck tickets of its category across the city, their state and dues. A row opens the ticket,
 * where the 专班 (or its leading city leader) 督办s, notes and asks the office for a 专题协调会.
 */
export default function TaskForceBoard() {
  const [tab, setTab] = useState<TaskForceTab>('open')
  const [taskForce, setTaskForce] = useState<string | undefined>(undefined)
  const [board, setBoard] = useState<ActionResult<'taskForce.tickets'> | null>(null)
  const [error, setError] = useState<string | null>(null)

  const load = useCallback(async () => {
    const res = await callCloud('taskForce.tickets', { tab, ...(taskForce ? { taskForce } : {}) })
    if (!res.ok) return setError(res.error.message)
    setError(null)
    setBoard(res.data)
  }, [tab, taskForce])
  useEffect(() => void load(), [load])
  useDidShow(() => void load())

  return (
    <View className="page">
      {board ? (
        <View className="card">
          <Text className="service-row-title">{board.taskForce.name}</Text>
          {board.taskForce.leaderName ? (
            <Text className="service-line">牵头市领导：{board.taskForce.leaderName}</Text>
          ) : null}
          {board.taskForces.length > 1 ? (
            <Chips
              options={board.taskForces.map((tf) => ({ value: tf.code, label: tf.name }))}
              selected={[board.taskForce.code]}
              onToggle={setTaskForce}
            />
          ) : null}
        </View>
      ) : null}
      <Tabs tabs={TABS} current={tab} onChange={setTab} />
      {error ? <Text className="error-text service-line">{error}</Text> : null}
      {board && board.items.length === 0 ? <EmptyState title="这里暂时没有工单" /> : null}
      {board?.items.map((t) => {
        const due = dueLine('答复期限', t.replyDueAt)
        return (
          <View
            key={t._id}
            className="card service-row"
            data-ticket-no={t.no}
            onClick={() => Taro.navigateTo({ url: deskTicketUrl(t._id) })}
          >
            <View className="row">
              <Text className="ticket-no">{t.no}</Text>
              <StatusTag state={t.state} />
            </View>
            <Text className="service-row-title">{t.title}</Text>
            <Text className="service-line">
              {t.enterpriseName} · {CATEGORY_LABELS[t.category]}
            </Text>
            <Text className="service-line">
              承办：{t.units.map((u) => board.unitNames[u] ?? '（单位）').join('、')}
            </Text>
            <Text className={`service-line${due.late && tab !== 'closed' ? ' service-late' : ''}`}>{due.text}</Text>
            {t.meetingRequested ? <Text className="service-badge">已申请专题协调会</Text> : null}
            {t.upward ? <Text className="service-badge">已上报</Text> : null}
          </View>
        )
      })}
    </View>
  )
}
