/**
 * 邀请码 and 绑定审批: an invite names a role and the record it is for (found by searching the directory),
 * checked with the function's schema; the code comes back once and is shown with a copy button. Taking a
 * role away asks for a reason.
 */
import Taro from '@tarojs/taro'
import { act, fireEvent, render, screen, waitFor } from '@testing-library/react'
import { BindingDecision } from '../../src/packages/admin/components/BindingDecision'
import { InviteIssuer } from '../../src/packages/admin/components/InviteIssuer'
import { callCloud } from '../../src/services/cloud'

jest.mock('../../src/services/cloud', () => ({ callCloud: jest.fn() }))
// The Taro build rewrites Taro.setClipboardData() & co. into named imports of @tarojs/taro-h5; jest has no
// such transform and the default export lacks them: give it the ones these pages call.
const setClipboardData = jest.fn(() => Promise.resolve())
Object.assign(Taro, { setClipboardData, showToast: jest.fn(() => Promise.resolve()) })
const callCloudMock = callCloud as jest.MockedFunction<typeof callCloud>

beforeEach(() => {
  callCloudMock.mockReset()
  setClipboardData.mockClear()
})

async function tap(el: Element | null | undefined) {
  if (!el) throw new Error('nothing to tap')
  await act(async () => {
    fireEvent.click(el)
  })
}
const chipLabelled = (container: HTMLElement, label: string) =>
  Array.from(container.querySelectorAll('.chip')).find((c) => c.textContent === label)

describe('issuing an invite', () => {
  it('asks for a role first and sends nothing', async () => {
    const { container } = render(<InviteIssuer isAdmin />)
    await tap(container.querySelector('#issue-invite'))
    expect(screen.getByText('请选择要绑定的身份')).toBeTruthy()
    expect(callCloudMock).not.toHaveBeenCalled()
  })

  it("asks for the enterprise an enterprise contact's code is for", async () => {
    const { container } = render(<InviteIssuer isAdmin />)
    await tap(chipLabelled(container, '企业联系人'))
    await tap(container.querySelector('#issue-invite'))
    expect(screen.getByText('请填写企业')).toBeTruthy()
    expect(callCloudMock).not.toHaveBeenCalled()
  })

  it('offers office roles to the admin only', () => {
    const asDispatcher = render(<InviteIssuer isAdmin={false} />)
    expect(chipLabelled(asDispatcher.container, '系统管理员')).toBeUndefined()
    expect(chipLabelled(asDispatcher.container, '承办单位经办人')).toBeDefined()
    asDispatcher.unmount()
    const asAdmin = render(<InviteIssuer isAdmin />)
    expect(chipLabelled(asAdmin.container, '系统管理员')).toBeDefined()
  })

  it('finds the enterprise, issues the code and shows it once with a copy button', async () => {
    callCloudMock.mockImplementation(async (action) => {
      if (action === 'directory.search') {
        return {
          ok: true,
          data: {
            items: [
              {
                kind: 'enterprise',
                arrangement: null,
                record: {
                  _id: 'ent-1',
                  name: '桂林燕京漓泉啤酒有限公司',
                  creditCode: '914503007088350000',
                  district: '七星区',
                  industry: '食品饮料',
                  isKey: true,
                  active: true,
                  contacts: [],
                },
              },
            ],
            hasMore: false,
          },
        } as never
      }
      if (action === 'invite.issue') {
        return {
          ok: true,
          data: {
            inviteId: 'inv-1',
            code: 'K7QF-M2XP-9HTA',
            expiresAt: '2026-12-04T02:00:00.000Z',
            targetName: '桂林燕京漓泉啤酒有限公司',
            grant: { role: 'enterprise', enterpriseId: 'ent-1' },
            requiresApproval: false,
          },
        } as never
      }
      throw new Error(`unexpected ${action}`)
    })
    const { container } = render(<InviteIssuer isAdmin />)
    await tap(chipLabelled(container, '企业联系人'))
    await waitFor(() => expect(container.querySelector('#invite-target-search input')).not.toBeNull())
    await act(async () => {
      fireEvent.input(container.querySelector('#invite-target-search input') as Element, { target: { value: '漓泉' } })
    })
    await tap(container.querySelector('.ref-search-button'))
    expect(callCloudMock).toHaveBeenCalledWith('directory.search', { kind: 'enterprise', keyword: '漓泉', page: 0 })
    await tap(container.querySelector('.ref-option[data-ref-id="ent-1"]'))
    expect(container.querySelector('.ref-chip[data-ref-id="ent-1"]')?.textContent).toContain('桂林燕京漓泉啤酒有限公司')

    await tap(container.querySelector('#issue-invite'))
    expect(callCloudMock).toHaveBeenLastCalledWith('invite.issue', {
      grant: { role: 'enterprise', enterpriseId: 'ent-1' },
      validDays: 7,
    })
    expect(container.querySelector('.invite-code')?.textContent).toBe('K7QF-M2XP-9HTA')
    expect(container.textContent).toContain('有效期至 2026-12-04 10:00')
    expect(container.textContent).toContain('对方绑定后立即生效')

    await tap(container.querySelector('#copy-invite-code'))
    expect(setClipboardData).toHaveBeenCalledWith({ data: 'K7QF-M2XP-9HTA' })
    await tap(container.querySelector('#dismiss-invite'))
    expect(container.querySelector('.invite-code')).toBeNull()
  })

  it("refuses a validity beyond 30 days with the schema's message", async () => {
    const { container } = render(<InviteIssuer isAdmin />)
    await tap(chipLabelled(container, '市重点办'))
    await waitFor(() => expect(container.querySelector('#invite-days input')).not.toBeNull())
    await act(async () => {
      fireEvent.input(container.querySelector('#invite-days input') as Element, { target: { value: '45' } })
    })
    await tap(container.querySelector('#issue-invite'))
    expect(screen.getByText('有效期应为1至30天')).toBeTruthy()
    expect(callCloudMock).not.toHaveBeenCalled()
  })
})

describe('deciding on a binding', () => {
  it('asks for a reason before taking a role away', async () => {
    const { container } = render(
      <BindingDecision bindingId="b1" decision="revoke" pending={false} onDone={jest.fn()} onCancel={jest.fn()} />,
    )
    await tap(container.querySelector('.confirm-decision'))
    expect(container.querySelector('.decision-error')?.textContent).toBe('请填写解除理由')
    expect(callCloudMock).not.toHaveBeenCalled()
  })

  it("approves without a reason and shows the server's refusal as it comes", async () => {
    callCloudMock.mockResolvedValueOnce({
      ok: false,
      error: { code: 'FORBIDDEN', message: '市重点办和系统管理员身份只能由系统管理员发放、审核或解除' },
    })
    const onDone = jest.fn()
    const { container } = render(
      <BindingDecision bindingId="b2" decision="approve" pending onDone={onDone} onCancel={jest.fn()} />,
    )
    await tap(container.querySelector('.confirm-decision'))
    expect(callCloudMock).toHaveBeenCalledWith('binding.approve', { bindingId: 'b2' })
    expect(container.querySelector('.decision-error')?.textContent).toBe(
      '市重点办和系统管理员身份只能由系统管理员发放、审核或解除',
    )
    expect(onDone).not.toHaveBeenCalled()
  })
})
