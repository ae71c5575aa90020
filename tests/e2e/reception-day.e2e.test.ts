/**
 * A reception day from agenda to commitments to done, in a real browser (issue 9 item 1): the office (at a
 * desk, 1366×768) convenes it with the mayor, builds its agenda, sends the invitations and files a problem
 * raised there; records the decision with a commitment to 市人社局, which becomes a child ticket; the mayor
 * (on a phone, 390×844) prepares his session and opens its ticket; the unit signs and keeps the promise; the
 * enterprise is answered; the session page shows the enterprise's problem raised, promised and done.
 */
import path from 'node:path'
import type { Page } from 'playwright-core'
import { PEOPLE, SCREENSHOT_DIR, actAs, openTab, settled, startApp, type E2EApp } from './browser'

const MAYOR = { openid: 'demo-leader-mayor', label: '市长' }
const TITLE = '新厂区职工子女入学难'
const PROMISE = '协调七星区为新厂区职工子女安排学位'
const PHONE = { width: 390, height: 844 }
const DESK = { width: 1366, height: 768 }

let app: E2EApp
beforeAll(async () => {
  app = await startApp()
})
afterAll(async () => {
  await app?.close()
})

async function openWorkspace(page: Page) {
  await openTab(page, '首页')
  await page.locator('[data-workspace="/packages/meetings/pages/list/index"]').click()
  await page.locator('.meeting-list').waitFor()
}

/** `settled` for a page that a wide screen centres: wait until the slide-in ends where the page rests. */
async function settledCentred(page: Page, selector: string): Promise<void> {
  await page.waitForFunction((sel) => {
    const box = document.querySelector(sel)?.getBoundingClientRect()
    return box !== undefined && Math.abs(box.left - Math.max(0, (window.innerWidth - box.width) / 2)) < 1
  }, selector)
}

/** Body text ≥ 16 px and tap targets ≥ 44 px high, measured where the page draws them. */
async function expectReadable(page: Page, textSelector: string, tapSelector: string) {
  const fontPx = await page
    .locator(textSelector)
    .first()
    .evaluate((el) => parseFloat(getComputedStyle(el).fontSize))
  expect(fontPx).toBeGreaterThanOrEqual(16)
  const box = await page.locator(tapSelector).first().boundingBox()
  expect(box?.height ?? 0).toBeGreaterThanOrEqual(44)
}

it('goes from agenda to commitments to done', async () => {
  const { page } = app
  let meetingUrl = ''

  // — 市重点办 at a desk: convene, agenda, invitations, a problem raised there, the decision —
  await page.setViewportSize(DESK)
  await actAs(app, PEOPLE.dispatcher)
  await openWorkspace(page)
  await page.locator('#meeting-create-submit').click()
  // the errors stand next to their fields
  await page.locator('.form-field-error', { hasText: '请填写会议主题' }).waitFor()
  await page.locator('.form-field-error', { hasText: '请选择出席的市领导' }).waitFor()
  await page.locator('#meeting-title input').fill('第4期市党政主要领导服务工业企业接待日')
  await page.locator('#meeting-place input').fill('市政府常务会议室')
  await page.locator('#meeting-create .chip', { hasText: '市长黄志刚' }).click()
  await page.locator('#meeting-create-submit').click()
  await page.locator('.meeting-detail').waitFor()
  await settledCentred(page, '.meeting-detail')
  meetingUrl = page.url()

  await page.locator('#agenda-add').click()
  await page.locator('[data-candidate]').first().click()
  await page.locator('#agenda-add-submit').click()
  await page.locator('.agenda-item').first().waitFor()
  await page.locator('#meeting-invite').click()
  await page.locator('.meeting-status', { hasText: '已发邀请' }).waitFor()

  await page.locator('#raise-open').click()
  await page.locator('.raise-form input').first().fill('燕京')
  await page.locator('.raise-form .candidate-row', { hasText: '燕京' }).first().click()
  await page.locator('.raise-form .chip', { hasText: '子女入学' }).click()
  await page.locator('.raise-form input').last().fill(TITLE)
  await page.locator('.raise-form textarea').fill('新厂区投产后外地职工子女约12人需就近入学，请协调学位。')
  await page.locator('#raise-submit').click()
  const raised = page.locator('.agenda-item', { hasText: TITLE })
  await raised.waitFor()

  await raised.locator('[data-decide]').click()
  const form = raised.locator('.decision-form')
  await form.locator('.decide-submit').click()
  await form.locator('.form-field-error', { hasText: '请填写议定事项' }).waitFor()
  await form.locator('textarea').first().fill('由市人社局会同七星区解决职工子女入学')
  await form.locator('.add-commitment').click()
  await form.locator('.chip', { hasText: '市人力资源和社会保障局' }).click()
  await form.locator('.commitment-what input').fill(PROMISE)
  await form.locator('.decide-submit').click()
  const commitment = raised.locator('[data-commitment]')
  await commitment.waitFor()
  expect(await commitment.innerText()).toContain('市人力资源和社会保障局')
  const childId = (await commitment.getAttribute('data-commitment'))!
  const tally = page.locator('.tally-row', { hasText: '燕京' })
  expect(await tally.innerText()).toContain('承诺1 · 已办结0')
  await page.locator('.taro__toast').waitFor({ state: 'hidden' })
  await page.screenshot({ path: path.join(SCREENSHOT_DIR, 'reception-day-office.png'), fullPage: true })

  // — the mayor on his phone: his session, and its ticket whatever enterprise it belongs to —
  await page.setViewportSize(PHONE)
  await actAs(app, MAYOR)
  await openWorkspace(page)
  await page.locator('.meeting-row', { hasText: '第4期' }).click()
  await page.locator('.meeting-detail').waitFor()
  await settled(page, '.meeting-detail')
  await expectReadable(page, '.meeting-detail .agenda-title', '.meeting-detail .commitment')
  await page.locator('.agenda-item', { hasText: TITLE }).locator('.agenda-title').click()
  await page.locator('.ticket-detail').waitFor()
  expect(await page.locator('.ticket-detail').innerText()).toContain(TITLE)

  // — 市人社局 keeps the promise: sign, reply —
  await actAs(app, PEOPLE.hrss)
  await page.goto(`${app.baseUrl}/#/pages/ticket/index?id=${childId}`)
  await page.locator('.ticket-detail').waitFor()
  await page.locator('[data-event="sign"]').click()
  await page.locator('.ticket-detail .status-tag', { hasText: '已签收' }).waitFor()
  await page.locator('[data-event="reply"]').click()
  await page.locator('[data-form="reply"] .chip', { hasText: '已解决' }).click()
  await page.locator('[data-form="reply"] textarea').first().fill('已协调七星区安排学位12个，职工子女已入学。')
  await page.locator('[data-form="reply"] .action-submit').click()
  await page.locator('.ticket-detail .status-tag', { hasText: '已答复' }).waitFor()

  // — the enterprise is answered with the decision and the kept promise —
  await actAs(app, PEOPLE.liquan)
  await openTab(page, '我的诉求')
  await page.locator('.ticket-row:visible', { hasText: TITLE }).first().click()
  await page.locator('.ticket-detail').waitFor()
  await page.locator('.ticket-detail .status-tag', { hasText: '已答复' }).waitFor()
  const answer = await page.locator('.ticket-detail').innerText()
  expect(answer).toContain('接待日议定：由市人社局会同七星区解决职工子女入学')
  expect(answer).toContain('已协调七星区安排学位12个')

  // — back at the office's session page: raised, promised, done —
  await actAs(app, PEOPLE.dispatcher)
  await page.goto(meetingUrl)
  await page.locator('.meeting-detail').waitFor()
  await settled(page, '.meeting-detail')
  expect(await page.locator('.tally-row', { hasText: '燕京' }).innerText()).toContain('承诺1 · 已办结1')
  expect(await page.locator('[data-commitment]').first().innerText()).toContain('已办结')
  await page.screenshot({ path: path.join(SCREENSHOT_DIR, 'reception-day-phone.png'), fullPage: true })
})
