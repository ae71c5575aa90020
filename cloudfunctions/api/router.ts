/**
 * One router for the `api` function (STYLE.md §5): parse the envelope, find the action, establish who is
 * calling, check the role, validate the payload, run, and map anything thrown to one envelope.
 * An unknown action is an explicit error, never `undefined`.
 */
import * as z from 'zod/mini'
import type { ActionMap, ActionName } from '../../types/actions'
import type { ApiResult } from '../../types/api'
import type { AppUser, Role, RoleGrant } from '../../types/domain'
import { fieldErrors, requestIdSchema } from '../../types/schemas'
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

export interface ActionDef<A extends ActionName> {
  /** who may call it (issue 4 narrows this further by scope inside the handler) */
  roles: readonly Role[]
  /** a retry key is required and a retried call returns the first result */
  idempotent?: boolean
  payload: z.ZodMiniType<unknown>
  handle(ctx: ActionContext, payload: ActionMap[A]['payload']): Promise<ActionMap[A]['result']>
}

export type ActionTable = { [A in ActionName]: ActionDef<A> }

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

export function createRouter(actions: ActionTable, clock: () => Date = () => new Date()) {
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
      if (!user) throw new AppError('UNAUTHENTICATED', '您还未绑定身份，请使用市重点办发放的邀请码绑定')
      const grant = pickGrant(user, role)
      if (!def.roles.includes(grant.role)) throw new AppError('FORBIDDEN')
      if (def.idempotent && !requestId) throw new AppError('INVALID_INPUT', '缺少请求编号，请刷新后重试')
      const payload = def.payload.safeParse(envelope.data.payload ?? {})
      if (!payload.success) {
        const fields = fieldErrors(payload.error)
        throw new AppError('INVALID_INPUT', Object.values(fields)[0], fields)
      }
      const ctx: ActionContext = { openid, user, grant, requestId: requestId ?? '', now: clock() }
      const data = await def.handle(ctx, payload.data as never)
      return { ok: true, data: toWire(data) }
    } catch (thrown) {
      return toFailure(thrown, action)
    }
  }
}
