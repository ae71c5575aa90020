/**
 * The `export` cloud function: spreadsheets in and out for the office (directory import/export, ticket lists,
 * the monthly report, a reception day's commitments). Its own function for its own timeout and memory
 * (config.json): a big export must not share `api`'s short timeout, and exceljs (~1 MiB bundled) loads here
 * only, so `api` starts faster. Same envelope, router and policy table as `api`.
 */
import { createRouter } from '../api/router'
import { EXPORT_ACTIONS } from './actions'

const route = createRouter(EXPORT_ACTIONS)

export async function main(event: unknown): Promise<unknown> {
  return route(event)
}
