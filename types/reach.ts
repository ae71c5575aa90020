/**
 * Who WeChat can reach now (issue 10 item 4): per person, the consents left for each template their role is
 * asked for (one-time, counted by us; or a long-term subscription), and the messages that reached 消息 only.
 * Server: `reach.list` / `reach.remind` (cloudfunctions/api/actions/reach.ts).
 */
import type { Role } from './domain'

export interface ReachTemplate {
  templateKey: string
  title: string
  /** its id is set in this environment */
  configured: boolean
  remaining: number | 'unlimited'
}

export interface PersonReach {
  openid: string
  name: string
  roles: Role[]
  templates: ReachTemplate[]
  /** at least one configured template of their groups has a consent left (or a long-term subscription) */
  reachable: boolean
  /** messages that reached 消息 only: no consent left, no template id, or refused by WeChat, and no SMS */
  inAppOnly: number
  /** messages WeChat missed that went out as SMS instead (短信已发送) */
  bySms: number
  /** SMS counted for them today (Beijing day), against the daily limit */
  smsToday: number
  /** a verified phone: reminders and 督办 WeChat cannot carry fall back to SMS */
  hasVerifiedPhone: boolean
}

export interface ReachPage {
  items: PersonReach[]
  nextCursor: string | null
}
