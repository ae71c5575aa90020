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

/** The preview's smallest text size, in CSS px. */
const previewFontSize = (page: Page) =>
  page.evaluate(() =>
    Math.min(
      ...Array.from(document.querySelectorAll('.due-preview-line, .due-preview-title')).map((el) =>
        parseFloat(getComputedStyle(el).fontSize),
      ),
    ),
  )

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
  // before 确认 the form shows how track and dues will change (issue 11), in names and dates only
  const preview = panel.locator('[data-form="dispatch"] .due-preview[data-preview="ready"]')
  await preview.waitFor()
  const previewText = await preview.innerText()
  expect(previewText).toMatch(/办理方式：\S+/)
  expect(previewText).toMatch(/答复时限：未定 → \d{1,2}月\d{1,2}日|签收时限：未定 → \d{1,2}月\d{1,2}日/)
  expect(previewText).not.toMatch(/[a-z]{3,}/)
  expect(await previewFontSize(page)).toBeGreaterThanOrEqual(16)
  // naming a second unit refreshes it: the units line appears (and two units grade it up)
  const dispatchForm = panel.locator('[data-form="dispatch"]')
  const otherUnit = (await dispatchForm.locator('[data-field="units"] .chip:not(.chip-on)').first().innerText()).trim()
  const chipOf = (name: string) =>
    dispatchForm.locator('[data-field="units"] .chip', { hasText: new RegExp(`^(牵头·)?${name}$`) })
  await chipOf(otherUnit).click()
  await dispatchForm.locator('.due-preview', { hasText: '承办单位：' }).waitFor()
  await page.screenshot({ path: path.join(SCREENSHOT_DIR, 'workbench-dispatch-preview.png') })
  // and taking it off again: back to the graded units, which need no reason
  await chipOf(otherUnit).click()
  await page.waitForFunction(
    () => !document.querySelector('[data-form="dispatch"] .due-preview')?.textContent?.includes('承办单位：'),
  )
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

  // on the phone too, the dispatch form previews the track and the dues before 确认
  await page.locator('.ticket-row').first().click()
  await page.locator('[data-event="dispatch"]').click()
  const preview = page.locator('[data-form="dispatch"] .due-preview[data-preview="ready"]')
  await preview.waitFor()
  expect(await preview.innerText()).toMatch(/办理方式：[\s\S]*时限：未定 → \d{1,2}月\d{1,2}日/)
  expect(await previewFontSize(page)).toBeGreaterThanOrEqual(16)
  // nothing runs off the phone's screen
  const box = await preview.boundingBox()
  expect(box!.x + box!.width).toBeLessThanOrEqual(390)
  await preview.scrollIntoViewIfNeeded()
  await page.screenshot({ path: path.join(SCREENSHOT_DIR, 'dispatch-preview-390.png') })
})
