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

export interface E2EApp {
  baseUrl: string
  context: BrowserContext
  page: Page
  close(): Promise<void>
}

export async function startApp(): Promise<E2EApp> {
  await buildFunctions()
  const dataDir = mkdtempSync(path.join(os.tmpdir(), 'hq-e2e-data-'))
  const profileDir = mkdtempSync(path.join(os.tmpdir(), 'hq-e2e-profile-'))
  const { cloud, identities } = await openProjectCloud({ dataDir, functionsDir: FUNCTIONS_OUT })
  const server = createDevServer({ cloud, staticDir: H5_DIR, identities })
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
