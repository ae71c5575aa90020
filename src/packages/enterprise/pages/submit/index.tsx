import { View } from '@tarojs/components'
import Taro from '@tarojs/taro'
import { TicketForm } from '../../../../components/TicketForm'

/** 提交诉求: the enterprise contact's own report; afterwards 我的诉求 shows it as 待受理. */
export default function SubmitTicket() {
  return (
    <View className="page submit">
      <TicketForm
        onSubmitted={async (ticket) => {
          await Taro.showToast({ title: `已提交 ${ticket.no}`, icon: 'success', duration: 1500 })
          await Taro.switchTab({ url: '/pages/tickets/index' })
        }}
      />
    </View>
  )
}
