import type { ActionTable } from '../../api/router'
import type { ExportFunctionAction } from '../../../types/functions'
import * as transfer from './directory-transfer'
import { exportTickets } from './tickets'
import { exportMonthlyReport } from './report'
import { exportReceptionDay } from './reception'

/** Every action the `export` function answers: spreadsheets in and out (types/functions.ts). */
export const EXPORT_ACTIONS: ActionTable<ExportFunctionAction> = {
  'export.tickets': exportTickets,
  'export.monthlyReport': exportMonthlyReport,
  'export.receptionDay': exportReceptionDay,
  'directory.import': transfer.importDirectory,
  'directory.export': transfer.exportDirectory,
  'directory.importJobs': transfer.importJobs,
}
