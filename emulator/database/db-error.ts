/**
 * A failure as the TCB database API reports it: `{ code, message }` in the response body.
 * wx-server-sdk maps the code to errCode and prefixes `<api>:fail` (contract items 2-3, W:815-840).
 */
export type TcbDbErrorCode =
  /** -502005 */
  | 'DATABASE_COLLECTION_NOT_EXIST'
  /** -502001 */
  | 'DATABASE_REQUEST_FAILED'
  /** -501007 */
  | 'INVALID_PARAM'
  /** -501001; the only code runTransaction retries on (item 59) */
  | 'DATABASE_TRANSACTION_CONFLICT'

export class DbError extends Error {
  constructor(
    readonly code: TcbDbErrorCode,
    message: string,
  ) {
    super(message)
  }

  toResponse(): { code: TcbDbErrorCode; message: string } {
    return { code: this.code, message: this.message }
  }
}

/**
 * MongoDB's E11000 text for a taken _id, or for a unique index (`violation` says which); the TCB code
 * the cloud reports for it is [UNC] (contract item 17).
 */
export function duplicateKey(collection: string, id: unknown, violation?: string): DbError {
  const detail = violation
    ? `(${violation}) writing _id ${JSON.stringify(id)}`
    : `index: _id_ dup key: { _id: ${JSON.stringify(id)} }`
  return new DbError('DATABASE_REQUEST_FAILED', `E11000 duplicate key error collection: ${collection} ${detail}`)
}
