/**
 * The whole loop in a real browser with three identities (issue 3 §8): the enterprise submits, the office
 * accepts and dispatches (overriding the unit, with a reason), the unit signs and replies, the enterprise
 * rates, and the ticket is closed.
 */
import path from 'node:path'
import type { Page } from 'playwright-core'
import { PEOPLE, SCREENSHOT_DIR, actAs, openTab, settled, startApp, type E2EApp } from './browser'

const TITLE = '二期项目流动资金贷款审批进度咨询'
let app: E2EApp
beforeAll(async () => {
  app = await startApp()
})
afterAll(async () => {
  await app?.close()
})

async function openTicket(page: Page) {
  await page.locator('.ticket-row:visible', { hasText: TITLE }).first().click()
  await page.locator('.ticket-detail').waitFor()
  await settled(page, '.ticket-detail')
}

/**
 * Tap an offered action and wait for the new status. An action with a form gets `fill` (if any) and its
 * confirm button; one without (签收) acts on the tap.
 */
async function perform(page: Page, event: string, status: string, fill?: () => Promise<void>) {
  await page.locator(`[data-event="${event}"]`).click()
  const form = page.locator(`[data-form="${event}"]`)
  const done = page.locator('.ticket-detail .status-tag', { hasText: status })
  await form.or(done).first().waitFor()
  if (await form.isVisible()) {
    if (fill) await fill()
    await form.locator('.action-submit').click()
  }
  await done.waitFor()
}

async function fillText(page: Page, event: string, index: number, text: string) {
  await page.locator(`[data-form="${event}"] textarea`).nth(index).fill(text)
}

it('closes the loop: submit → accept → dispatch → sign → reply → rate', async () => {
  const { page } = app

  // 企业联系人 submits
  await actAs(app, PEOPLE.liquan)
  await openTab(page, '首页')
  await page.getByText('提交诉求', { exact: true }).click()
  await page.locator('#category-picker').click()
  await page.locator('.weui-picker__action', { hasText: '确定' }).click()
  await page.locator('#grade-preview').waitFor() // 预计办理单位 from the rules engine
  expect(await page.locator('#grade-preview').innerText()).toContain('市金融办')
  await page.locator('#title-input input').fill(TITLE)
  await page
    .locator('#description-input textarea')
    .fill('二期项目申请流动资金贷款3000万元，银行审批已逾两月，希望协调加快。')
  await page.locator('#submit-button').click()
  await page.locator('.ticket-row', { hasText: TITLE }).waitFor()

  // 市重点办 accepts, then dispatches to 人社局 instead of the graded 金融办, saying why
  await actAs(app, PEOPLE.dispatcher)
  await openTab(page, '首页')
  await page.locator('[data-workspace]').first().click()
  await openTicket(page)
  await perform(page, 'accept', '已受理')
  await perform(page, 'dispatch', '已派单', async () => {
    await page.locator('[data-form="dispatch"] .chip', { hasText: '市金融办' }).click()
    await page.locator('[data-form="dispatch"] .chip', { hasText: '市人力资源和社会保障局' }).click()
    await fillText(page, 'dispatch', 0, '经电话核实，企业主要困难是用工，改由人社局牵头')
  })
  expect(await page.locator('.ticket-grade').innerText()).toContain('牵头单位：市人力资源和社会保障局')

  // 人社局经办人 signs and replies
  await actAs(app, PEOPLE.hrss)
  await openTab(page, '首页')
  await page.locator('[data-workspace]').first().click()
  await openTicket(page)
  await perform(page, 'sign', '已签收')
  await perform(page, 'reply', '已答复', async () => {
    await page.locator('[data-form="reply"] .chip', { hasText: '已解决' }).click()
    await fillText(page, 'reply', 0, '已协调合作银行开辟绿色通道，贷款已于本周放款。')
  })

  // the enterprise rates; the ticket is closed
  await actAs(app, PEOPLE.liquan)
  await openTab(page, '我的诉求')
  await openTicket(page)
  await perform(page, 'rate', '已办结', async () => {
    await page.locator('[data-form="rate"] .chip', { hasText: '满意' }).first().click()
  })
  const timeline = await page.locator('.timeline').innerText()
  for (const step of ['提交', '受理', '派单', '签收', '答复', '评价']) expect(timeline).toContain(step)
  expect(timeline).toContain('经电话核实')
  await page.locator('.taro__toast').waitFor({ state: 'hidden' })
  await page.screenshot({ path: path.join(SCREENSHOT_DIR, 'closed-loop.png'), fullPage: true })
})
