/**
 * Subscribe-message configuration of this environment: which templates have an id (environment variables
 * HQ_TPL_*, never in code: core/reminders/templates.ts), which templates the app asks consent for at which
 * tap, and the mini-program version messages open.
 */
import type { Role } from '../../types/domain'
import {
  defaultTemplateRegistry,
  resolveTemplateIds,
  type ResolvedTemplateIds,
  type TemplateRegistry,
} from '../core/reminders'

/** The template ids set in this function's environment (read on every call: the console can change them). */
export function currentTemplateIds(registry: TemplateRegistry = defaultTemplateRegistry()): ResolvedTemplateIds {
  return resolveTemplateIds(process.env, registry)
}

/** subscribeMessage.send's miniprogramState: which version of the app a message opens. */
export const MINIPROGRAM_STATES = ['formal', 'trial', 'developer'] as const
export type MiniprogramState = (typeof MINIPROGRAM_STATES)[number]

/** HQ_MINIPROGRAM_STATE (default formal: the released version; trial/developer while testing). */
export function miniprogramState(): MiniprogramState {
  const value = process.env.HQ_MINIPROGRAM_STATE
  return (MINIPROGRAM_STATES as readonly string[]).includes(value ?? '') ? (value as MiniprogramState) : 'formal'
}

/**
 * The taps at which the app asks for consent (wx.requestSubscribeMessage must run inside a tap, ≤ 3 templates):
 * `submit` — 提交诉求 (or entering a hotline call); `inbox` — opening one's workspace or a ticket;
 * `afterSign` — 签收, when the unit takes the ticket on and its reminders start to matter.
 */
export const SUBSCRIBE_OCCASIONS = ['submit', 'inbox', 'afterSign'] as const
export type SubscribeOccasion = (typeof SUBSCRIBE_OCCASIONS)[number]

/** The registry's subscribe group (config/notifications/templates.json) for each occasion and role. */
export const SUBSCRIBE_GROUP_BY_OCCASION: { readonly [O in SubscribeOccasion]: Partial<Record<Role, string>> } = {
  submit: { enterprise: 'enterpriseOnSubmit', dispatcher: 'dispatcherQueue', commissioner: 'commissionerHome' },
  inbox: {
    enterprise: 'enterpriseOnTicket',
    handler: 'unitInbox',
    unitHead: 'unitHeadDesk',
    dispatcher: 'dispatcherQueue',
    commissioner: 'commissionerHome',
    leader: 'leaderHome',
  },
  afterSign: { handler: 'unitInbox', unitHead: 'unitHeadDesk' },
}

/** The subscribe group a role is asked for at a tap, or null when it has none there. */
export function subscribeGroupFor(occasion: SubscribeOccasion, role: Role): string | null {
  return SUBSCRIBE_GROUP_BY_OCCASION[occasion][role] ?? null
}

/** Every group a role may be asked for (the admin sees all), in registry order. */
export function subscribeGroupsOf(role: Role, registry: TemplateRegistry = defaultTemplateRegistry()): string[] {
  const groups = Object.keys(registry.subscribeGroups)
  if (role === 'admin') return groups
  const mine = new Set(
    SUBSCRIBE_OCCASIONS.map((occasion) => subscribeGroupFor(occasion, role)).filter((group) => group !== null),
  )
  return groups.filter((group) => mine.has(group))
}
