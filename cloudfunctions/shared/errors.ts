/**
 * One error type for every expected failure, carrying a code from the one enum (STYLE.md §6).
 * `toFailure` is the one catch-all that turns anything thrown into the envelope (STYLE.md §5).
 */
import { DEFAULT_ERROR_MESSAGES, type ApiError, type ErrorCode } from '../../types/api'

export class AppError extends Error {
  readonly code: ErrorCode
  readonly fields?: Record<string, string>

  constructor(code: ErrorCode, message?: string, fields?: Record<string, string>) {
    super(message ?? DEFAULT_ERROR_MESSAGES[code])
    this.name = 'AppError'
    this.code = code
    this.fields = fields
  }
}

export function toFailure(thrown: unknown, action: string): { ok: false; error: ApiError } {
  if (thrown instanceof AppError) {
    const error: ApiError = { code: thrown.code, message: thrown.message }
    if (thrown.fields) error.fields = thrown.fields
    return { ok: false, error }
  }
  // Unexpected: log with the action for the cloud console, never leak internals to the user.
  console.error(`[api] ${action} failed`, thrown)
  return { ok: false, error: { code: 'INTERNAL', message: DEFAULT_ERROR_MESSAGES.INTERNAL } }
}
