/**
 * H5 against the local cloud only: the demo identities the local server offers (GET /api/dev/identities).
 * The mini-program never calls this; in the WeChat cloud identity is the OPENID alone.
 */
import Taro from '@tarojs/taro'
import { getDevOpenId, setDevOpenId } from './session'

export interface DevIdentity {
  openid: string
  name: string
  role: string
  label: string
}

export const DEV_IDENTITIES_PATH = '/api/dev/identities'
export const DEV_INVITES_PATH = '/api/dev/invites'

export interface DevInvite {
  code: string
  label: string
}

/** Demo invite codes for trying the binding flow (local server only). */
export async function fetchDevInvites(): Promise<DevInvite[]> {
  try {
    const res = await Taro.request({ url: DEV_INVITES_PATH, method: 'GET' })
    return Array.isArray(res.data) ? (res.data as DevInvite[]) : []
  } catch {
    return []
  }
}

export async function fetchDevIdentities(): Promise<DevIdentity[]> {
  try {
    const res = await Taro.request({ url: DEV_IDENTITIES_PATH, method: 'GET' })
    return Array.isArray(res.data) ? (res.data as DevIdentity[]) : []
  } catch {
    return []
  }
}

let choosing: Promise<void> | null = null

/** On H5 with no identity chosen yet, act as the first demo identity so the app opens usable. */
export function ensureDevIdentity(): Promise<void> {
  if (getDevOpenId()) return Promise.resolve()
  choosing ??= fetchDevIdentities().then(([first]) => {
    if (first && !getDevOpenId()) setDevOpenId(first.openid)
  })
  return choosing
}
