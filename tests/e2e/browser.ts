/**
 * The browser side of the e2e tests: Debian's chromium (never a downloaded browser), headless, with the flags
 * this sandbox needs (no background networking: the machine has no network and refuses those connections),
 * a fresh profile per run, and the local server started in-process on a free port.
 */
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import type { AddressInfo } from 'node:net'
import { chromium, type BrowserContext, type Page } from 'playwright-core'
import { buildFunctions, FUNCTIONS_OUT, ROOT } from '../../scripts/build-cloud'
import { openProjectCloud } from '../../emulator/project'
import { createDevServer } from '../../emulator/server'

export const SCREENSHOT_DIR = path.join(ROOT, 'test-results', 'e2e')
const H5_DIR = path.join(ROOT, 'dist', 'h5')
const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium'

/** The demo identities the browser tests act as (emulator/demo/identities.ts). */
export const PEOPLE = {
  liquan: { openid: 'demo-ent-liquan', label: '燕京漓泉 · 企业联系人' },
  huaxin: { openid: 'demo-ent-huaxin', label: '华信制药 · 企业联系人' },
  dispatcher: { openid: 'demo-dispatcher', label: '市重点办 · 调度员' },
  hrss: { openid: 'demo-handler-hrss', label: '市人社局 · 经办人' },
  admin: { openid: 'demo-admin', label: '系统管理员' },
} as const
export interface Person {
  openid: string
  label: string
}

/** Switch the dev identity on 我的, as a tester would. */
export async function actAs(app: E2EApp, person: Person): Promise<void> {
  // a fresh load: the previous identity's pages must not linger hidden in the page stack
  await app.page.goto('about:blank')
  await app.page.goto(`${app.baseUrl}/#/pages/me/index`)
  await app.page.locator(`[data-openid="${person.openid}"]`).click()
  await app.page.getByText('已切换身份').first().waitFor()
}

/** Wait for the page-slide animation to end, so a screenshot shows the page, not the transition. */
export async function settled(page: Page, selector: string): Promise<void> {
  await page.waitForFunction((sel) => {
    const box = document.querySelector(sel)?.getBoundingClientRect()
    return box !== undefined && Math.abs(box.left) < 1
  }, selector)
}

export async function openTab(page: Page, text: string): Promise<void> {
  await page.locator('.weui-tabbar__item', { hasText: text }).click()
}

export interface E2EApp {
  baseUrl: string
  /** the local cloud behind the app, for a test that must set up data the demo does not have */
  cloud: Awaited<ReturnType<typeof openProjectCloud>>['cloud']
  context: BrowserContext
  page: Page
  close(): Promise<void>
}

export async function startApp(): Promise<E2EApp> {
  await buildFunctions()
  const dataDir = mkdtempSync(path.join(os.tmpdir(), 'hq-e2e-data-'))
  const profileDir = mkdtempSync(path.join(os.tmpdir(), 'hq-e2e-profile-'))
  const { cloud, identities, invites } = await openProjectCloud({ dataDir, functionsDir: FUNCTIONS_OUT })
  const server = createDevServer({ cloud, staticDir: H5_DIR, identities, invites })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`

  const context = await chromium.launchPersistentContext(profileDir, {
    executablePath: CHROMIUM,
    headless: true,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
    viewport: { width: 414, height: 860 },
    locale: 'zh-CN',
  })
  const page = context.pages()[0] ?? (await context.newPage())
  mkdirSync(SCREENSHOT_DIR, { recursive: true })

  return {
    baseUrl,
    cloud,
    context,
    page,
    async close() {
      await context.close()
      await new Promise<void>((resolve) => server.close(() => resolve()))
      cloud.close()
      rmSync(dataDir, { recursive: true, force: true })
      rmSync(profileDir, { recursive: true, force: true })
    },
  }
}
