/**
 * The local cloud (DESIGN.md §5): runs the unmodified cloud functions with the real wx-server-sdk,
 * answering the requests it would send to the WeChat cloud in-process (see sdk-seam.ts and README.md).
 * Dev and tests only; never deployed.
 */
import { randomBytes } from 'node:crypto'
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { Readable } from 'node:stream'
import { performance } from 'node:perf_hooks'
import { DbError } from './database/db-error'
import { DocumentStore } from './database/document-store'
import { coveringIndex, filterFields } from './database/index-coverage'
import { DatabaseServer, type DbRequest } from './database/server'
import { newDocId, isPlainObject, type Doc } from './database/values'
import { WireCodec } from './database/wire'
import { describeFunction, loadMain, type CloudFunctionMain, type FunctionSpec } from './functions'
import { runInvocation, type CloudBackend, type Invocation, type TcbParams, type WxContext } from './invocation'
import { OpenApiStandIn } from './openapi'
import { installSeam } from './sdk-seam'
import { FileStorage } from './storage'
import type { DevIdentity, InvokeResult, LocalCloud, LocalCloudOptions, LocalRecords } from './types'

export type {
  DbManifest,
  DevIdentity,
  InvokeResult,
  LocalCloud,
  LocalCloudOptions,
  LocalRecords,
  RecordedCall,
} from './types'
export { SEC_CHECK_MARKERS, standInPhoneNumber } from './openapi'

/** `dataDir` value for a database that lives in memory and vanishes on close. */
export const IN_MEMORY = ':memory:'

/** getWXContext().ENV inside the local cloud. */
const LOCAL_ENV = 'local'
/** APPID of identities that do not name one. */
const LOCAL_APPID = 'wx0000000000000000'
/** callFunction results are limited to 1 MB: -604001 'cloudfunction result size exceed limit (1MB)' (W:3173). */
const MAX_RESULT_BYTES = 1024 * 1024
/** A late timer tick still fires what it missed, up to this far back. */
const MAX_TIMER_CATCH_UP_SECONDS = 60

export function openLocalCloud(options: LocalCloudOptions): LocalCloud {
  return new LocalCloudInstance(options)
}

class LocalCloudInstance implements LocalCloud, CloudBackend {
  readonly store: LocalCloud['store']
  readonly records: LocalRecords
  private readonly now: () => Date
  private readonly documents: DocumentStore
  private readonly database: DatabaseServer
  private readonly openapi: OpenApiStandIn
  private readonly files: FileStorage
  private readonly functions: Map<string, FunctionSpec>
  private readonly mains = new Map<string, CloudFunctionMain>()
  private readonly timerStops = new Set<() => void>()
  /** a storage folder this instance made for itself, removed on close */
  private readonly scratchDir?: string

  constructor(options: LocalCloudOptions) {
    this.now = options.now ?? (() => new Date())
    const seam = installSeam()
    this.functions = new Map(
      Object.entries(options.functions).map(([name, modulePath]) => [
        name,
        describeFunction(name, modulePath, seam.sdkPath),
      ]),
    )
    const inMemory = options.dataDir === IN_MEMORY
    if (!inMemory) mkdirSync(options.dataDir, { recursive: true })
    this.documents = new DocumentStore(inMemory ? IN_MEMORY : join(options.dataDir, 'cloud.sqlite'), options.manifest)
    if (inMemory && !options.storageDir) this.scratchDir = mkdtempSync(join(tmpdir(), 'local-cloud-storage-'))
    const manifest = options.manifest
    const checkIndexes = options.requireIndexes
      ? (collection: string, filter: Record<string, unknown>, sort?: Record<string, unknown>) => {
          if (coveringIndex(manifest, collection, filter, sort) !== null) return
          const fields = [...new Set([...filterFields(filter), ...Object.keys(sort ?? {})])].join(', ')
          throw new DbError(
            'DATABASE_REQUEST_FAILED',
            `no index in db-manifest.json covers this ${collection} query on (${fields}): add one`,
          )
        }
      : undefined
    this.database = new DatabaseServer(this.documents, new WireCodec(seam.bson, this.now), checkIndexes)
    this.openapi = new OpenApiStandIn(seam.openApiMessages, this.now)
    this.records = this.openapi.records
    const storageDir = options.storageDir ?? this.scratchDir ?? join(options.dataDir, 'storage')
    this.files = new FileStorage(storageDir, this.records.uploads, this.now, options.storageUrlBase)
    const documents = this.documents
    this.store = {
      insertMany(collection, docs) {
        documents.atomically(() => {
          for (const doc of docs)
            documents.insert(collection, ('_id' in doc ? doc : { _id: newDocId(), ...doc }) as Doc)
        })
      },
      find: (collection, query = {}) => documents.find(collection, query as Record<string, unknown>),
      count: (collection, query = {}) => documents.count(collection, query as Record<string, unknown>),
      clear: (collection) => documents.clear(collection),
    }
  }

  functionNames(): string[] {
    return [...this.functions.keys()]
  }

  async invoke(name: string, event: unknown, identity: DevIdentity): Promise<InvokeResult> {
    const appid = identity.appid ?? LOCAL_APPID
    const data = JSON.parse(JSON.stringify(event ?? {})) as unknown
    if (!isPlainObject(data))
      throw new Error(`local cloud: the event for ${name} must be an object, as callFunction data is`)
    // the platform adds the caller to a mini-program's event; functions must not trust it (getWXContext is the identity)
    const clientEvent = { ...data, userInfo: { appId: appid, openId: identity.openid } }
    return this.run(this.spec(name), clientEvent, {
      OPENID: identity.openid,
      APPID: appid,
      ...(identity.unionid && { UNIONID: identity.unionid }),
      CLIENTIP: '127.0.0.1',
      ENV: LOCAL_ENV,
      SOURCE: 'wx_client',
    })
  }

  async runTimer(functionName: string): Promise<InvokeResult> {
    const spec = this.spec(functionName)
    if (!spec.timer) throw new Error(`local cloud: ${functionName} has no timer trigger in its config.json`)
    // the event a timer trigger passes; the context has no user (its exact SOURCE is [UNC])
    const event = {
      Type: 'Timer',
      TriggerName: spec.timer.name,
      Time: this.now()
        .toISOString()
        .replace(/\.\d{3}Z$/, 'Z'),
      Message: '',
    }
    return this.run(spec, event, { ENV: LOCAL_ENV, SOURCE: 'wx_trigger' })
  }

  startTimers(): () => void {
    const timed = [...this.functions.values()].filter((spec) => spec.timer)
    let checkedUpTo = this.currentSecond()
    const tick = () => {
      const current = this.currentSecond()
      for (const spec of timed) {
        // every second since the last tick, so a late tick misses nothing; one run per tick at most
        for (
          let second = Math.max(checkedUpTo + 1, current - MAX_TIMER_CATCH_UP_SECONDS);
          second <= current;
          second++
        ) {
          if (!spec.timer?.schedule.matches(new Date(second * 1000))) continue
          this.runTimer(spec.name).catch((error: unknown) =>
            console.error(`[local cloud] timer of ${spec.name} failed`, error),
          )
          break
        }
      }
      checkedUpTo = Math.max(checkedUpTo, current)
    }
    const interval = setInterval(tick, 1000)
    interval.unref()
    const stop = () => {
      clearInterval(interval)
      this.timerStops.delete(stop)
    }
    this.timerStops.add(stop)
    return stop
  }

  close(): void {
    this.timerStops.forEach((stop) => stop())
    this.documents.close()
    if (this.scratchDir) rmSync(this.scratchDir, { recursive: true, force: true })
  }

  answer(params: TcbParams, invocation: Invocation): unknown {
    const requestId = randomBytes(8).toString('hex')
    if (params.action.startsWith('database.')) {
      invocation.dbRoundTrips += 1
      return { ...this.database.handle(params as DbRequest), requestId }
    }
    if (params.action === 'wx.openApi') return this.openapi.answer(params, invocation)
    if (params.action.startsWith('storage.')) return { ...this.files.answer(params), requestId }
    throw new Error(`local cloud does not emulate ${params.action}`)
  }

  uploadFile(cloudPath: string, content: Buffer | Readable, invocation: Invocation): Promise<string> {
    return this.files.upload(cloudPath, content, invocation)
  }

  downloadFile(fileID: string) {
    return this.files.download(fileID)
  }

  storageFile(cloudPath: string): string | undefined {
    return this.files.localFile(cloudPath)
  }

  private async run(spec: FunctionSpec, event: object, wxContext: WxContext): Promise<InvokeResult> {
    const main = this.main(spec)
    const invocation: Invocation = { backend: this, fn: spec, wxContext, dbRoundTrips: 0 }
    const context = { function_name: spec.name, request_id: randomBytes(16).toString('hex'), namespace: LOCAL_ENV }
    const started = performance.now()
    const result = await runInvocation(invocation, () => main(event, context))
    return {
      result: asDelivered(spec.name, result),
      dbRoundTrips: invocation.dbRoundTrips,
      durationMs: performance.now() - started,
    }
  }

  /** Loaded on first use, as a cold start would; installSeam first, in case the registry was reset since. */
  private main(spec: FunctionSpec): CloudFunctionMain {
    let main = this.mains.get(spec.name)
    if (!main) {
      installSeam()
      main = loadMain(spec)
      this.mains.set(spec.name, main)
    }
    return main
  }

  private spec(name: string): FunctionSpec {
    const spec = this.functions.get(name)
    if (!spec)
      throw new Error(`local cloud: no function named ${name} (known: ${[...this.functions.keys()].join(', ')})`)
    return spec
  }

  private currentSecond(): number {
    return Math.floor(this.now().getTime() / 1000)
  }
}

/** The result as callFunction delivers it: through JSON, within 1 MB. */
function asDelivered(name: string, result: unknown): unknown {
  if (result === undefined) return undefined
  const json = JSON.stringify(result)
  const bytes = Buffer.byteLength(json)
  if (bytes > MAX_RESULT_BYTES) {
    throw new Error(
      `local cloud: ${name} returned ${bytes} bytes; -604001 cloudfunction result size exceed limit (1MB)`,
    )
  }
  return JSON.parse(json) as unknown
}
