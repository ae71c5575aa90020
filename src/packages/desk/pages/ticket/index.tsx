import { useDidShow, useRouter } from '@tarojs/taro'
import { useState } from 'react'
import type { ActionResult } from '../../../../../types/actions'
import type { ApiError } from '../../../../../types/api'
import { TicketScreen } from '../../../../components/TicketDetail'
import { callCloud } from '../../../../services/cloud'
import { StaffTicketActions } from '../../../../staff/StaffTicketActions'

type Detail = ActionResult<'ticket.get'>

/**
 * The staff ticket page: the same detail view as pages/ticket/index (main package) with every action the caller
 * may take. Staff lists open it directly; a link to pages/ticket/index sends staff here.
 */
export default function DeskTicketPage() {
  const { params } = useRouter()

  const [ticket, setTicket] = useState<Detail | null>(null)
  const [error, setError] = useState<ApiError | null>(null)

  const load = async () => {
    const ticketId = params.id ? decodeURIComponent(params.id) : ''
    const res = await callCloud('ticket.get', { ticketId })
    if (res.ok) setTicket(res.data)
    else setError(res.error)
  }
  useDidShow(() => {
    void load()
  })

  return (
    <TicketScreen
      ticket={ticket}
      error={error}
      // after an action, read the ticket again: the answer of an action carries no unit names
      actionsFor={(shown) => <StaffTicketActions ticket={shown} onChanged={() => void load()} />}
    />
  )
}
