/**
 * The office's spreadsheets (issue 10 item 5), made by the `export` cloud function: tickets with the lists'
 * filters, the monthly report, a reception day's commitments. Each is written to cloud storage; the app opens
 * it (weapp: downloadFile + openDocument; H5: the URL, a real download through the local server).
 */
import type { TicketFilters } from './search'

export interface TicketExportPayload {
  filters?: TicketFilters
}

export interface MonthlyReportPayload {
  /** YYYY-MM, Asia/Shanghai; default: the current month */
  month?: string
  /** or a whole year: YYYY (the seed's figures are a year's) */
  year?: string
}

export interface ReceptionDayExportPayload {
  receptionDayId: string
}

/** A spreadsheet the function made. */
export interface SpreadsheetFile {
  fileID: string
  /** a temporary download URL (https in the cloud; the local server's URL in development) */
  url: string
  fileName: string
  /** data rows written (all sheets) */
  rows: number
  bytes: number
}
