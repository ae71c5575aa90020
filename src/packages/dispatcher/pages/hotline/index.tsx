import { Input, Text, View } from '@tarojs/components'
import Taro from '@tarojs/taro'
import { useEffect, useState } from 'react'
import type { EnterpriseOption } from '../../../../../types/actions'
// TicketForm before FormField: the same CSS order as the other pages that use both (mini-css-extract order)
import { TicketForm } from '../../../../components/TicketForm'
import { FormField } from '../../../../components/FormField'

/** A mobile number or a landline with or without its area code (0773-1234567). */
const PHONE = /^(1\d{10}|(0\d{2,3}-?)?\d{7,8})$/
import { callCloud } from '../../../../services/cloud'
import './index.css'
import { deskTicketUrl } from '../../../../services/ticketLinks'

/** 966011 hotline: the office finds the caller's enterprise and enters the 诉求 for it (channel hotline). */
export default function HotlineEntry() {
  const [keyword, setKeyword] = useState('')
  const [matches, setMatches] = useState<EnterpriseOption[]>([])
  const [chosen, setChosen] = useState<EnterpriseOption | null>(null)
  const [searched, setSearched] = useState(false)
  const [callerName, setCallerName] = useState('')
  const [callerPhone, setCallerPhone] = useState('')
  const [callerErrors, setCallerErrors] = useState<Record<string, string>>({})

  /** The caller is who the office calls back: a name and a phone it can dial. */
  function checkCaller(): Record<string, string> {
    const found: Record<string, string> = {}
    if (callerName.trim() === '') found.callerName = '请填写来电人姓名'
    if (!PHONE.test(callerPhone.trim())) found.callerPhone = '请填写来电人的手机号或固定电话（如 0773-1234567）'
    setCallerErrors(found)
    return found
  }

  useEffect(() => {
    let current = true
    void callCloud('directory.enterprises', { keyword }).then((res) => {
      if (!current) return
      setMatches(res.ok ? res.data : [])
      setSearched(true)
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
            {searched && keyword.trim() !== '' && matches.length === 0 ? (
              <View className="hotline-none" data-state="not-found">
                <Text className="error-text">名录中没有找到「{keyword.trim()}」</Text>
                <Text className="muted">
                  请核对企业全称或换一个关键字；名录中确实没有的企业，请记下来电人和电话，由系统管理员录入名录后再补录诉求。
                </Text>
              </View>
            ) : null}
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
        <View className="card">
          <Text className="card-title">来电人</Text>
          <FormField field="callerName" label="来电人姓名" required error={callerErrors.callerName}>
            <Input
              className="field-input"
              value={callerName}
              placeholder="请填写来电人姓名"
              onInput={(e) => setCallerName(e.detail.value)}
            />
          </FormField>
          <FormField field="callerPhone" label="联系电话" required error={callerErrors.callerPhone}>
            <Input
              className="field-input"
              value={callerPhone}
              placeholder="手机号或固定电话"
              onInput={(e) => setCallerPhone(e.detail.value)}
            />
          </FormField>
        </View>
      ) : null}
      {chosen ? (
        <TicketForm
          enterpriseId={chosen._id}
          footnote="录入后进入待受理，请在1个工作日内受理；受理结果会通知该企业的联系人，必要时请回电来电人。"
          checkExtra={checkCaller}
          descriptionPrefix={`来电人：${callerName.trim()}，电话：${callerPhone.trim()}\n`}
          onSubmitted={async (ticket) => {
            await Taro.showToast({ title: `已录入 ${ticket.no}`, icon: 'success', duration: 1500 })
            await Taro.redirectTo({ url: deskTicketUrl(ticket._id) })
          }}
        />
      ) : null}
    </View>
  )
}
