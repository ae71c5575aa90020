/**
 * Which cloud function answers which action. Most go to `api` (short timeout, small bundle); spreadsheets go
 * to `export` (its own timeout and memory in cloudfunctions/export/config.json, exceljs bundled there only).
 * The app's one door (src/services/cloud.ts) and the tests' local cloud both route through functionFor.
 */
import type { ActionName } from './actions'

export const CLOUD_FUNCTIONS = ['api', 'export'] as const
export type CloudFunctionName = (typeof CLOUD_FUNCTIONS)[number]

/** The actions of the `export` function: every spreadsheet in or out. */
export const EXPORT_FUNCTION_ACTIONS = [
  'export.tickets',
  'export.monthlyReport',
  'export.receptionDay',
  'directory.import',
  'directory.export',
  'directory.importJobs',
] as const satisfies readonly ActionName[]
export type ExportFunctionAction = (typeof EXPORT_FUNCTION_ACTIONS)[number]
export type ApiFunctionAction = Exclude<ActionName, ExportFunctionAction>

export function functionFor(action: string): CloudFunctionName {
  return (EXPORT_FUNCTION_ACTIONS as readonly string[]).includes(action) ? 'export' : 'api'
}
