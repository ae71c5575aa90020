/**
 * The admin enters 2027's statutory holidays (issue 11): a ticket whose reply due was counted Monday–Friday
 * onto 2027-01-01 (元旦) shows the office a warning; the admin enters 元旦 1–3 January, sees the error next to
 * a wrong 调休 row, previews the ticket whose due moves, saves, and the due moves to Monday 4 January. The
 * 2027 days are an example (the State Council's 2027 notice was not available here), at 390×844 and 1366×768.
 */
import path from 'node:path'
import type { Page } from 'playwright-core'
import { BUILT_IN_CALENDAR } from '../../cloudfunctions/core/clock'
import { openTicket } from '../../cloudfunctions/core/intake'
import { transition } from '../../cloudfunctions/core/lifecycle'
import type { TicketEventInput } from '../../cloudfunctions/core/events'
import { defaultRulesDocument } from '../../cloudfunctions/core/rules'
import { COLLECTIONS } from '../../cloudfunctions/shared/collections'
import type { Enterprise, Ticket } from '../../types/domain'
import { PEOPLE, SCREENSHOT_DIR, actAs, startApp, type E2EApp } from './browser'

let app: E2EApp
beforeAll(async () => {
  app = await startApp()
})
afterAll(async () => {
  await app?.close()
})

const sh = (wall: string) => new Date(`${wall}+08:00`)
const TICKET_ID = 'TE2ECALENDAR000000000001'
const TICKET_NO = 'HQ20261224-9901'

/** Dispatched Friday 25 December 2026 on the built-in calendar: its 5-working-day reply due is 元旦. */
function seedFlaggedTicket(): Ticket {
  const enterprise = app.cloud.store.find(COLLECTIONS.enterprises, { active: true })[0] as Enterprise
  const rules = defaultRulesDocument()
  let ticket = openTicket(
    {
      ticketId: TICKET_ID,
      no: TICKET_NO,
      enterprise,
      channel: 'app',
      category: 'labor',
      title: '年底前需招聘焊工',
      description: '二期产线投产，缺焊工约30名，请协调招聘',
      urgency: 'normal',
      flags: [],
      submitter: { openid: 'demo-e2e-contact', name: '企业联系人', role: 'enterprise' },
      requestId: 'req-e2e-calendar-0001',
    },
    rules,
    BUILT_IN_CALENDAR,
    sh('2026-12-24T09:00'),
  )
  const office = { id: 'demo-dispatcher', name: '唐晓敏', role: 'dispatcher' as const }
  const steps: Array<[TicketEventInput, Date]> = [
    [{ type: 'accept' }, sh('2026-12-24T10:00')],
    [{ type: 'dispatch', units: [] }, sh('2026-12-25T10:00')],
  ]
  for (const [event, at] of steps) {
    const result = transition(ticket, event, office, rules, BUILT_IN_CALENDAR, at)
    if (!result.ok) throw new Error(result.message)
    ticket = result.ticket
  }
  app.cloud.store.insertMany(COLLECTIONS.tickets, [ticket])
  return ticket
}

const storedDue = () =>
  (app.cloud.store.find(COLLECTIONS.tickets, { _id: TICKET_ID })[0] as Ticket).replyDueAt?.toISOString()

async function measure(page: Page) {
  return page.evaluate(() => {
    const texts = Array.from(document.querySelectorAll('.calendar-page .taro-text, .calendar-page input'))
      .filter((el) => el.getBoundingClientRect().height > 0)
      .map((el) => parseFloat(getComputedStyle(el).fontSize))
    const taps = Array.from(
      document.querySelectorAll('.calendar-page button, .calendar-page .chip, .calendar-page .field-input'),
    )
      .filter((el) => el.getBoundingClientRect().height > 0)
      .map((el) => el.getBoundingClientRect().height)
    return { minFont: Math.min(...texts), minTap: Math.min(...taps), width: document.documentElement.scrollWidth }
  })
}

it('lets the admin enter 2027, preview the moved due and save it', async () => {
  const { page } = app
  const ticket = seedFlaggedTicket()
  expect(ticket.calendarMissing).toBe(true)
  expect(ticket.replyDueAt?.toISOString()).toBe(sh('2027-01-01T23:59:59.999').toISOString())

  await page.setViewportSize({ width: 390, height: 844 })
  await actAs(app, PEOPLE.admin)

  // the office sees the due is provisional, with the way to the calendar page
  await page.goto(`${app.baseUrl}/#/pages/ticket/index?id=${TICKET_ID}`)
  await page.getByText('该时限按周一至周五推算，2027年节假日安排尚未录入').waitFor()
  await page.locator('#open-calendar').click()
  await page.locator('#calendar-missing', { hasText: '2027年法定节假日安排尚未录入' }).waitFor()

  // 元旦 1–3 January, and a 调休 day that is not a weekend: the error stands next to its row
  await page.locator('.holiday-from input').first().fill('2027-01-01')
  await page.locator('.holiday-to input').first().fill('2027-01-03')
  await page.locator('#add-workday').click()
  await page.locator('.workday-date input').first().fill('2027-01-06')
  await page.locator('.calendar-notice input').fill('示例：国办发明电〔2026〕X号')
  await page.locator('#calendar-preview').click()
  await page
    .locator('[data-row="workdays.0"] .calendar-row-error', { hasText: '2027-01-06不是周末，调休上班日应为周六或周日' })
    .waitFor()
  expect(await page.locator('.workday-date input').first().inputValue()).toBe('2027-01-06')
  await page.locator('[data-row="workdays.0"] .calendar-remove').click()

  await page.locator('#calendar-preview').click()
  const move = page.locator(`#calendar-preview-result [data-ticket-no="${TICKET_NO}"]`)
  await move.waitFor()
  expect(await move.innerText()).toContain('答复时限：2027-01-01 → 2027-01-04')
  const small = await measure(page)
  expect(small.minFont).toBeGreaterThanOrEqual(16)
  expect(small.minTap).toBeGreaterThanOrEqual(44)
  expect(small.width).toBeLessThanOrEqual(390)
  await page.screenshot({ path: path.join(SCREENSHOT_DIR, 'calendar-390.png'), fullPage: true })

  await page.locator('#calendar-save').click()
  await page.locator('#calendar-source', { hasText: '来源：市重点办录入' }).waitFor()
  expect(await page.locator('#calendar-missing').count()).toBe(0)
  expect(storedDue()).toBe(sh('2027-01-04T23:59:59.999').toISOString())

  await page.setViewportSize({ width: 1366, height: 768 })
  const wide = await measure(page)
  expect(wide.minFont).toBeGreaterThanOrEqual(16)
  expect(wide.minTap).toBeGreaterThanOrEqual(44)
  await page.screenshot({ path: path.join(SCREENSHOT_DIR, 'calendar-1366.png') })

  // the ticket says why its due moved, in plain Chinese
  await page.goto(`${app.baseUrl}/#/pages/ticket/index?id=${TICKET_ID}`)
  await page.getByText('国务院公布2027年节假日安排，答复时限由2027年1月1日调整为2027年1月4日').waitFor()
  expect(await page.getByText('该时限按周一至周五推算').count()).toBe(0)
})
