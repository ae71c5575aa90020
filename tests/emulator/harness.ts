/**
 * A local cloud whose one function, `runner`, runs the body each test hands it: the test's code calls the
 * real wx-server-sdk exactly as a cloud function does, inside a real invocation.
 */
import path from 'node:path'
import {
  IN_MEMORY,
  openLocalCloud,
  type DbManifest,
  type DevIdentity,
  type InvokeResult,
  type LocalCloudOptions,
} from '../../emulator'
import { outcomes, scenarios, type ScenarioArgs } from './fixtures/scenarios'

export const SDK_RUNNER = path.join(__dirname, 'fixtures', 'sdk-runner', 'index.ts')

export const ENTERPRISE: DevIdentity = { openid: 'o-enterprise' }

/** Two indexed collections: a compound index with a due time, and a multikey (array) field. */
export const TEST_MANIFEST: DbManifest = {
  collections: {
    tickets: {
      indexes: [
        { name: 'by_state_due', keys: { state: 1, replyDueAt: 1 } },
        { name: 'by_units', keys: { units: 1 } },
      ],
    },
    users: { indexes: [] },
  },
}

/** `db.command` */
export type Command = ScenarioArgs['_']

/**
 * What a body resolves to. The SDK's typings add `void | string` (a callback style) to every database
 * result, though without a callback each call is a Promise (contract item 64): strip them, unless the
 * body itself returns only a string.
 */
export type Settled<R> = [Exclude<Awaited<R>, void | string>] extends [never]
  ? Awaited<R>
  : Exclude<Awaited<R>, void | string>

/** The same for one call inside a body: `(await promised(ref.get())).data`. */
export function promised<T>(result: Promise<T> | void | string): Promise<T> {
  return result as Promise<T>
}

let scenarioCount = 0

export function openRunnerCloud(options: Partial<LocalCloudOptions> = {}) {
  const cloud = openLocalCloud({
    dataDir: IN_MEMORY,
    manifest: TEST_MANIFEST,
    functions: { runner: SDK_RUNNER },
    ...options,
  })

  /** Runs `body` in the runner function invoked by `identity`; also reports the invocation's statistics. */
  async function runMeasured<R>(
    body: (args: ScenarioArgs) => R,
    identity: DevIdentity = ENTERPRISE,
  ): Promise<InvokeResult & { outcome: Settled<R> }> {
    const scenario = `scenario-${++scenarioCount}`
    scenarios.set(scenario, body)
    try {
      const invoked = await cloud.invoke('runner', { scenario }, identity)
      return { ...invoked, outcome: outcomes.get(scenario) as Settled<R> }
    } finally {
      scenarios.delete(scenario)
      outcomes.delete(scenario)
    }
  }

  /** Runs `body` in the runner function; resolves with what it returned, rejects with what it threw. */
  async function run<R>(body: (args: ScenarioArgs) => R, identity: DevIdentity = ENTERPRISE): Promise<Settled<R>> {
    return (await runMeasured(body, identity)).outcome
  }

  return { cloud, run, runMeasured }
}

export type RunnerCloud = ReturnType<typeof openRunnerCloud>

/** Opens a fresh in-memory runner cloud before each test of the file and closes it after. */
export function useRunnerCloud(options: Partial<LocalCloudOptions> = {}): RunnerCloud {
  const current = {} as RunnerCloud
  beforeEach(() => Object.assign(current, openRunnerCloud(options)))
  afterEach(() => current.cloud.close())
  return current
}
