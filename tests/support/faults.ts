/**
 * Crash injection for function tests: the function dies at one database write, as a kill -9 or a timeout
 * would leave it. The local cloud stays real; only its answer to that one request is replaced by a failure
 * (the function's catch-all then answers INTERNAL, and whatever it had not written stays unwritten).
 */
import type { LocalCloud } from '../../emulator'

/** The requests that change the database: plain writes and transaction commits (staged writes land there). */
const WRITES = new Set([
  'database.insertDocument',
  'database.modifyDocument',
  'database.removeDocument',
  'database.commitTransaction',
])

interface Seam {
  answer(params: { action: string; transactionId?: string }, invocation: unknown): unknown
}

/**
 * From now on, count the write requests; the `at`-th (1-based) fails — before it is applied, or, with
 * `after`, once it is applied (the answer is lost on the way, as when the function is killed right after).
 * Writes staged inside a transaction do not count: they land only at its commit. Returns `restore`, and
 * `writes()`: how many writes were seen (to learn how many crash points an action has).
 */
export function crashAtWrite(cloud: LocalCloud, at: number, options: { after?: boolean } = {}) {
  const seam = cloud as unknown as Seam
  const original = seam.answer
  let writes = 0
  seam.answer = function (params, invocation) {
    const counts =
      WRITES.has(params.action) && (params.action === 'database.commitTransaction' || !params.transactionId)
    if (!counts) return original.call(this, params, invocation)
    writes += 1
    if (writes !== at) return original.call(this, params, invocation)
    if (!options.after) throw new Error(`injected crash before write ${at} (${params.action})`)
    original.call(this, params, invocation)
    throw new Error(`injected crash after write ${at} (${params.action})`)
  }
  return {
    writes: () => writes,
    restore: () => {
      seam.answer = original
    },
  }
}
