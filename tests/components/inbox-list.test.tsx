/**
 * A unit's inbox rows (issue 11): 主办 or 协办, the due the unit works against (red once passed), and the
 * extension waiting for the head.
 */
import { render } from '@testing-library/react'
import type { InboxRow, Wire } from '../../types/actions'
import { InboxList } from '../../src/packages/handler/components/InboxList'

const NOW = Date.parse('2026-11-27T02:00:00.000Z')

function row(overrides: Partial<Wire<InboxRow>>): Wire<InboxRow> {
  return {
    _id: 'T1',
    no: 'HQ20261126-0001',
    title: '新厂区急需招聘技术工人',
    category: 'labor',
    state: 'dispatched',
    track: 'timed',
    urgency: 'normal',
    enterpriseName: '燕京漓泉',
    channel: 'app',
    acceptDueAt: null,
    replyDueAt: '2026-12-03T15:59:59.999Z',
    signDueAt: '2026-11-27T15:59:59.999Z',
    createdAt: '2026-11-26T01:00:00.000Z',
    unitRole: 'lead',
    pendingExtension: null,
    ...overrides,
  }
}

it('says 主办 or 协办 and shows the sign due while dispatched, the reply due after', () => {
  const { container } = render(
    <InboxList
      now={NOW}
      items={[
        row({}),
        row({ _id: 'T2', state: 'signed', unitRole: 'co', replyDueAt: '2026-11-20T15:59:59.999Z' }),
        row({
          _id: 'T3',
          state: 'signed',
          pendingExtension: { days: 3, reason: '需等待省厅批复', requestedAt: '2026-11-26T02:00:00.000Z' },
        }),
      ]}
    />,
  )
  const [first, second, third] = Array.from(container.querySelectorAll('.inbox-row'))
  expect(first.querySelector('.inbox-role')?.textContent).toBe('主办')
  expect(first.querySelector('.inbox-due')?.textContent).toBe('签收时限：2026-11-27 23:59')
  expect(first.querySelector('.inbox-due-late')).toBeNull()
  expect(second.querySelector('.inbox-role')?.textContent).toBe('协办')
  expect(second.querySelector('.inbox-due-late')?.textContent).toBe('答复时限：2026-11-20 23:59（已超期）')
  expect(third.querySelector('.inbox-extension')?.textContent).toBe('申请延期 3 个工作日：需等待省厅批复')
})
