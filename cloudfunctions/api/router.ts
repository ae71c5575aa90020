/**
 * One router for the `api` function (STYLE.md §5): parse the envelope, find the action, establish who is
 * calling, check the role, validate the payload, run, and map anything thrown to one envelope.
 * An unknown action is an explicit error, never `undefined`.
 */
import * as z from 'zod/mini'
import type { ActionMap, ActionName } from '../../types/actions'
import type { ApiResult } from '../../types/api'
import type { AppUser, RoleGrant } from '../../types/domain'
import { fieldErrors, requestIdSchema } from '../../types/schemas'
import { scopeOf } from '../shared/access'
import { callerOpenId } from '../shared/cloud'
import { AppError, toFailure } from '../shared/errors'
import { loadUser, pickGrant } from '../shared/users'

export interface ActionContext {
  openid: string
  user: AppUser
  grant: RoleGrant
  /** present for actions declared `idempotent` */
  requestId: string
  now: Date
}

/** What an action that works before binding gets: the caller's record and grant, when they have them. */
export interface UnboundActionContext extends Omit<ActionContext, 'user' | 'grant'> {
  user: AppUser | null
  grant: RoleGrant | null
}

/** Who may call an action, and on whose data, is the policy table's business (ACCESS_POLICY, shared/access.ts). */
interface ActionDefBase {
  /** a retry key is required and a retried call returns the first result */
  idempotent?: boolean
  payload: z.ZodMiniType<unknown>
}

export interface BoundActionDef<A extends ActionName> extends ActionDefBase {
  allowUnbound?: false
  handle(ctx: ActionContext, payload: ActionMap[A]['payload']): Promise<ActionMap[A]['result']>
}

/** An action an OPENID with no users record (or no grant yet) may call: binding, privacy, phone. */
export interface UnboundActionDef<A extends ActionName> extends ActionDefBase {
  allowUnbound: true
  handle(ctx: UnboundActionContext, payload: ActionMap[A]['payload']): Promise<ActionMap[A]['result']>
}

export type ActionDef<A extends ActionName> = BoundActionDef<A> | UnboundActionDef<A>

/** The actions one function answers (api: ApiFunctionAction; export: ExportFunctionAction, types/functions.ts). */
export type ActionTable<N extends ActionName = ActionName> = { [A in N]: ActionDef<A> }

const envelopeSchema = z.object({
  action: z.string(),
  payload: z.optional(z.unknown()),
  requestId: z.optional(requestIdSchema),
  role: z.optional(z.string()),
})

/** callFunction results are JSON: turn Dates into ISO strings here, once, so tests see what the app sees. */
function toWire<T>(value: T): unknown {
  return JSON.parse(JSON.stringify(value))
}

export function createRouter(actions: Partial<ActionTable>, clock: () => Date = () => new Date()) {
  return async function route(event: unknown): Promise<ApiResult<unknown>> {
    const envelope = envelopeSchema.safeParse(event)
    if (!envelope.success) {
      return toFailure(new AppError('INVALID_INPUT', '请求格式不正确', fieldErrors(envelope.error)), 'unknown')
    }
    const { action, requestId, role } = envelope.data
    try {
      if (!Object.prototype.hasOwnProperty.call(actions, action)) {
        throw new AppError('INVALID_INPUT', `不支持的操作：${action}`)
      }
      const def = actions[action as ActionName] as ActionDef<ActionName>
      const openid = callerOpenId()
      if (!openid) throw new AppError('UNAUTHENTICATED')
      const user = await loadUser(openid)
      // binding, privacy and phone actions serve a caller with no record or no grant yet
      const bound = user !== null && user.grants.length > 0
      if (!bound && !def.allowUnbound) {
        if (!user) throw new AppError('UNAUTHENTICATED', '您还未绑定身份，请使用市重点办发放的邀请码绑定')
        pickGrant(user, role) // throws UNAUTHENTICATED: no grant yet
      }
      const grant = bound ? pickGrant(user, role) : null
      if (grant && scopeOf(action, grant.role) === undefined) throw new AppError('FORBIDDEN')
      if (def.idempotent && !requestId) throw new AppError('INVALID_INPUT', '缺少请求编号，请刷新后重试')
      const payload = def.payload.safeParse(envelope.data.payload ?? {})
      if (!payload.success) {
        const fields = fieldErrors(payload.error)
        throw new AppError('INVALID_INPUT', Object.values(fields)[0], fields)
      }
      const base = { openid, requestId: requestId ?? '', now: clock() }
      const data = def.allowUnbound
        ? await def.handle({ ...base, user, grant }, payload.data as never)
        : await def.handle({ ...base, user: user as AppUser, grant: grant as RoleGrant }, payload.data as never)
      return { ok: true, data: toWire(data) }
    } catch (thrown) {
      return toFailure(thrown, action)
    }
  }
}
