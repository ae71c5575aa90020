/**
 * The ticket page is split (issue 10, budget): the main package's page carries the enterprise's actions only,
 * and sends anyone offered another action on to the staff ticket page (packages/desk), which has every form.
 * No action the server offers may be lost on the way.
 */
import { act, render } from '@testing-library/react'
import TicketDetailPage from '../../src/pages/ticket/index'
import DeskTicketPage from '../../src/packages/desk/pages/ticket/index'
import { TicketActions } from '../../src/components/TicketActions'
import { StaffTicketActions } from '../../src/staff/StaffTicketActions'
import { SYSTEM_EVENTS, needsStaffForms } from '../../src/services/eventForms'
import { callCloud } from '../../src/services/cloud'
import { setActiveRole } from '../../src/services/session'
import { presentTicket } from '../../cloudfunctions/api/actions/present'
import { BUILT_IN_CALENDAR } from '../../cloudfunctions/core/clock'
import { ACTORS, TIMES, rules, ticketIn } from '../core/factories'
import { ROLES, TICKET_STATES, type Role } from '../../types/domain'
import type { ActionResult } from '../../types/actions'

jest.mock('../../src/services/cloud', () => ({ callCloud: jest.fn() }))
// the real H5 Taro, but for the router (this page's id), the page showing once, and redirectTo (recorded);
// read lazily: Taro's H5 modules import each other in a cycle
const mockRedirectTo = jest.fn(async () => undefined)
jest.mock('@tarojs/taro', () => {
  const react = jest.requireActual('react')
  const actual = () => jest.requireActual('@tarojs/taro')
  const overrides: Record<PropertyKey, unknown> = {
    __esModule: true,
    useRouter: () => ({ params: { id: 'T%201' } }),
    useDidShow: (fn: () => void) => react.useEffect(() => fn(), []),
    default: new Proxy(
      {},
      { get: (_, key) => (key === 'redirectTo' ? mockRedirectTo : (actual().default[key] ?? actual()[key])) },
    ),
  }
  return new Proxy({}, { get: (_, key) => (key in overrides ? overrides[key] : actual()[key]) })
})
const callCloudMock = callCloud as jest.MockedFunction<typeof callCloud>
const redirectTo = mockRedirectTo

type Detail = ActionResult<'ticket.get'>
const detailOf = (state: (typeof TICKET_STATES)[number], role: Role): Detail =>
  JSON.parse(JSON.stringify(presentTicket(ticketIn(state), ACTORS[role], rules, BUILT_IN_CALENDAR, TIMES.closed)))

const userEvents = (d: Detail) => d.offeredEvents.filter((e) => !SYSTEM_EVENTS.includes(e))
const buttonsOf = (container: HTMLElement) =>
  Array.from(container.querySelectorAll('[data-event]')).map((b) => b.getAttribute('data-event'))

beforeEach(() => {
  callCloudMock.mockReset()
  redirectTo.mockClear()
  setActiveRole(undefined)
})

describe('no offered action is lost', () => {
  it.each(TICKET_STATES)('an enterprise in %s finds every action it is offered on the main package page', (state) => {
    const detail = detailOf(state, 'enterprise')
    expect(needsStaffForms(detail.offeredEvents)).toBe(false)
    const { container } = render(<TicketActions ticket={detail} onChanged={() => undefined} />)
    expect(buttonsOf(container)).toEqual(userEvents(detail))
  })

  const staffCases = TICKET_STATES.flatMap((state) =>
    ROLES.filter((r) => r !== 'enterprise').map((role) => [state, role] as const),
  )
  it.each(staffCases)('on a %s ticket, a %s finds every action it is offered on the staff page', (state, role) => {
    const detail = detailOf(state, role)
    const { container } = render(<StaffTicketActions ticket={detail} onChanged={() => undefined} />)
    expect(buttonsOf(container)).toEqual(userEvents(detail))
    // anything beyond the enterprise's own actions sends the caller to the staff page
    const onlyEnterpriseEvents = userEvents(detail).every((e) =>
      ['supplement', 'rate', 'reopen', 'withdraw'].includes(e),
    )
    expect(needsStaffForms(detail.offeredEvents)).toBe(!onlyEnterpriseEvents)
  })
})

describe('pages/ticket/index, the address every link carries', () => {
  it('shows the enterprise its ticket and its actions, and sends it nowhere', async () => {
    callCloudMock.mockResolvedValue({ ok: true, data: detailOf('replied', 'enterprise') })
    const { container } = render(<TicketDetailPage />)
    await act(async () => undefined)
    expect(callCloudMock).toHaveBeenCalledWith('ticket.get', { ticketId: 'T 1' })
    expect(container.querySelector('.ticket-detail')).not.toBeNull()
    expect(buttonsOf(container)).toEqual(['rate'])
    expect(redirectTo).not.toHaveBeenCalled()
  })

  it('sends a unit offered 签收 to the staff page, without drawing the ticket first', async () => {
    callCloudMock.mockResolvedValue({ ok: true, data: detailOf('dispatched', 'handler') })
    const { container } = render(<TicketDetailPage />)
    await act(async () => undefined)
    expect(redirectTo).toHaveBeenCalledWith({ url: '/packages/desk/pages/ticket/index?id=T%201' })
    expect(container.querySelector('.ticket-detail')).toBeNull()
  })

  it('sends someone acting as staff to the staff page before asking for the ticket', async () => {
    setActiveRole('leader')
    const { container } = render(<TicketDetailPage />)
    await act(async () => undefined)
    expect(redirectTo).toHaveBeenCalledWith({ url: '/packages/desk/pages/ticket/index?id=T%201' })
    expect(callCloudMock).not.toHaveBeenCalled()
    expect(container.querySelector('.ticket-detail')).toBeNull()
  })

  it('the staff page shows the same ticket with the staff actions', async () => {
    callCloudMock.mockResolvedValue({ ok: true, data: detailOf('dispatched', 'handler') })
    const { container } = render(<DeskTicketPage />)
    await act(async () => undefined)
    expect(callCloudMock).toHaveBeenCalledWith('ticket.get', { ticketId: 'T 1' })
    expect(container.querySelector('.ticket-detail')).not.toBeNull()
    expect(buttonsOf(container)).toEqual(userEvents(detailOf('dispatched', 'handler')))
    expect(buttonsOf(container)).toContain('sign')
  })
})
