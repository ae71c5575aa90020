import { Text, View } from '@tarojs/components'
import Taro, { useDidShow } from '@tarojs/taro'
import { useState } from 'react'
import type { ActionResult } from '../../../../../types/actions'
import { Chips } from '../../../../components/Chips'
import { TicketForm } from '../../../../components/TicketForm'
import { callCloud } from '../../../../services/cloud'
import { deskTicketUrl } from '../../../../services/ticketLinks'

type Linked = ActionResult<'directory.linked'>

/**
 * 服务专员: enter a 诉求 for an enterprise I serve — reported to me (代录), or met on a visit (走访), which I may
 * then record as solved on the spot from its page.
 */
export default function ProxyEntry() {
  const [enterprises, setEnterprises] = useState<Linked>([])
  const [enterpriseId, setEnterpriseId] = useState<string | null>(null)
  const [onVisit, setOnVisit] = useState(false)

  useDidShow(() => {
    void callCloud('directory.linked', {}).then((res) => {
      if (!res.ok) return
      setEnterprises(res.data)
      if (res.data.length === 1) setEnterpriseId(res.data[0].enterprise._id)
    })
  })

  return (
    <View className="page proxy">
      <View className="card">
        <Text className="card-title">企业</Text>
        <Chips
          options={enterprises.map(({ enterprise }) => ({ value: enterprise._id, label: enterprise.name }))}
          selected={enterpriseId ? [enterpriseId] : []}
          onToggle={setEnterpriseId}
        />
        <Text className="card-title">来源</Text>
        <Chips
          options={[
            { value: 'proxy', label: '企业反映，代为录入' },
            { value: 'visit', label: '走访中发现（可现场办结）' },
          ]}
          selected={[onVisit ? 'visit' : 'proxy']}
          onToggle={(v) => setOnVisit(v === 'visit')}
        />
      </View>
      {enterpriseId ? (
        <TicketForm
          enterpriseId={enterpriseId}
          onVisit={onVisit}
          onSubmitted={async (ticket) => {
            await Taro.showToast({ title: `已录入 ${ticket.no}`, icon: 'success', duration: 1500 })
            await Taro.redirectTo({ url: deskTicketUrl(ticket._id) })
          }}
        />
      ) : (
        <Text className="muted">请先选择企业</Text>
      )}
    </View>
  )
}
