/**
 * This project's local cloud: the collection manifest, the built (or source) functions, and the demo data on
 * a fresh data folder. Used by `npm start` and the browser tests, so both run exactly the same set-up.
 */
import { existsSync, readdirSync } from 'node:fs'
import path from 'node:path'
import manifestJson from '../cloudfunctions/db-manifest.json'
import { COLLECTIONS } from '../cloudfunctions/shared/collections'
import { buildDemoDataset, DEMO_IDENTITIES, DEMO_INVITES, historyStartBefore, type DemoOptions } from './demo'
import { openLocalCloud, type DbManifest, type LocalCloud } from './index'
import { STORAGE_ROUTE, type DevIdentityInfo, type DevInviteInfo } from './server'

/** A WeChat user the directory does not know yet: tries the binding flow with a demo invite code. */
export const NEWCOMER: DevIdentityInfo = {
  openid: 'demo-newcomer',
  name: '新用户',
  role: 'none',
  label: '新用户（未绑定，用邀请码绑定）',
}

export const PROJECT_MANIFEST = manifestJson as unknown as DbManifest

/** Every function folder in `functionsDir` that has an index.js (the build output). */
function builtFunctions(functionsDir: string): Record<string, string> {
  const functions: Record<string, string> = {}
  for (const entry of readdirSync(functionsDir, { withFileTypes: true })) {
    const index = path.join(functionsDir, entry.name, 'index.js')
    if (entry.isDirectory() && existsSync(index)) functions[entry.name] = index
  }
  return functions
}

/**
 * Loads the demo dataset into a store without users; a store that has users already is left alone.
 * Users go in last, so a seed interrupted halfway has none: the next start clears the rest and seeds again.
 */
export function seedDemoData(cloud: LocalCloud, options: DemoOptions = {}): boolean {
  if (cloud.store.count(COLLECTIONS.users) > 0) return false
  cloud.store.clear()
  const demo = buildDemoDataset(options)
  cloud.store.insertMany(COLLECTIONS.units, [...demo.units, ...demo.taskForces])
  cloud.store.insertMany(COLLECTIONS.enterprises, demo.enterprises)
  cloud.store.insertMany(COLLECTIONS.leaders, demo.leaders)
  cloud.store.insertMany(COLLECTIONS.commissioners, demo.commissioners)
  cloud.store.insertMany(COLLECTIONS.serviceTeams, demo.serviceTeams)
  cloud.store.insertMany(COLLECTIONS.arrangements, demo.arrangements)
  cloud.store.insertMany(COLLECTIONS.receptionDays, demo.receptionDays)
  cloud.store.insertMany(COLLECTIONS.tickets, demo.tickets)
  cloud.store.insertMany(COLLECTIONS.tickets, demo.commitmentTickets)
  cloud.store.insertMany(COLLECTIONS.meetings, demo.meetings)
  cloud.store.insertMany(COLLECTIONS.counters, demo.counters)
  cloud.store.insertMany(COLLECTIONS.invites, demo.invites)
  cloud.store.insertMany(COLLECTIONS.bindings, demo.bindings)
  cloud.store.insertMany(COLLECTIONS.users, demo.users)
  cloud.store.insertMany(COLLECTIONS.visits, demo.visits)
  cloud.store.insertMany(COLLECTIONS.visitCoverage, demo.visitCoverage)
  return true
}

export async function openProjectCloud(opts: { dataDir: string; functionsDir: string }) {
  const functions = builtFunctions(opts.functionsDir)
  if (!functions.api) throw new Error(`${opts.functionsDir} has no built api function: run npm run build:cloud`)
  // requireIndexes: a query without its index in the manifest fails in development, not in production
  const cloud = openLocalCloud({
    dataDir: opts.dataDir,
    manifest: PROJECT_MANIFEST,
    functions,
    requireIndexes: true,
    // exports open as real downloads in the browser (emulator/server.ts STORAGE_ROUTE)
    storageUrlBase: STORAGE_ROUTE,
  })
  // The demo year ends yesterday, so its open tickets have live time limits and nothing in it lies in the
  // future at any hour (the seed's own year is 2021; the figures are the same either way: tests/demo
  // checks shifted histories and seeding at several hours of a day).
  const seeded = seedDemoData(cloud, { historyStart: historyStartBefore(new Date()) })
  const identities: DevIdentityInfo[] = [
    ...DEMO_IDENTITIES.map(({ openid, name, role, label }) => ({ openid, name, role, label })),
    NEWCOMER,
  ]
  const invites: DevInviteInfo[] = DEMO_INVITES.map(({ code, label, expired }) => ({
    code,
    label: expired ? `${label}（已过期）` : label,
  }))
  return { cloud, identities, invites, seeded }
}
