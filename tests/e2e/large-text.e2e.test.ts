/**
 * 大字模式 (issue 11), measured in the browser at a phone (390×844): the switch on 我的 makes the body text of
 * 首页, 我的诉求, a 诉求's page and 提交诉求 at least 1.2× its normal size (≥ 19 px), keeps every tap target
 * ≥ 44 px, lets nothing overflow the screen sideways, and is still on after a reload (it is remembered).
 * The H5 build scales through the same CSS variable as the mini-program (config/postcss-text-scale.js), so this
 * also measures what the weapp stylesheet does with it. Run after `npm run build:h5`:
 *   npx jest -c jest.e2e.config.js tests/e2e/large-text.e2e.test.ts
 */
import path from 'node:path'
import { PEOPLE, SCREENSHOT_DIR, actAs, type E2EApp, startApp } from './browser'

/** Secondary text (notes, tags, numbers): held to 13 px, not to the body size (as in elder-friendly). */
const SECONDARY = [
  '.muted',
  '.status-tag',
  '.weui-tabbar__label',
  '.error-text',
  '.ticket-no',
  '.ticket-detail-no',
  '.form-field-required',
  '.home-subtitle', // 首页: the tagline under 惠企通 and the role under the person's name, both 32 design px (≥ 16 px at 390)
  '.home-role',
]
const TAP_TARGETS = ['taro-button-core', '.chip', '.tab', '.me-option', '.weui-tabbar__item', '[data-event]']
const ROUTES = [
  '/pages/index/index',
  '/pages/tickets/index',
  '/pages/ticket/index?id={ticket}',
  '/packages/enterprise/pages/submit/index',
]

interface Measure {
  /** the smallest body text on the page, px */
  body: number
  /** the text at that size */
  smallest: string
  /** the smallest secondary text, px */
  secondary: number
  /** how many texts and tap targets were measured (a page that shows nothing must not pass) */
  texts: number
  targets: number
  /** tap targets lower than 44 px */
  lowTargets: string[]
  /** what reaches past the right edge of the screen, and how wide the page scrolls */
  overflow: string[]
  scrollWidth: number
  scale: string
}

let app: E2EApp
let ticketId = ''
beforeAll(async () => {
  app = await startApp()
  await app.page.setViewportSize({ width: 390, height: 844 })
  const mine = await app.page.request.post(`${app.baseUrl}/api/fn/api`, {
    headers: { 'x-hq-dev-openid': PEOPLE.liquan.openid },
    data: { action: 'ticket.listMine', payload: {} },
  })
  ticketId = ((await mine.json()) as { data: { items: { _id: string }[] } }).data.items[0]._id
})
afterAll(async () => {
  await app?.close()
})

async function open(route: string): Promise<void> {
  await app.page.goto(`${app.baseUrl}/#${route.replace('{ticket}', encodeURIComponent(ticketId))}`)
  await app.page.waitForTimeout(1200)
  await app.page
    .getByText('正在加载')
    .first()
    .waitFor({ state: 'hidden', timeout: 10_000 })
    .catch(() => undefined)
}

async function measure(): Promise<Measure> {
  return app.page.evaluate(
    ({ secondary, targets }) => {
      const visible = (el: Element) => {
        const r = el.getBoundingClientRect()
        return r.width > 0 && r.height > 0 && (el as HTMLElement).checkVisibility?.() !== false
      }
      // the page on screen: Taro keeps the pages it came from in the DOM, hidden (taro_page_shade), before it
      const page = Array.from(document.querySelectorAll('.taro_page')).filter(visible).pop()
      if (!page) throw new Error('no page on screen')
      const result = {
        body: Infinity,
        secondary: Infinity,
        smallest: '',
        texts: 0,
        targets: 0,
        lowTargets: [] as string[],
        overflow: [] as string[],
        scrollWidth: 0,
        scale: getComputedStyle(document.documentElement).getPropertyValue('--hq-scale').trim(),
      }
      const width = document.documentElement.clientWidth
      const walker = document.createTreeWalker(page, NodeFilter.SHOW_TEXT)
      for (let node = walker.nextNode(); node; node = walker.nextNode()) {
        const text = (node.textContent ?? '').trim()
        const el = node.parentElement
        if (!text || !el || !visible(el)) continue
        const size = parseFloat(getComputedStyle(el).fontSize)
        result.texts++
        if (secondary.some((s) => el.closest(s))) result.secondary = Math.min(result.secondary, size)
        else if (size < result.body) {
          result.body = size
          result.smallest = text
        }
        const range = document.createRange()
        range.selectNodeContents(node)
        if (range.getBoundingClientRect().right > width + 0.5) result.overflow.push(text)
      }
      // what is typed into a field is body text too (a value or placeholder is no text node)
      for (const el of Array.from(page.querySelectorAll('input:not([type=checkbox]), textarea'))) {
        if (!visible(el)) continue
        const size = parseFloat(getComputedStyle(el).fontSize)
        result.texts++
        if (size < result.body) {
          result.body = size
          result.smallest = `${el.tagName.toLowerCase()} ${(el as HTMLInputElement).placeholder}`
        }
      }
      for (const el of Array.from(page.querySelectorAll(targets.join(',')))) {
        if (!visible(el)) continue
        const r = el.getBoundingClientRect()
        result.targets++
        if (r.height < 43.5) result.lowTargets.push(`${r.height.toFixed(1)}px ${el.textContent ?? ''}`)
        if (r.right > width + 0.5) result.overflow.push(`target: ${el.textContent ?? ''}`)
      }
      // every box that scrolls sideways: the document and the page's scrolling ancestors
      for (let el: Element | null = page; el; el = el.parentElement) {
        result.scrollWidth = Math.max(result.scrollWidth, el.scrollWidth - el.clientWidth)
      }
      const root = document.scrollingElement ?? document.documentElement
      result.scrollWidth = Math.max(result.scrollWidth, root.scrollWidth - root.clientWidth)
      return result
    },
    { secondary: SECONDARY, targets: TAP_TARGETS },
  )
}

async function measureAll(): Promise<Map<string, Measure>> {
  const found = new Map<string, Measure>()
  for (const route of ROUTES) {
    await open(route)
    found.set(route, await measure())
  }
  return found
}

it('大字模式 on 我的 enlarges the body text of every page ≥ 1.2×, keeps targets ≥ 44 px and no sideways scroll', async () => {
  const { page } = app
  await actAs(app, PEOPLE.liquan)
  const normal = await measureAll()
  for (const [route, m] of normal) {
    expect({ route, scale: m.scale }).toEqual({ route, scale: '1' })
    expect(m.texts).toBeGreaterThan(5)
    expect(m.body).toBeLessThan(19)
  }
  expect([...normal.values()].reduce((n, m) => n + m.targets, 0)).toBeGreaterThan(3)

  // the switch, as a person uses it
  await page.goto(`${app.baseUrl}/#/pages/me/index`)
  const toggle = page.locator('#me-large-text .weui-switch')
  await toggle.waitFor()
  await toggle.click()
  expect(await page.evaluate(() => document.documentElement.style.getPropertyValue('--hq-scale'))).toBe('1.25')

  // remembered: a fresh load (actAs reloads the app) starts large, and the switch shows on
  await actAs(app, PEOPLE.liquan)
  expect(await page.locator('#me-large-text .weui-switch').isChecked()).toBe(true)

  const large = await measureAll()
  const problems: string[] = []
  for (const [route, m] of large) {
    const before = normal.get(route) as Measure
    if (m.scale !== '1.25') problems.push(`${route}: --hq-scale ${m.scale}`)
    if (m.texts < 5) problems.push(`${route}: 只量到 ${m.texts} 段文字`)
    if (m.body < 19 || m.body < before.body * 1.2) problems.push(`${route}: 正文 ${m.body}px (平时 ${before.body}px)`)
    if (m.secondary < before.secondary * 1.2)
      problems.push(`${route}: 次要文字 ${m.secondary}px (平时 ${before.secondary}px)`)
    problems.push(...m.lowTargets.map((t) => `${route}: 点击区域 ${t}`))
    problems.push(...m.overflow.map((t) => `${route}: 超出屏幕 ${t}`))
    if (m.scrollWidth > 0) problems.push(`${route}: 横向滚动 ${m.scrollWidth}px`)
  }
  await page.screenshot({ path: path.join(SCREENSHOT_DIR, 'large-text-submit.png'), fullPage: true })
  expect(problems).toEqual([])

  // and off again: back to the normal size
  await page.goto(`${app.baseUrl}/#/pages/me/index`)
  await page.locator('#me-large-text .weui-switch').click()
  await open('/pages/index/index')
  expect((await measure()).body).toBe((normal.get('/pages/index/index') as Measure).body)
})
