/**
 * The one envelope between the app and the `api` cloud function (DESIGN.md §5).
 * Codes are English and come from one enum; messages are Chinese.
 */

export const ERROR_CODES = [
  'UNAUTHENTICATED',
  'FORBIDDEN',
  'INVALID_INPUT',
  'NOT_FOUND',
  'CONFLICT',
  'INVALID_TRANSITION',
  'RATE_LIMITED',
  'INTERNAL',
] as const
export type ErrorCode = (typeof ERROR_CODES)[number]

/** The message shown when the thrower gave none. */
export const DEFAULT_ERROR_MESSAGES: Record<ErrorCode, string> = {
  UNAUTHENTICATED: '请先登录或绑定身份后再操作',
  FORBIDDEN: '您没有权限进行此操作',
  INVALID_INPUT: '提交的内容不符合要求，请检查后重试',
  NOT_FOUND: '未找到相关记录',
  CONFLICT: '该记录已被他人更新，请刷新后重试',
  INVALID_TRANSITION: '当前状态下不能进行此操作',
  RATE_LIMITED: '操作过于频繁，请稍后再试',
  INTERNAL: '系统繁忙，请稍后再试',
}

export interface ApiError {
  code: ErrorCode
  message: string
  /** field → Chinese message, for INVALID_INPUT on a form */
  fields?: Record<string, string>
}

export type ApiResult<T> = { ok: true; data: T } | { ok: false; error: ApiError }

export interface ApiRequest<P = unknown> {
  action: string
  payload?: P
  /** client retry key: the same key returns the first result */
  requestId?: string
  /** which of the caller's roles to act as (must be one they hold) */
  role?: string
}

/**
 * The local server only (`npm start`, emulator/server.ts): which dev identity a request acts as. The WeChat
 * cloud never reads it; there the OPENID comes from the platform.
 */
export const DEV_OPENID_HEADER = 'x-hq-dev-openid'
