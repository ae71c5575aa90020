/**
 * The small components every ticket screen uses, rendered with Taro's real H5 components.
 */
import { render, screen } from '@testing-library/react'
import { StatusTag } from '../../src/components/StatusTag'
import { FormField } from '../../src/components/FormField'
import { Timeline } from '../../src/components/Timeline'
import { TicketList } from '../../src/components/TicketList'
import { STATE_LABELS, TICKET_STATES } from '../../types/domain'

describe('StatusTag', () => {
  it.each(TICKET_STATES.map((s) => [s, STATE_LABELS[s]]))('shows %s as 「%s」', (state, label) => {
    const { container } = render(<StatusTag state={state} />)
    expect(container.textContent).toBe(label)
    expect(container.firstElementChild?.className).toContain(`status-${state}`)
  })
})

describe('FormField', () => {
  it('shows the hint while the field is fine', () => {
    render(
      <FormField label="诉求标题" required hint="50字以内">
        <span>input</span>
      </FormField>,
    )
    expect(screen.getByText('50字以内')).toBeTruthy()
    expect(screen.getByText('*')).toBeTruthy()
  })
  it('replaces the hint with the error when there is one', () => {
    const { container } = render(
      <FormField label="诉求标题" hint="50字以内" error="请填写诉求标题">
        <span>input</span>
      </FormField>,
    )
    expect(screen.getByText('请填写诉求标题')).toBeTruthy()
    expect(screen.queryByText('50字以内')).toBeNull()
    expect(container.querySelector('.form-field-invalid')).not.toBeNull()
  })
})

describe('Timeline', () => {
  const entries = [
    {
      at: '2026-11-26T01:00:00.000Z',
      event: 'submit',
      actorId: 'u1',
      actorName: '王经理',
      role: 'enterprise' as const,
      from: null,
      to: 'submitted' as const,
    },
    {
      at: '2026-11-26T03:30:00.000Z',
      event: 'accept',
      actorId: 'u2',
      actorName: '李科长',
      role: 'dispatcher' as const,
      from: 'submitted' as const,
      to: 'accepted' as const,
      reason: '符合受理范围',
    },
  ]
  it('lists the newest step first, in Beijing time, with who did it and why', () => {
    const { container } = render(<Timeline entries={entries} />)
    const items = container.querySelectorAll('.timeline-item')
    expect(items).toHaveLength(2)
    expect(items[0].textContent).toContain('已受理')
    expect(items[0].textContent).toContain('2026-11-26 11:30') // 03:30Z is 11:30 in Beijing
    expect(items[0].textContent).toContain('市重点办 李科长')
    expect(items[0].textContent).toContain('符合受理范围')
    expect(items[1].textContent).toContain('待受理')
    expect(items[1].textContent).toContain('企业联系人 王经理')
  })
})

describe('TicketList', () => {
  it('shows each ticket with its number, status and category', () => {
    render(
      <TicketList
        items={[
          {
            _id: 'T1',
            no: 'HQ20261126-0001',
            title: '新厂区急需招聘技术工人',
            category: 'labor',
            state: 'submitted',
            track: 'timed',
            urgency: 'normal',
            enterpriseName: '燕京漓泉',
            channel: 'app',
            acceptDueAt: '2026-11-27T15:59:59.999Z',
            replyDueAt: null,
            createdAt: '2026-11-26T01:00:00.000Z',
          },
        ]}
        showEnterprise
      />,
    )
    expect(screen.getByText('HQ20261126-0001')).toBeTruthy()
    expect(screen.getByText('待受理')).toBeTruthy()
    expect(screen.getByText('新厂区急需招聘技术工人')).toBeTruthy()
    expect(screen.getByText(/燕京漓泉 · 用工招工 · 2026-11-26 09:00/)).toBeTruthy()
  })
})
