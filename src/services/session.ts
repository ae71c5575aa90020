/**
 * Which role the user acts as, and (H5 against the local cloud only) which demo identity they are.
 * Kept in local storage so a reload keeps the choice.
 */
import Taro from '@tarojs/taro'
import type { Role } from '../../types/domain'

const ACTIVE_ROLE_KEY = 'hq-active-role'
const DEV_OPENID_KEY = 'hq-dev-openid'

export function getActiveRole(): Role | undefined {
  return (Taro.getStorageSync(ACTIVE_ROLE_KEY) as Role) || undefined
}
export function setActiveRole(role: Role | undefined): void {
  if (role) Taro.setStorageSync(ACTIVE_ROLE_KEY, role)
  else Taro.removeStorageSync(ACTIVE_ROLE_KEY)
}

/** The dev identity the local server should act as; honoured only by the local server (DESIGN.md §5). */
export function getDevOpenId(): string | undefined {
  return (Taro.getStorageSync(DEV_OPENID_KEY) as string) || undefined
}
export function setDevOpenId(openid: string): void {
  Taro.setStorageSync(DEV_OPENID_KEY, openid)
  // a new identity starts from its own first role
  setActiveRole(undefined)
}
