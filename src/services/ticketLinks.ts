/**
 * Where a ticket opens. `pages/ticket/index?id=…` (main package) is the address every link carries
 * (subscribe messages, 消息, lists); it shows the enterprise's view and sends a caller with staff actions on
 * to the staff ticket page in the `desk` subpackage, which staff lists open directly.
 */
export const TICKET_PAGE = '/pages/ticket/index'
export const DESK_TICKET_PAGE = '/packages/desk/pages/ticket/index'

export const ticketUrl = (id: string) => `${TICKET_PAGE}?id=${encodeURIComponent(id)}`
export const deskTicketUrl = (id: string) => `${DESK_TICKET_PAGE}?id=${encodeURIComponent(id)}`

/** 提交诉求 (the enterprise's form, in the `enterprise` subpackage: its schema checks need zod, ~30 KiB). */
export const SUBMIT_PAGE = '/packages/enterprise/pages/submit/index'
