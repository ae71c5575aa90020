/**
 * The one door from the app to the cloud (STYLE.md §8): pages call `callCloud`, never Taro.cloud directly.
 * weapp: Taro.cloud.callFunction; H5: the same event POSTed to the local server. The function is the one that
 * answers the action (types/functions.ts: `api`, or `export` for spreadsheets).
 * It never throws: transport failures come back as an INTERNAL envelope with a Chinese message.
 */
import Taro from '@tarojs/taro'
import type { ActionMap, ActionName, ActionResult } from '../../types/actions'
import { DEV_OPENID_HEADER, type ApiRequest, type ApiResult } from '../../types/api'
import { functionFor } from '../../types/functions'
import { ensureDevIdentity } from './devIdentities'
import { getActiveRole, getDevOpenId } from './session'

export const API_FUNCTION = 'api'
/** Local server route for a function (see emulator/server.ts). */
export const LOCAL_FUNCTION_PATH = '/api/fn/'

const NETWORK_FAILURE: ApiResult<never> = {
  ok: false,
  error: { code: 'INTERNAL', message: '网络异常，请检查网络后重试' },
}

export interface CallOptions {
  /** retry key for actions that create something; reuse it when retrying the same submit */
  requestId?: string
}

async function send(event: ApiRequest): Promise<unknown> {
  const name = functionFor(event.action)
  if (process.env.TARO_ENV === 'weapp') {
    const res = await Taro.cloud.callFunction({ name, data: event as unknown as Record<string, unknown> })
    return res.result
  }
  await ensureDevIdentity()
  const devOpenId = getDevOpenId()
  const res = await Taro.request({
    url: LOCAL_FUNCTION_PATH + name,
    method: 'POST',
    data: event,
    header: { 'content-type': 'application/json', ...(devOpenId ? { [DEV_OPENID_HEADER]: devOpenId } : {}) },
  })
  return res.data
}

function isEnvelope(value: unknown): value is ApiResult<unknown> {
  return typeof value === 'object' && value !== null && typeof (value as { ok?: unknown }).ok === 'boolean'
}

export async function callCloud<A extends ActionName>(
  action: A,
  payload: ActionMap[A]['payload'],
  options: CallOptions = {},
): Promise<ApiResult<ActionResult<A>>> {
  const event: ApiRequest = { action, payload }
  const role = getActiveRole()
  if (role) event.role = role
  if (options.requestId) event.requestId = options.requestId
  try {
    const result = await send(event)
    return isEnvelope(result) ? (result as ApiResult<ActionResult<A>>) : NETWORK_FAILURE
  } catch {
    // a tap while offline says so, instead of a generic failure
    return isOffline() ? OFFLINE_FAILURE : NETWORK_FAILURE
  }
}

/** A fresh retry key: 20 base-36 chars from time and randomness (only uniqueness matters). */
export function newRequestId(): string {
  return (Date.now().toString(36) + Math.random().toString(36).slice(2, 12)).padEnd(20, '0').slice(0, 20)
}

const OFFLINE_FAILURE = {
  ok: false,
  error: { code: 'INTERNAL', message: '网络未连接，请检查网络后重试' },
} as const satisfies ApiResult<never>

/** The browser knows when it is offline (H5); in WeChat a failed call says the network is unavailable. */
function isOffline(): boolean {
  return process.env.TARO_ENV === 'h5' && typeof navigator !== 'undefined' && navigator.onLine === false
}
