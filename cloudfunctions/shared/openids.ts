/**
 * No OPENID leaves the server except the caller's own (issue 8 §6): an OPENID is the key to a person's
 * WeChat identity across the app (subscribe messages, storage folders), so views show names, and keep an
 * OPENID only where it is the caller's. `system` (the timer acting on its own) is not an OPENID.
 */
const NOT_AN_OPENID = new Set(['system', ''])

/** The OPENID as a view may show it to `caller`: the caller's own (or `system`), else ''. */
export function shownOpenId(openid: string, caller: string): string {
  return openid === caller || NOT_AN_OPENID.has(openid) ? openid : ''
}

/** The same for a field that may be empty: someone else's OPENID becomes null. */
export function shownOpenIdOrNull(openid: string | null | undefined, caller: string): string | null {
  return openid && (openid === caller || NOT_AN_OPENID.has(openid)) ? openid : null
}
