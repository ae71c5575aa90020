import { AsyncLocalStorage } from 'node:async_hooks'
import type { Readable } from 'node:stream'
import type { FunctionSpec } from './functions'

/** What `cloud.getWXContext()` returns inside a function (wx-server-sdk W:2970 reads it from process.env). */
export interface WxContext {
  OPENID?: string
  APPID?: string
  UNIONID?: string
  CLIENTIP?: string
  ENV: string
  SOURCE: string
}

/** A TCB API call as node-sdk's tcbapirequester.request receives it (`args.params`). */
export interface TcbParams {
  action: string
  [param: string]: unknown
}

/** The local cloud's side of the seam: what answers the SDK's requests during an invocation. */
export interface CloudBackend {
  /** the response body the TCB HTTP API would have returned */
  answer(params: TcbParams, invocation: Invocation): unknown
  /** file bytes go to COS directly, not through the TCB API (node-sdk storage/index.js uploadFile) */
  uploadFile(cloudPath: string, content: Buffer | Readable, invocation: Invocation): Promise<string>
  /** node-sdk's downloadFile result: the bytes, or an error body */
  downloadFile(fileID: string): { fileContent: Buffer } | { code: string; message: string }
}

/** One running call of a cloud function. */
export interface Invocation {
  backend: CloudBackend
  fn: FunctionSpec
  wxContext: WxContext
  dbRoundTrips: number
}

const STORAGE_KEY = Symbol.for('huiqitong.localCloud.invocations')
type GlobalWithStorage = typeof globalThis & { [STORAGE_KEY]?: AsyncLocalStorage<Invocation> }

/**
 * One AsyncLocalStorage per global, not per module instance: the SDK is patched once per module registry,
 * and under jest a second copy of this module (after jest.resetModules) must still see the same context.
 */
const invocations = ((globalThis as GlobalWithStorage)[STORAGE_KEY] ??= new AsyncLocalStorage<Invocation>())

export function runInvocation<T>(invocation: Invocation, body: () => T): T {
  return invocations.run(invocation, body)
}

export function activeInvocation(): Invocation | undefined {
  return invocations.getStore()
}

/** The invocation a request belongs to; the SDK used outside any (e.g. at module load) is a bug. */
export function requireInvocation(what: string): Invocation {
  const invocation = invocations.getStore()
  if (!invocation) {
    throw new Error(`local cloud: ${what} was called outside a function invocation (e.g. while the module loaded)`)
  }
  return invocation
}
