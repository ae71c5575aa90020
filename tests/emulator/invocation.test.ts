/**
 * Invocations: identity per call (getWXContext through AsyncLocalStorage), round-trip counts, what the
 * function receives and returns, timer triggers, and refusing a wx-server-sdk copy that was not patched.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { IN_MEMORY, openLocalCloud } from '../../emulator'
import { promised, SDK_RUNNER, TEST_MANIFEST, useRunnerCloud } from './harness'
import { scenarios } from './fixtures/scenarios'

const START = new Date('2024-06-03T00:59:58.000Z') // Monday 08:59:58 in UTC+8
let clock = START
const env = useRunnerCloud({ now: () => clock })
beforeEach(() => (clock = START))

/** A promise settled from outside, to make two invocations interleave at chosen points. */
function deferred() {
  let resolve!: () => void
  const promise = new Promise<void>((settle) => (resolve = settle))
  return { promise, resolve }
}

describe('getWXContext', () => {
  it('answers the identity of the invocation it runs in', async () => {
    const context = await env.run(({ cloud }) => cloud.getWXContext(), {
      openid: 'o-1',
      appid: 'wx-app',
      unionid: 'u-1',
    })
    expect(context).toEqual({
      OPENID: 'o-1',
      APPID: 'wx-app',
      UNIONID: 'u-1',
      CLIENTIP: '127.0.0.1',
      ENV: 'local',
      SOURCE: 'wx_client',
    })
  })

  it('keeps concurrent invocations apart, across awaits and database requests', async () => {
    const aStarted = deferred()
    const bDone = deferred()
    const a = env.run(
      async ({ cloud, db }) => {
        const before = cloud.getWXContext().OPENID
        aStarted.resolve()
        await bDone.promise // b runs to the end while a waits here
        await promised(db.collection('users').count())
        return [before, cloud.getWXContext().OPENID]
      },
      { openid: 'o-a' },
    )
    await aStarted.promise
    const b = await env.run(
      async ({ cloud, db }) => {
        await promised(db.collection('users').count())
        return cloud.getWXContext().OPENID
      },
      { openid: 'o-b' },
    )
    bDone.resolve()
    expect({ a: await a, b }).toEqual({ a: ['o-a', 'o-a'], b: 'o-b' })
  })
})

describe('invoke()', () => {
  it('counts the database requests of each invocation separately', async () => {
    const gate = deferred()
    const twice = env.runMeasured(async ({ db }) => {
      await promised(db.collection('users').count())
      await gate.promise
      await promised(db.collection('users').count())
    })
    const once = await env.runMeasured(({ db }) => db.collection('users').count())
    gate.resolve()
    expect([(await twice).dbRoundTrips, once.dbRoundTrips]).toEqual([2, 1])
  })

  it('passes the event and the result through JSON, as callFunction does, and adds userInfo', async () => {
    scenarios.set('echo', ({ event }) => ({ event, at: new Date('2024-01-01T00:00:00Z') }))
    const { result } = await env.cloud.invoke(
      'runner',
      { scenario: 'echo', when: new Date('2024-02-02T00:00:00Z') },
      { openid: 'o-1' },
    )
    expect(result).toEqual({
      event: {
        scenario: 'echo',
        when: '2024-02-02T00:00:00.000Z',
        userInfo: { appId: 'wx0000000000000000', openId: 'o-1' },
      },
      at: '2024-01-01T00:00:00.000Z',
    })
  })

  it('rejects with what main threw', async () => {
    await expect(env.run(() => Promise.reject(new RangeError('boom')))).rejects.toThrow(new RangeError('boom'))
  })

  it('refuses a result over 1 MB (-604001)', async () => {
    await expect(env.run(() => 'x'.repeat(1024 * 1024))).rejects.toThrow(/-604001/)
  })

  it('refuses an unknown function', async () => {
    await expect(env.cloud.invoke('nope', {}, { openid: 'o' })).rejects.toThrow(/no function named nope/)
  })

  it('refuses SDK use outside an invocation', async () => {
    const db = await env.run(({ db }) => db)
    await expect(promised(db.collection('users').count())).rejects.toMatchObject({
      errMsg: expect.stringContaining('outside a function invocation'),
    })
  })
})

describe('timer triggers (config.json: "0 * * * * * *")', () => {
  it('runTimer fires once with the timer event and no user', async () => {
    scenarios.set('everyMinute', ({ cloud, event }) => ({ event, context: cloud.getWXContext() }))
    const { result } = await env.cloud.runTimer('runner')
    expect(result).toEqual({
      event: { Type: 'Timer', TriggerName: 'everyMinute', Time: '2024-06-03T00:59:58Z', Message: '' },
      context: { ENV: 'local', SOURCE: 'wx_trigger' },
    })
  })

  it('startTimers fires when the clock reaches the schedule, and stops', async () => {
    jest.useFakeTimers({ doNotFake: ['nextTick', 'setImmediate', 'queueMicrotask', 'Date', 'performance'] })
    try {
      const fired: string[] = []
      scenarios.set('everyMinute', () => void fired.push(clock.toISOString()))
      const stop = env.cloud.startTimers()
      clock = new Date('2024-06-03T00:59:59.500Z')
      jest.advanceTimersByTime(1000)
      clock = new Date('2024-06-03T01:00:00.400Z') // second 0 of the minute: due
      jest.advanceTimersByTime(1000)
      await new Promise((settle) => setImmediate(settle))
      stop()
      clock = new Date('2024-06-03T01:01:00.000Z')
      jest.advanceTimersByTime(1000)
      await new Promise((settle) => setImmediate(settle))
      expect(fired).toEqual(['2024-06-03T01:00:00.400Z'])
    } finally {
      jest.useRealTimers()
    }
  })
})

describe('the wx-server-sdk copy a function loads', () => {
  let dir: string
  beforeEach(() => (dir = mkdtempSync(path.join(os.tmpdir(), 'local-cloud-fn-'))))
  afterEach(() => rmSync(dir, { recursive: true, force: true }))

  const writeFunction = (withOwnSdk: boolean) => {
    const folder = path.join(dir, 'fn')
    mkdirSync(folder, { recursive: true })
    writeFileSync(
      path.join(folder, 'index.js'),
      "const cloud = require('wx-server-sdk'); exports.main = () => cloud.getWXContext();",
    )
    if (withOwnSdk) {
      const sdk = path.join(folder, 'node_modules', 'wx-server-sdk')
      mkdirSync(sdk, { recursive: true })
      writeFileSync(path.join(sdk, 'package.json'), '{"name":"wx-server-sdk","version":"4.0.2","main":"index.js"}')
      writeFileSync(path.join(sdk, 'index.js'), 'module.exports = {};')
    }
    return path.join(folder, 'index.js')
  }
  const open = (fn: string) =>
    openLocalCloud({ dataDir: IN_MEMORY, manifest: TEST_MANIFEST, functions: { runner: SDK_RUNNER, fn } })

  it('is an error when the function folder has its own wx-server-sdk', () => {
    expect(() => open(writeFunction(true))).toThrow(/function 'fn' has its own wx-server-sdk .*delete .*node_modules/)
  })

  it('is an error when the function cannot resolve wx-server-sdk at all', () => {
    expect(() => open(writeFunction(false))).toThrow(/function 'fn' .* cannot resolve wx-server-sdk/)
  })

  it('is an error when the SDK was initialised before the local cloud patched it', () => {
    jest.isolateModules(() => {
      // a fresh module registry: a test file that imported function code before opening the local cloud
      const nodeSdkMetadata = require.resolve('@cloudbase/node-sdk/dist/utils/metadata.js', {
        paths: [path.dirname(require.resolve('wx-server-sdk'))],
      })
      ;(require(nodeSdkMetadata) as { lookupAppId(): Promise<string> }).lookupAppId = async () => '' // stay offline
      ;(require('wx-server-sdk') as { init(): void }).init()
      const isolated = require('../../emulator') as typeof import('../../emulator')
      expect(() => isolated.openLocalCloud({ dataDir: IN_MEMORY, manifest: TEST_MANIFEST, functions: {} })).toThrow(
        /initialised \(cloud\.init\) before the local cloud patched it/,
      )
    })
  })
})
