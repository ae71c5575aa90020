/**
 * A fresh local cloud per test file: the real `api` function source, the real wx-server-sdk, the project's
 * collection manifest, and a throw-away data folder.
 */
import { mkdtempSync, rmSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import type { ActionMap, ActionName, ActionResult } from '../../types/actions'
import type { ApiResult } from '../../types/api'
import { openLocalCloud, type DbManifest } from '../../emulator'
import manifestJson from '../../cloudfunctions/db-manifest.json'
import { functionFor } from '../../types/functions'

export const API_SOURCE = path.resolve(__dirname, '../../cloudfunctions/api/index.ts')
/** the timer function (reminders, 督办, sending), loaded on its first run */
export const SCHEDULER_SOURCE = path.resolve(__dirname, '../../cloudfunctions/scheduler/index.ts')
/** the spreadsheet function (types/functions.ts says which actions it answers) */
export const EXPORT_SOURCE = path.resolve(__dirname, '../../cloudfunctions/export/index.ts')

export function openTestCloud() {
  const dataDir = mkdtempSync(path.join(os.tmpdir(), 'hq-test-'))
  const cloud = openLocalCloud({
    dataDir,
    manifest: manifestJson as unknown as DbManifest,
    functions: { api: API_SOURCE, scheduler: SCHEDULER_SOURCE, export: EXPORT_SOURCE },
    // every query the functions make must have its index in the manifest
    requireIndexes: true,
  })

  /** Call the function that answers `action` (api, or export for spreadsheets) as `openid` would from the app. */
  async function callWithStats<A extends ActionName>(
    openid: string,
    action: A,
    payload?: ActionMap[A]['payload'] | Record<string, unknown>,
    extra: { requestId?: string; role?: string } = {},
  ) {
    const { result, dbRoundTrips } = await cloud.invoke(functionFor(action), { action, payload, ...extra }, { openid })
    return { result: result as ApiResult<ActionResult<A>>, dbRoundTrips }
  }

  async function call<A extends ActionName>(
    openid: string,
    action: A,
    payload?: ActionMap[A]['payload'] | Record<string, unknown>,
    extra: { requestId?: string; role?: string } = {},
  ): Promise<ApiResult<ActionResult<A>>> {
    return (await callWithStats(openid, action, payload, extra)).result
  }

  /** Fire the scheduler's timer trigger once, as the cloud does every 10 minutes. */
  function runScheduler() {
    return cloud.runTimer('scheduler')
  }

  function close() {
    cloud.close()
    rmSync(dataDir, { recursive: true, force: true })
  }
  return { cloud, call, callWithStats, runScheduler, close, dataDir }
}
