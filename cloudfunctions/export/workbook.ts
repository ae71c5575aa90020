/**
 * A streaming .xlsx (exceljs WorkbookWriter, DESIGN.md §7): rows are committed as they are read, so memory
 * holds one page of tickets, not the whole export. Text cells are guarded against formula injection (a cell
 * beginning with = + - @ gets a leading ', shared/spreadsheet.ts guardFormula); instants are shown in
 * Beijing time as real Excel dates, so the office can sort and filter them.
 */
import { PassThrough } from 'node:stream'
import type { stream, Worksheet } from 'exceljs'
import { guardFormula } from '../shared/spreadsheet'

export type Cell = string | number | Date | null | undefined

export interface SheetColumn<R> {
  header: string
  width?: number
  value: (row: R) => Cell
}

/** Excel has no time zones: a Beijing wall-clock time is stored as if it were UTC. */
const SHANGHAI_OFFSET_MS = 8 * 60 * 60 * 1000
const DATE_FORMAT = 'yyyy-mm-dd hh:mm'

function cellOf(value: Cell): string | number | Date | null {
  if (value === null || value === undefined) return null
  if (value instanceof Date) return new Date(value.getTime() + SHANGHAI_OFFSET_MS)
  if (typeof value === 'number') return value
  return guardFormula(value)
}

export class StreamingWorkbook {
  private readonly chunks: Buffer[] = []
  private readonly writer: stream.xlsx.WorkbookWriter
  rows = 0

  private constructor(ExcelJS: typeof import('exceljs')) {
    const sink = new PassThrough()
    sink.on('data', (chunk: Buffer) => this.chunks.push(chunk))
    this.writer = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: sink, useStyles: true, useSharedStrings: false })
    this.writer.creator = '惠企通'
  }

  static async open(): Promise<StreamingWorkbook> {
    const ExcelJS = await import('exceljs')
    const lib = ((ExcelJS as unknown as { default?: typeof import('exceljs') }).default ??
      ExcelJS) as typeof import('exceljs')
    return new StreamingWorkbook(lib)
  }

  /** A sheet with a bold, frozen header row; add rows with `add`, then `done`. */
  sheet<R>(name: string, columns: readonly SheetColumn<R>[]) {
    const worksheet: Worksheet = this.writer.addWorksheet(name, { views: [{ state: 'frozen', ySplit: 1 }] })
    worksheet.columns = columns.map((column) => ({ header: column.header, width: column.width ?? 14 }))
    worksheet.getRow(1).font = { bold: true }
    worksheet.getRow(1).commit()
    return {
      add: (row: R) => {
        const values = columns.map((column) => cellOf(column.value(row)))
        const added = worksheet.addRow(values)
        values.forEach((value, index) => {
          if (value instanceof Date) {
            added.getCell(index + 1).numFmt = DATE_FORMAT
          }
        })
        added.commit()
        this.rows += 1
      },
      done: () => worksheet.commit(),
    }
  }

  /** Finishes the file; its bytes. */
  async finish(): Promise<Buffer> {
    await this.writer.commit()
    return Buffer.concat(this.chunks)
  }
}
