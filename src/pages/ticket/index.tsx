import Taro, { useDidShow, useRouter } from '@tarojs/taro'
import { useState } from 'react'
import type { ActionResult } from '../../../types/actions'
import type { ApiError } from '../../../types/api'
import { TicketActions } from '../../components/TicketActions'
import { TicketScreen } from '../../components/TicketDetail'
import { callCloud } from '../../services/cloud'
import { needsStaffForms } from '../../services/eventForms'
import { getActiveRole } from '../../services/session'
import { deskTicketUrl } from '../../services/ticketLinks'

type Detail = ActionResult<'ticket.get'>

/**
 * The ticket as the enterprise sees it, with its own actions (补充材料, 评价 and 重办, 撤回). Every link to a
 * ticket points here; a caller acting as staff, or offered an action the enterprise has no form for, is sent
 * on to the staff ticket page (packages/desk), so the main package never carries staff forms.
 */
export default function TicketDetailPage() {
  const { params } = useRouter()
  const ticketId = params.id ? decodeURIComponent(params.id) : ''

  const [ticket, setTicket] = useState<Detail | null>(null)
  const [error, setError] = useState<ApiError | null>(null)

  const toDesk = () => void Taro.redirectTo({ url: deskTicketUrl(ticketId) })
  const load = async () => {
    const role = getActiveRole()
    if (role && role !== 'enterprise') return toDesk()
    const res = await callCloud('ticket.get', { ticketId })
    if (!res.ok) setError(res.error)
    else if (needsStaffForms(res.data.offeredEvents)) toDesk()
    else setTicket(res.data)
  }
  useDidShow(() => {
    void load()
  })

  return (
    <TicketScreen
      ticket={ticket}
      error={error}
      // after an action, read the ticket again: the answer of an action carries no unit names
      actionsFor={(shown) => <TicketActions ticket={shown} onChanged={() => void load()} />}
    />
  )
}
