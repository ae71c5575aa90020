/**
 * First-content time (First Contentful Paint) of the H5 app as a person feels it: home, a ticket's detail and
 * the leader's summary, each loaded cold (fresh browser context, empty cache) against the local cloud.
 * Median of 3 runs per page, then one throttled run (Fast 3G-like: 1.6 Mbit/s down, 150 ms RTT, CPU ×4).
 *
 *   npm run --silent bench:fcp [-- --static dist/h5] [-- --no-compress] [-- --runs 3]
 *
 * Prints JSON. Uses Debian's chromium (CHROMIUM_PATH, default /usr/bin/chromium), never a downloaded one.
 */
import { mkdtempSync, rmSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import type { AddressInfo } from 'node:net'
import { chromium, type Browser } from 'playwright-core'
import { buildFunctions, FUNCTIONS_OUT, ROOT } from './build-cloud'
import { openProjectCloud } from '../emulator/project'
import { createDevServer } from '../emulator/server'
import { DEV_OPENID_HEADER } from '../types/api'

const args = process.argv.slice(2)
const option = (name: string): string | undefined => {
  const i = args.indexOf(name)
  return i >= 0 ? args[i + 1] : undefined
}
const STATIC_DIR = path.resolve(ROOT, option('--static') ?? 'dist/h5')
const COMPRESS = !args.includes('--no-compress')
const RUNS = Number(option('--runs') ?? 3)
const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium'

interface Probe {
  name: string
  openid: string
  /** the hash route; {ticket} is replaced by one of the identity's tickets */
  route: string
}
const PROBES: Probe[] = [
  { name: 'home', openid: 'demo-ent-liquan', route: '/#/pages/index/index' },
  { name: 'detail', openid: 'demo-ent-liquan', route: '/#/pages/ticket/index?id={ticket}' },
  { name: 'summary', openid: 'demo-leader-mayor', route: '/#/packages/leader/pages/summary/index' },
]

async function firstContentfulPaint(
  browser: Browser,
  url: string,
  openid: string,
  throttled: boolean,
): Promise<{ fcp: number; bytes: number }> {
  const context = await browser.newContext({ viewport: { width: 390, height: 844 }, locale: 'zh-CN' })
  // Taro H5 keeps storage as JSON {data}: the dev identity the app sends (services/session.ts)
  await context.addInitScript((id) => localStorage.setItem('hq-dev-openid', JSON.stringify({ data: id })), openid)
  const page = await context.newPage()
  let bytes = 0
  page.on('requestfinished', (request) => {
    void request
      .sizes()
      .then((sizes) => (bytes += sizes.responseBodySize))
      .catch(() => undefined)
  })
  if (throttled) {
    const cdp = await context.newCDPSession(page)
    await cdp.send('Network.enable')
    await cdp.send('Network.emulateNetworkConditions', {
      offline: false,
      latency: 150,
      downloadThroughput: (1.6 * 1024 * 1024) / 8,
      uploadThroughput: (750 * 1024) / 8,
    })
    await cdp.send('Emulation.setCPUThrottlingRate', { rate: 4 })
  }
  await page.goto(url, { waitUntil: 'load' })
  // a string, not a function: tsx would wrap named arrows in a helper the page does not have
  const fcp = await page.evaluate<number>(`new Promise((resolve) => {
    const found = () => performance.getEntriesByName('first-contentful-paint')[0]?.startTime
    if (found() !== undefined) return resolve(found())
    new PerformanceObserver(() => found() !== undefined && resolve(found())).observe({ type: 'paint', buffered: true })
  })`)
  await context.close()
  return { fcp: Math.round(fcp), bytes }
}

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]

async function main(): Promise<void> {
  await buildFunctions()
  const dataDir = mkdtempSync(path.join(os.tmpdir(), 'hq-bench-fcp-'))
  const { cloud, identities, invites } = await openProjectCloud({ dataDir, functionsDir: FUNCTIONS_OUT })
  const server = createDevServer({ cloud, staticDir: STATIC_DIR, identities, invites, compress: COMPRESS })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`
  const browser = await chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    args: ['--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking'],
  })
  try {
    const mine = (await (
      await fetch(`${base}/api/fn/api`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', [DEV_OPENID_HEADER]: 'demo-ent-liquan' },
        body: JSON.stringify({ action: 'ticket.listMine', payload: {} }),
      })
    ).json()) as { ok: boolean; data?: { items: { _id: string }[] } }
    const ticketId = mine.data?.items[0]?._id ?? ''
    const results: Record<string, { medianMs: number; runsMs: number[]; throttledMs: number; bytes: number }> = {}
    for (const probe of PROBES) {
      const url = base + probe.route.replace('{ticket}', encodeURIComponent(ticketId))
      const runs: number[] = []
      let bytes = 0
      for (let i = 0; i < RUNS; i++) {
        const run = await firstContentfulPaint(browser, url, probe.openid, false)
        runs.push(run.fcp)
        bytes = run.bytes
      }
      const throttled = await firstContentfulPaint(browser, url, probe.openid, true)
      results[probe.name] = { medianMs: median(runs), runsMs: runs, throttledMs: throttled.fcp, bytes }
    }
    console.log(JSON.stringify({ staticDir: path.relative(ROOT, STATIC_DIR), compress: COMPRESS, results }, null, 2))
  } finally {
    await browser.close()
    await new Promise<void>((resolve) => server.close(() => resolve()))
    cloud.close()
    rmSync(dataDir, { recursive: true, force: true })
  }
}

void main().catch((err: unknown) => {
  console.error(err)
  process.exit(1)
})
