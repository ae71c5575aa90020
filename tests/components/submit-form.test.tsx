/**
 * The 提交诉求 form checks what it can before anything is sent, with the same Chinese messages as the
 * function (both use types/schemas.ts).
 */
import { act, fireEvent, render, screen } from '@testing-library/react'
import SubmitTicket from '../../src/packages/enterprise/pages/submit/index'

const fetchSpy = jest.fn()

beforeEach(() => {
  fetchSpy.mockReset()
  ;(globalThis as { fetch?: unknown }).fetch = fetchSpy
})

function submitButton(container: HTMLElement): Element {
  const button = container.querySelector('#submit-button')
  if (!button) throw new Error('submit button not rendered')
  return button
}

it('marks every missing field on an empty submit and sends nothing', async () => {
  const { container } = render(<SubmitTicket />)
  await act(async () => {
    fireEvent.click(submitButton(container))
  })
  expect(screen.getByText('请选择有效的诉求类别')).toBeTruthy()
  expect(screen.getByText('请填写诉求标题')).toBeTruthy()
  expect(screen.getByText('请填写问题描述')).toBeTruthy()
  expect(fetchSpy).not.toHaveBeenCalled()
})

it('starts with no category chosen and offers both urgencies', () => {
  const { container } = render(<SubmitTicket />)
  expect(container.textContent).toContain('请选择诉求类别')
  expect(screen.getByText('一般')).toBeTruthy()
  expect(screen.getByText('紧急')).toBeTruthy()
})
