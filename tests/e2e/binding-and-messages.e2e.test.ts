/**
 * Identity and messages in a real browser: a new WeChat user accepts the privacy notice and binds with an
 * invite code (issue 4 §3); the notifications of a ticket's progress wait in the 消息 tab even though WeChat
 * delivered nothing here (issue 5 §5).
 */
import path from 'node:path'
import { DEV_OPENID_HEADER } from '../../types/api'
import { PEOPLE, SCREENSHOT_DIR, actAs, openTab, startApp, type E2EApp } from './browser'

const NEWCOMER = { openid: 'demo-newcomer', label: '新用户（未绑定，用邀请码绑定）' }
let app: E2EApp
beforeAll(async () => {
  app = await startApp()
})
afterAll(async () => {
  await app?.close()
})

it('binds a new user to an enterprise with an invite code, after the privacy notice', async () => {
  const { page } = app
  await actAs(app, NEWCOMER)
  await openTab(page, '首页')
  await page.locator('#go-bind:visible').click()
  await page.locator('#privacy-notice').getByText('惠企通隐私保护指引').waitFor()
  await page.locator('#accept-privacy').click()
  await page.locator('#bind-code').waitFor()

  // a wrong code is refused in Chinese and binds nothing
  await page.locator('#bind-name input').fill('黄志明')
  await page.locator('#bind-code input').fill('WRNG-CODE-0000')
  await page.locator('#redeem-button').click()
  await page.locator('#bind-message').waitFor()
  expect(await page.locator('#bind-message').innerText()).toMatch(/[\u4e00-\u9fa5]/)

  await page.locator('[data-invite="DEMO-ENTR-RF01"]').click()
  await page.locator('#redeem-button').click()
  await page.locator('.home-identity').waitFor()
  expect(await page.locator('.home').innerText()).toContain('黄志明')
  expect(await page.locator('.home').innerText()).toContain('企业联系人')
  await page.screenshot({ path: path.join(SCREENSHOT_DIR, 'bound-home.png'), fullPage: true })
})

it("shows a contact's ticket progress in the 消息 tab, opened to the ticket", async () => {
  const { page } = app
  // 燕京漓泉 reports a problem and the office accepts it, through the function as the app would
  const call = async (openid: string, action: string, payload: object, requestId?: string) =>
    (await (
      await page.request.post(`${app.baseUrl}/api/fn/api`, {
        headers: { [DEV_OPENID_HEADER]: openid },
        data: { action, payload, ...(requestId ? { requestId } : {}) },
      })
    ).json()) as { ok: boolean; data: { _id: string; version: number } }
  const ticket = await call(
    PEOPLE.liquan.openid,
    'ticket.submit',
    { category: 'labor', title: '急需焊工30名', description: '新产线下月投产' },
    'e2e-messages-0001',
  )
  const accepted = await call(PEOPLE.dispatcher.openid, 'ticket.act', {
    ticketId: ticket.data._id,
    version: ticket.data.version,
    event: { type: 'accept' },
  })
  expect(accepted.ok).toBe(true)
  await call(PEOPLE.dispatcher.openid, 'notifications.flush', { ticketId: ticket.data._id })

  await actAs(app, PEOPLE.liquan)
  await openTab(page, '消息')
  const message = page.locator('.message', { hasText: '受理' }).first()
  await message.waitFor()
  expect(await message.innerText()).toMatch(/仅站内|未订阅|未配置/) // nothing was pushed by WeChat here
  await page.screenshot({ path: path.join(SCREENSHOT_DIR, 'messages.png'), fullPage: true })
  await message.click()
  await page.locator('.ticket-detail').waitFor()
  expect(await page.locator('.ticket-detail .status-tag').first().innerText()).toBe('已受理')
})
