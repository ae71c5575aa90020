/**
 * The `api` cloud function: every user action of the mini-program comes through here as
 * `{ action, payload, requestId?, role? }` and leaves as `{ ok, data | error }` (DESIGN.md §5).
 */
import { ACTIONS } from './actions'
import { createRouter } from './router'

const route = createRouter(ACTIONS)

export async function main(event: unknown): Promise<unknown> {
  return route(event)
}
