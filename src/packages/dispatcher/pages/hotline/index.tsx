import { Input, Text, View } from '@tarojs/components'
import Taro from '@tarojs/taro'
import { useEffect, useState } from 'react'
import type { EnterpriseOption } from '../../../../../types/actions'
import { TicketForm } from '../../../../components/TicketForm'
import { callCloud } from '../../../../services/cloud'
import './index.css'

/** 966011 hotline: the office finds the caller's enterprise and enters the 诉求 for it (channel hotline). */
export default function HotlineEntry() {
  const [keyword, setKeyword] = useState('')
  const [matches, setMatches] = useState<EnterpriseOption[]>([])
  const [chosen, setChosen] = useState<EnterpriseOption | null>(null)

  useEffect(() => {
    let current = true
    void callCloud('directory.enterprises', { keyword }).then((res) => {
      if (current && res.ok) setMatches(res.data)
    })
    return () => {
      current = false
    }
  }, [keyword])

  return (
    <View className="page hotline">
      <View className="card">
        <Text className="card-title">来电企业</Text>
        {chosen ? (
          <View className="row">
            <Text>{chosen.name}</Text>
            <Text className="hotline-change" onClick={() => setChosen(null)}>
              更换
            </Text>
          </View>
        ) : (
          <View>
            <Input
              className="field-input"
              id="enterprise-search"
              value={keyword}
              placeholder="输入企业名称关键字"
              onInput={(e) => setKeyword(e.detail.value)}
            />
            {matches.map((m) => (
              <View key={m._id} className="hotline-match" onClick={() => setChosen(m)}>
                <Text>{m.name}</Text>
                <Text className="muted">
                  {m.district}
                  {m.isKey ? ' · 重点企业' : ''}
                </Text>
              </View>
            ))}
          </View>
        )}
      </View>
      {chosen ? (
        <TicketForm
          enterpriseId={chosen._id}
          onSubmitted={async (ticket) => {
            await Taro.showToast({ title: `已录入 ${ticket.no}`, icon: 'success', duration: 1500 })
            await Taro.redirectTo({ url: `/pages/ticket/index?id=${encodeURIComponent(ticket._id)}` })
          }}
        />
      ) : null}
    </View>
  )
}
