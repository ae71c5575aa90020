/**
 * 适老化 and words people read, measured in the browser (issue 11) on every page each role opens, at a phone
 * (390×844) and an office PC (1366×768): body text ≥ 16 px, secondary text ≥ 13 px, tap targets ≥ 44 px,
 * text contrast ≥ 4.5:1, and no unit code, rule id, field key or English enum value visible to a non-office
 * role. Run alone after `npm run build:h5`: npx jest -c jest.e2e.config.js tests/e2e/elder-friendly.e2e.test.ts
 */
import { PEOPLE, actAs, startApp, type E2EApp, type Person } from './browser'

/** Secondary text: notes, tags, tab labels, numbers. Everything else is body text. */
const SECONDARY = [
  '.muted',
  '.status-tag',
  '.weui-tabbar__label',
  '.error-text',
  '.ticket-no',
  '.ticket-detail-no',
  '.form-field-required',
]
const TAP_TARGETS = ['taro-button-core', '.chip', '.tab', '.me-option', '.weui-tabbar__item', '[data-event]']

interface Finding {
  page: string
  problem: string
  text: string
}

interface Probe {
  person: Person
  route: string
  office?: boolean
}
const LEADER: Person = { openid: 'demo-leader-mayor', label: '市长' }
const COMMISSIONER: Person = { openid: 'demo-commissioner-liquan', label: '工业振兴特派员 · 驻燕京漓泉' }
const TASK_FORCE: Person = { openid: 'demo-handler-tf-financing', label: '融资专班 · 专班成员' }
const PROBES: Probe[] = [
  { person: PEOPLE.liquan, route: '/pages/index/index' },
  { person: PEOPLE.liquan, route: '/pages/tickets/index' },
  { person: PEOPLE.liquan, route: '/pages/ticket/index?id={ticket}' },
  { person: PEOPLE.liquan, route: '/pages/messages/index' },
  { person: PEOPLE.liquan, route: '/pages/me/index' },
  { person: PEOPLE.liquan, route: '/packages/enterprise/pages/submit/index' },
  { person: PEOPLE.hrss, route: '/pages/tickets/index' },
  { person: PEOPLE.hrss, route: '/packages/handler/pages/inbox/index' },
  { person: LEADER, route: '/packages/leader/pages/linked/index' },
  { person: LEADER, route: '/packages/leader/pages/summary/index' },
  { person: LEADER, route: '/packages/leader/pages/items/index' },
  { person: LEADER, route: '/packages/meetings/pages/list/index' },
  { person: COMMISSIONER, route: '/packages/service/pages/visits/index' },
  { person: COMMISSIONER, route: '/packages/service/pages/visit/index' },
  { person: TASK_FORCE, route: '/packages/service/pages/taskforce/index' },
  { person: PEOPLE.dispatcher, route: '/packages/dispatcher/pages/queue/index', office: true },
  { person: PEOPLE.dispatcher, route: '/packages/dispatcher/pages/hotline/index', office: true },
  { person: PEOPLE.dispatcher, route: '/packages/dispatcher/pages/exports/index', office: true },
  { person: PEOPLE.dispatcher, route: '/packages/dispatcher/pages/reach/index', office: true },
  { person: PEOPLE.dispatcher, route: '/packages/service/pages/coverage/index', office: true },
  // the staff ticket page (desk subpackage), where a notice's link takes staff
  { person: PEOPLE.dispatcher, route: '/packages/desk/pages/ticket/index?id={ticket}', office: true },
  { person: PEOPLE.hrss, route: '/packages/service/pages/followed/index' },
]

const CODE_PATTERNS = String.raw`R-[A-Z]{2,}|\b(hrss|education|approval-bureau|county-[a-z]+|industry-it|finance-office|tf-[a-z]+)\b|\b(submitted|accepted|dispatched|signed|replied|closed|solved|explained|planned|unfeasible|timed|coordination|onsite|reception|financing|labor|schooling|hotline)\b|\b[a-z]+Id\b|\b[a-z]+: |demo-[a-z-]+`

let app: E2EApp
beforeAll(async () => {
  app = await startApp()
})
afterAll(async () => {
  await app?.close()
})

/** Measures the current page: every visible text, every tap target, the contrast of each text. */
async function measure(label: string, office: boolean): Promise<Finding[]> {
  return app.page.evaluate(
    ({ label, office, secondary, targets, codes }) => {
      const findings: { page: string; problem: string; text: string }[] = []
      const visible = (el: Element) => {
        const r = el.getBoundingClientRect()
        return r.width > 0 && r.height > 0 && (el as HTMLElement).checkVisibility?.() !== false
      }
      const rgb = (c: string) => (c.match(/[\d.]+/g) ?? ['0', '0', '0', '1']).map(Number)
      const lum = ([r, g, b]: number[]) => {
        const f = (v: number) => ((v /= 255) <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4)
        return 0.2126 * f(r) + 0.7152 * f(g) + 0.0722 * f(b)
      }
      const background = (el: Element | null): number[] => {
        for (; el; el = el.parentElement) {
          const c = rgb(getComputedStyle(el).backgroundColor)
          if ((c[3] ?? 1) > 0.5) return c
        }
        return [255, 255, 255, 1]
      }
      // the page on screen: Taro keeps the pages it came from in the DOM, hidden behind the current one
      const page = Array.from(document.querySelectorAll('.taro_page')).filter(visible).pop() ?? document.body
      const walker = document.createTreeWalker(page, NodeFilter.SHOW_TEXT)
      let measured = 0
      for (let node = walker.nextNode(); node; node = walker.nextNode()) {
        const text = (node.textContent ?? '').trim()
        const el = node.parentElement
        if (!text || !el || !visible(el)) continue
        measured += 1
        const style = getComputedStyle(el)
        const size = parseFloat(style.fontSize)
        const isSecondary = secondary.some((s) => el.closest(s))
        if (size < (isSecondary ? 12.95 : 15.95))
          findings.push({ page: label, problem: `${isSecondary ? '次要' : '正文'}字号 ${size}px`, text })
        const fg = lum(rgb(style.color))
        const bg = lum(background(el))
        const contrast = (Math.max(fg, bg) + 0.05) / (Math.min(fg, bg) + 0.05)
        if (contrast < 4.5) findings.push({ page: label, problem: `对比度 ${contrast.toFixed(2)}`, text })
      }
      for (const el of Array.from(page.querySelectorAll(targets.join(',')))) {
        if (!visible(el)) continue
        const r = el.getBoundingClientRect()
        if (r.height < 43.5)
          findings.push({ page: label, problem: `点击区域高 ${r.height.toFixed(1)}px`, text: el.textContent ?? '' })
      }
      // a page that shows nothing (or a probe that measured a hidden page) must not pass
      if (measured === 0) findings.push({ page: label, problem: '页面上没有测到任何文字', text: '' })
      if (!office) {
        const seen = (page as HTMLElement).innerText.match(new RegExp(codes, 'g'))
        for (const code of seen ?? []) findings.push({ page: label, problem: '代码外露', text: code })
      }
      return findings
    },
    { label, office, secondary: SECONDARY, targets: TAP_TARGETS, codes: CODE_PATTERNS },
  )
}

describe.each([
  [390, 844],
  [1366, 768],
])('at %i×%i', (width, height) => {
  it('every page passes the 适老化 measures and shows no codes to non-office roles', async () => {
    await app.page.setViewportSize({ width, height })
    const mine = (await (
      await fetch(`${app.baseUrl}/api/fn/api`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-hq-dev-openid': PEOPLE.liquan.openid },
        body: JSON.stringify({ action: 'ticket.listMine', payload: {} }),
      })
    ).json()) as { data: { items: { _id: string }[] } }
    const ticketId = mine.data.items[0]._id
    const findings: Finding[] = []
    for (const probe of PROBES) {
      await actAs(app, probe.person)
      await app.page.goto(`${app.baseUrl}/#${probe.route.replace('{ticket}', encodeURIComponent(ticketId))}`)
      await app.page.waitForTimeout(1200)
      await app.page
        .getByText('正在加载')
        .first()
        .waitFor({ state: 'hidden', timeout: 10_000 })
        .catch(() => undefined)
      findings.push(...(await measure(`${probe.person.label} ${probe.route}`, probe.office ?? false)))
    }
    expect(findings).toEqual([])
  })
})
