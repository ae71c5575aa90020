/**
 * The first journey in a real browser (issue 2 §5): an enterprise contact reports a problem and sees it under
 * 我的诉求 as 待受理 with its number; bad input is refused on the form; another enterprise cannot read it.
 */
import path from 'node:path'
import { DEV_OPENID_HEADER } from '../../types/api'
import { PEOPLE, SCREENSHOT_DIR, actAs, openTab, settled, startApp, type E2EApp } from './browser'

const LIQUAN = PEOPLE.liquan
const HUAXIN = PEOPLE.huaxin
const TITLE = '二期生产线投产急需招聘技术工人'

let app: E2EApp
beforeAll(async () => {
  app = await startApp()
})
afterAll(async () => {
  await app?.close()
})

it('shows the app name', async () => {
  await app.page.goto(app.baseUrl)
  await app.page.getByText('企业诉求 · 分级办理 · 限时答复').waitFor()
  expect(await app.page.title()).toContain('惠企通')
})

it('lets an enterprise contact submit a 诉求 and find it under 我的诉求 as 待受理', async () => {
  const { page } = app
  await actAs(app, LIQUAN)
  await openTab(page, '首页')
  await page.getByText('提交诉求', { exact: true }).click()
  await page.locator('#submit-button').waitFor()

  // bad input: nothing filled → every field says what is missing, nothing is sent
  await page.locator('#submit-button').click()
  await page.getByText('请选择有效的诉求类别').waitFor()
  await page.getByText('请填写诉求标题').waitFor()
  await page.getByText('请填写问题描述').waitFor()

  // a title over 50 characters is refused with the limit in the message
  await page.locator('#title-input input').fill('招'.repeat(51))
  await page.locator('#submit-button').click()
  await page.getByText('诉求标题不能超过50个字').waitFor()

  // the real thing
  await page.locator('#category-picker').click()
  await page.locator('.weui-picker__action', { hasText: '确定' }).click()
  await page.getByText('融资需求').first().waitFor()
  await page.locator('#title-input input').fill(TITLE)
  await page
    .locator('#description-input textarea')
    .fill('二期生产线12月投产，缺焊工、电工约200名，希望协助组织专场招聘。')
  await page.getByText('紧急', { exact: true }).click()
  await page.locator('#submit-button').click()

  const row = page.locator('.ticket-row', { hasText: TITLE })
  await row.waitFor({ timeout: 30_000 })
  const text = await row.innerText()
  expect(text).toMatch(/HQ\d{8}-\d{4}/)
  expect(text).toContain('待受理')
  await page.screenshot({ path: path.join(SCREENSHOT_DIR, 'my-tickets.png'), fullPage: true })

  // its detail page has the timeline's first line
  await row.click()
  await page.locator('.ticket-detail .card-title', { hasText: '办理进度' }).waitFor()
  await page.locator('.timeline-item').first().waitFor()
  expect(await page.locator('.ticket-detail-title').innerText()).toBe(TITLE)
  await settled(page, '.ticket-detail')
  await page.screenshot({ path: path.join(SCREENSHOT_DIR, 'ticket-detail.png'), fullPage: true })
})

it("keeps the ticket from another enterprise's contact, in the app and at the function", async () => {
  const { page } = app
  // find the ticket's id as its own contact sees it
  const mine = await page.request.post(`${app.baseUrl}/api/fn/api`, {
    headers: { [DEV_OPENID_HEADER]: LIQUAN.openid },
    data: { action: 'ticket.listMine', payload: {} },
  })
  const ticketId = ((await mine.json()) as { data: { items: Array<{ _id: string; title: string }> } }).data.items.find(
    (t) => t.title === TITLE,
  )?._id
  expect(ticketId).toBeTruthy()

  const peek = await page.request.post(`${app.baseUrl}/api/fn/api`, {
    headers: { [DEV_OPENID_HEADER]: HUAXIN.openid },
    data: { action: 'ticket.get', payload: { ticketId } },
  })
  expect(await peek.json()).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } })

  await actAs(app, HUAXIN)
  await openTab(page, '我的诉求')
  await page.locator('.ticket-row').first().waitFor()
  expect(await page.locator('.ticket-row', { hasText: TITLE }).count()).toBe(0)
})
