/**
 * Words people read (issue 11): every message sits next to its field in plain Chinese, and what the screens
 * render from the server's views carries no unit code, rule id, field key, OPENID or English enum value.
 */
import { BUILT_IN_CALENDAR } from '../../cloudfunctions/core/clock'
import { act, fireEvent, render } from '@testing-library/react'
import { TicketActions } from '../../src/components/TicketActions'
import { StaffTicketActions } from '../../src/staff/StaffTicketActions'
import { Timeline } from '../../src/components/Timeline'
import { namedTimeline, presentTicket } from '../../cloudfunctions/api/actions/present'
import { ACTORS, TIMES, fire, rules, ticketIn } from '../core/factories'
import {
  CATEGORIES,
  CHANNELS,
  OUTCOMES,
  RATINGS,
  TICKET_FLAGS,
  TICKET_STATES,
  TRACKS,
  type Ticket,
} from '../../types/domain'
import type { ActionResult } from '../../types/actions'

const fetchSpy = jest.fn()
beforeEach(() => {
  fetchSpy.mockReset()
  ;(globalThis as { fetch?: unknown }).fetch = fetchSpy
})

/** Unit codes of the demo directory and default rules, rule ids, English enum values, OPENID-like ids. */
const UNIT_CODES = ['hrss', 'education', 'approval-bureau', 'county-lingchuan', 'industry-it', 'finance-office', 'tf-']
const ENGLISH_VALUES = [
  ...CATEGORIES,
  ...CHANNELS,
  ...OUTCOMES,
  ...RATINGS,
  ...TICKET_FLAGS,
  ...TICKET_STATES,
  ...TRACKS,
]
function codesIn(text: string): string[] {
  const found = [
    ...UNIT_CODES.filter((code) => new RegExp(`(^|[^a-z-])${code}`).test(text)),
    ...(text.match(/R-[A-Z]+(-[A-Z]+)*/g) ?? []),
    ...ENGLISH_VALUES.filter((value) => new RegExp(`\\b${value}\\b`).test(text)),
    ...(text.match(/\b[a-z]+:/g) ?? []), // "outcome: …", a field key before a message
    ...(text.match(/\bo[A-Za-z0-9_-]{20,}\b|demo-[a-z-]+|u-[a-z]+/g) ?? []),
  ]
  return [...new Set(found)]
}

type Detail = ActionResult<'ticket.get'>
/** A ticket as the app receives it (dates as ISO strings, as the wire carries them). */
function detailOf(ticket: Ticket, role: keyof typeof ACTORS, names: Record<string, string>): Detail {
  const view = presentTicket(ticket, ACTORS[role], rules, BUILT_IN_CALENDAR, TIMES.closed)
  return JSON.parse(JSON.stringify({ ...view, timeline: namedTimeline(view.timeline, names), unitNames: names }))
}
const NAMES = { hrss: '市人力资源和社会保障局', education: '市教育局' }

describe('messages next to their fields', () => {
  it('an empty 答复 marks 办理结果 and 答复内容 where they are, in plain words, and sends nothing', async () => {
    const signed = detailOf(ticketIn('signed'), 'handler', NAMES)
    const { container } = render(<StaffTicketActions ticket={signed} onChanged={() => undefined} />)
    await act(async () => {
      fireEvent.click(container.querySelector('[data-event="reply"]')!)
    })
    await act(async () => {
      fireEvent.click(container.querySelector('.action-submit')!)
    })
    expect(container.querySelector('[data-field="outcome"] .form-field-error')?.textContent).toBe('请选择办理结果')
    expect(container.querySelector('[data-field="text"] .form-field-error')?.textContent).toBe('请填写答复内容')
    expect(container.querySelector('.action-error')).toBeNull()
    expect(codesIn(container.textContent ?? '')).toEqual([])
    expect(fetchSpy).not.toHaveBeenCalled()
  })

  it('督办 without a note says so under the note', async () => {
    const signed = detailOf(ticketIn('signed'), 'dispatcher', NAMES)
    const { container } = render(<StaffTicketActions ticket={signed} onChanged={() => undefined} />)
    await act(async () => {
      fireEvent.click(container.querySelector('[data-event="supervise"]')!)
    })
    await act(async () => {
      fireEvent.click(container.querySelector('.action-submit')!)
    })
    expect(container.querySelector('[data-field="note"] .form-field-error')?.textContent).toBe('请填写督办意见')
    expect(fetchSpy).not.toHaveBeenCalled()
  })

  it('choosing 不满意 offers 重办 in the same step', async () => {
    const replied = detailOf(ticketIn('replied'), 'enterprise', NAMES)
    const { container, getByText } = render(<TicketActions ticket={replied} onChanged={() => undefined} />)
    await act(async () => {
      fireEvent.click(container.querySelector('[data-event="rate"]')!)
    })
    expect(container.querySelector('[data-field="reopenReason"]')).toBeNull()
    await act(async () => {
      fireEvent.click(getByText('不满意'))
    })
    expect(container.querySelector('[data-field="reopenReason"]')).not.toBeNull()
  })
})

describe('what the screens render from the server carries no codes', () => {
  it('a timeline through dispatch, 改派 and 升级 names the units, never their codes', () => {
    const signed = ticketIn('signed')
    const reassigned = fire(signed, 'reassign', TIMES.replied)
    const escalated = fire(reassigned, 'escalate', TIMES.closed)
    for (const role of ['enterprise', 'handler', 'leader'] as const) {
      const detail = detailOf(escalated, role, NAMES)
      const { container, unmount } = render(<Timeline entries={detail.timeline} />)
      const text = container.textContent ?? ''
      expect(text).toContain('牵头单位 市人力资源和社会保障局')
      expect(text).toContain('改派至 市教育局')
      expect(codesIn(text)).toEqual([])
      // the grade's reasons a non-office reader gets: plain words, the person's 升级 first
      expect(codesIn(detail.gradeReasons.join('\n'))).toEqual([])
      expect(detail.gradeReasons[0]).toContain('升级为专题协调')
      expect(detail.gradeRules).toBeUndefined()
      unmount()
    }
    expect(detailOf(escalated, 'dispatcher', NAMES).gradeRules?.join()).toMatch(/R-CAT-LABOR/)
  })
})
