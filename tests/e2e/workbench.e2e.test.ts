/**
 * The office at a PC (issue 11): the dispatcher at 1366×768 on the demo data searches, filters, accepts in
 * bulk and dispatches from the side panel; at 390×844 the same page is still the phone queue.
 */
import { readFileSync } from 'node:fs'
import path from 'node:path'
import type { Page } from 'playwright-core'
import { PEOPLE, SCREENSHOT_DIR, actAs, startApp, type E2EApp } from './browser'

const QUEUE = '/#/packages/dispatcher/pages/queue/index'
let app: E2EApp
beforeAll(async () => {
  app = await startApp()
})
afterAll(async () => {
  await app?.close()
})

const rows = (page: Page) => page.locator('.workbench tbody tr')
const tabCount = async (page: Page, tab: string) =>
  Number((await page.locator(`[data-tab="${tab}"] .wb-count`).innerText()).trim())

async function openWorkbench(page: Page) {
  await page.goto(`${app.baseUrl}${QUEUE}`)
  await page.locator('.workbench').waitFor()
  await page.locator('.wb-total', { hasText: '共' }).waitFor()
}

async function applyFilters(page: Page) {
  await page.locator('#wb-apply').click()
  await page.locator('.wb-total', { hasText: '共' }).waitFor()
}

it('gives the dispatcher a workbench at 1366×768: search, filter, bulk accept, dispatch from the side panel', async () => {
  const { page } = app
  await page.setViewportSize({ width: 1366, height: 768 })
  await actAs(app, PEOPLE.dispatcher)
  await openWorkbench(page)

  // 待受理 with its count, in a dense table
  await page.waitForFunction(() => /\d/.test(document.querySelector('[data-tab="new"] .wb-count')?.textContent ?? ''))
  const newCount = await tabCount(page, 'new')
  expect(newCount).toBeGreaterThanOrEqual(2)
  expect(await rows(page).count()).toBe(newCount)

  // readable at a desk: body text ≥ 16 px, controls ≥ 44 px high
  const sizes = await page.evaluate(() => {
    const cells = Array.from(document.querySelectorAll('.workbench td, .workbench .wb-tab, .workbench .wb-input'))
    const controls = Array.from(document.querySelectorAll('.workbench .wb-button, .workbench .wb-select, .wb-input'))
    return {
      minFont: Math.min(...cells.map((el) => parseFloat(getComputedStyle(el).fontSize))),
      minHeight: Math.min(...controls.map((el) => el.getBoundingClientRect().height)),
    }
  })
  expect(sizes.minFont).toBeGreaterThanOrEqual(16)
  expect(sizes.minHeight).toBeGreaterThanOrEqual(44)
  await page.screenshot({ path: path.join(SCREENSHOT_DIR, 'workbench-1366.png') })

  // search by number: Enter in the search box
  const firstNo = (await rows(page).first().locator('.wb-no').innerText()).trim()
  await page.locator('#wb-keyword').fill(firstNo)
  await page.locator('#wb-keyword').press('Enter')
  await page.waitForFunction(() => document.querySelectorAll('.workbench tbody tr').length === 1)
  expect(await rows(page).first().locator('.wb-no').innerText()).toBe(firstNo)

  // filter by a category: every row is of that category
  const category = (await rows(page).first().locator('td').nth(4).innerText()).trim()
  await page.locator('#wb-keyword').fill('')
  await page.locator('#wb-category').selectOption({ label: category })
  await applyFilters(page)
  const categories = await rows(page).locator('td:nth-child(5)').allInnerTexts()
  expect(categories.length).toBeGreaterThanOrEqual(1)
  expect(new Set(categories.map((c) => c.trim()))).toEqual(new Set([category]))
  await page.getByRole('button', { name: '重置' }).click()
  await page.waitForFunction((n) => document.querySelectorAll('.workbench tbody tr').length === n, newCount)

  // bulk accept every new ticket: one result per row
  const acceptedBefore = await tabCount(page, 'accepted')
  await page.getByLabel('全选本页').check()
  await page.locator('[data-bulk="accept"]').click()
  await page.locator('[data-bulk-confirm]').click()
  await page.locator('[data-bulk-results]').waitFor()
  await page.locator('.wb-bulk-panel', { hasText: `成功 ${newCount} 件` }).waitFor()
  expect(await page.locator('[data-outcome="done"]').count()).toBe(newCount)
  await page.screenshot({ path: path.join(SCREENSHOT_DIR, 'workbench-bulk-accept.png') })
  await page.waitForFunction(
    (n) => document.querySelector('[data-tab="accepted"] .wb-count')?.textContent?.trim() === String(n),
    acceptedBefore + newCount,
  )

  // 待派单: open a ticket in the side panel and dispatch it to the graded units
  await page.locator('[data-tab="accepted"]').click()
  await page.waitForFunction(
    (n) => document.querySelectorAll('.workbench tbody tr').length === n,
    acceptedBefore + newCount,
  )
  const no = (await rows(page).first().locator('.wb-no').innerText()).trim()
  await rows(page).first().locator('.wb-no').click()
  const panel = page.locator('.wb-panel')
  await panel.locator('[data-event="dispatch"]').waitFor()
  expect(await panel.locator('.wb-panel-no').innerText()).toBe(no)
  await panel.locator('[data-event="dispatch"]').click()
  await panel.locator('[data-form="dispatch"] .action-submit').click()
  await panel.locator('.status-tag', { hasText: '已派单' }).waitFor()
  await page.screenshot({ path: path.join(SCREENSHOT_DIR, 'workbench-side-panel.png') })
  await page.waitForFunction(
    (n) => !Array.from(document.querySelectorAll('.workbench tbody tr')).some((tr) => tr.textContent?.includes(n)),
    no,
  )

  // Esc closes the panel
  await panel.focus()
  await page.keyboard.press('Escape')
  await panel.waitFor({ state: 'detached' })

  // 已超期 says which due and by how many working days; 导出Excel downloads what is filtered
  await page.locator('[data-tab="overdue"]').click()
  await page.locator('.workbench tbody tr .wb-late', { hasText: '个工作日' }).first().waitFor()
  const overdueCount = await tabCount(page, 'overdue')
  const [download] = await Promise.all([page.waitForEvent('download'), page.locator('#wb-export').click()])
  expect(download.suggestedFilename()).toMatch(/^诉求导出-\d{4}-\d{2}-\d{2}\.csv$/)
  const file = await download.path()
  const lines = readFileSync(file, 'utf8').trim().split('\r\n')
  expect(lines[0]).toContain('编号,企业,县区,诉求')
  expect(lines).toHaveLength(overdueCount + 1)
})

it('keeps the phone queue at 390×844', async () => {
  const { page } = app
  await page.setViewportSize({ width: 390, height: 844 })
  await page.goto('about:blank')
  await page.goto(`${app.baseUrl}${QUEUE}`)
  await page.locator('.tabs .tab', { hasText: '待派单' }).click()
  await page.locator('.ticket-row').first().waitFor()
  expect(await page.locator('.workbench').count()).toBe(0)
  await page.screenshot({ path: path.join(SCREENSHOT_DIR, 'workbench-phone-390.png') })
})
