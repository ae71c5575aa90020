/**
 * The directory's files: .xlsx through exceljs 4.4.0 (DESIGN.md §7), CSV by hand. exceljs is loaded on first
 * use, so the api function's other actions do not pay for it at a cold start.
 *
 * CSV is read and written here rather than by exceljs: its CSV reader turns cells into numbers and dates,
 * and an 18-digit credit code or a phone number must stay text. Excel on Chinese Windows saves CSV in GBK:
 * a file that is not valid UTF-8 is read as GB18030.
 */
import type { Workbook, Worksheet, CellValue } from 'exceljs'
import { DIRECTORY_SHEETS, type SheetColumn } from '../../types/directory'
import { normaliseHeader, type ExportCell, type SheetText } from '../core/directory'

export type FileFormat = 'xlsx' | 'csv'

/** What kind of file the bytes are; a legacy .xls (OLE2) is named so the caller can say what to do. */
export function sniffFormat(bytes: Buffer): FileFormat | 'xls' {
  if (bytes.length >= 4 && bytes[0] === 0x50 && bytes[1] === 0x4b && bytes[2] === 0x03 && bytes[3] === 0x04)
    return 'xlsx'
  if (bytes.length >= 4 && bytes[0] === 0xd0 && bytes[1] === 0xcf && bytes[2] === 0x11 && bytes[3] === 0xe0)
    return 'xls'
  return 'csv'
}

async function newWorkbook(): Promise<Workbook> {
  const ExcelJS = await import('exceljs')
  const WorkbookClass =
    (ExcelJS as unknown as { Workbook?: new () => Workbook; default?: { Workbook: new () => Workbook } }).Workbook ??
    (ExcelJS as unknown as { default: { Workbook: new () => Workbook } }).default.Workbook
  return new WorkbookClass()
}

/** A cell as text: rich text joined, formulas by their result, hyperlinks by their text, dates as YYYY-MM-DD. */
export function cellText(value: CellValue): string {
  if (value === null || value === undefined) return ''
  if (typeof value === 'string') return value
  if (typeof value === 'number') return numberText(value)
  if (typeof value === 'boolean') return value ? '是' : '否'
  if (value instanceof Date) return value.toISOString().slice(0, 10)
  if (typeof value === 'object') {
    if ('richText' in value && Array.isArray(value.richText)) return value.richText.map((part) => part.text).join('')
    if ('formula' in value || 'sharedFormula' in value)
      return cellText((value as { result?: CellValue }).result ?? null)
    if ('text' in value) return cellText((value as { text: CellValue }).text)
    if ('error' in value) return ''
  }
  return String(value)
}

/**
 * A number as Excel shows it: whole numbers without exponent; beyond 15 significant digits Excel keeps
 * zeros (an 18-digit credit code typed into a number cell ends in 000, which the import then explains).
 */
function numberText(value: number): string {
  if (!Number.isInteger(value) || Math.abs(value) >= 1e21) return String(value)
  if (Math.abs(value) < 1e15) return String(value)
  const [mantissa, exponent] = value.toExponential(14).split('e+')
  const digits = mantissa.replace('.', '').replace('-', '')
  return `${value < 0 ? '-' : ''}${digits}${'0'.repeat(Number(exponent) - 14)}`
}

/** Every column header of every directory table, as compared. */
const KNOWN_HEADERS = new Set(
  Object.values(DIRECTORY_SHEETS).flatMap((sheet) => sheet.columns.map((column) => normaliseHeader(column.header))),
)

/**
 * The header is the first row, within the first ten, that names at least two known columns (an office's file
 * often opens with a title line such as 桂林市重点工业企业名录); failing that, the first row with any text.
 * The rows below it are data.
 */
function sheetText(name: string, rows: Array<{ row: number; values: string[] }>): SheetText {
  const known = (r: { values: string[] }) => r.values.filter((v) => KNOWN_HEADERS.has(normaliseHeader(v))).length
  let headerAt = rows.findIndex((r, i) => i < 10 && known(r) >= 2)
  if (headerAt < 0) headerAt = rows.findIndex((r, i) => i < 10 && r.values.some((v) => v.trim() !== ''))
  if (headerAt < 0) return { name, headerRow: 1, header: [], rows: [] }
  return {
    name,
    headerRow: rows[headerAt].row,
    header: rows[headerAt].values.map((v) => v.trim()),
    rows: rows.slice(headerAt + 1),
  }
}

function worksheetRows(sheet: Worksheet): Array<{ row: number; values: string[] }> {
  const rows: Array<{ row: number; values: string[] }> = []
  sheet.eachRow({ includeEmpty: false }, (row, rowNumber) => {
    const values: string[] = []
    // row.values is 1-based and sparse
    const raw = row.values as CellValue[]
    for (let i = 1; i < raw.length; i++) values[i - 1] = unguard(cellText(raw[i] ?? null))
    for (let i = 0; i < values.length; i++) if (values[i] === undefined) values[i] = ''
    rows.push({ row: rowNumber, values })
  })
  return rows
}

export async function readXlsx(bytes: Buffer): Promise<SheetText[]> {
  const workbook = await newWorkbook()
  await workbook.xlsx.load(bytes as never)
  return workbook.worksheets.map((sheet) => sheetText(sheet.name, worksheetRows(sheet)))
}

/** UTF-8 (with or without BOM); otherwise GB18030, what Excel on Chinese Windows writes. */
export function decodeText(bytes: Buffer): string {
  try {
    return new TextDecoder('utf-8', { fatal: true, ignoreBOM: false }).decode(bytes)
  } catch {
    return new TextDecoder('gb18030').decode(bytes)
  }
}

/** RFC 4180: quoted fields with "" for a quote, CRLF or LF; a leading ' that guarded a formula is dropped. */
export function parseCsv(text: string): string[][] {
  const rows: string[][] = []
  let row: string[] = []
  let field = ''
  let quoted = false
  let i = 0
  const endField = () => {
    row.push(unguard(field))
    field = ''
  }
  while (i < text.length) {
    const ch = text[i]
    if (quoted) {
      if (ch === '"') {
        if (text[i + 1] === '"') {
          field += '"'
          i += 2
          continue
        }
        quoted = false
      } else field += ch
      i++
      continue
    }
    if (ch === '"' && field === '') quoted = true
    else if (ch === ',') endField()
    else if (ch === '\n' || ch === '\r') {
      endField()
      rows.push(row)
      row = []
      if (ch === '\r' && text[i + 1] === '\n') i++
    } else field += ch
    i++
  }
  if (field !== '' || row.length > 0) {
    endField()
    rows.push(row)
  }
  return rows
}

const FORMULA_START = /^[=+\-@\t\r]/

/** A plain number (-12, +3.5, 80%): safe as it is, a spreadsheet shows it as the number it is. */
const PLAIN_NUMBER = /^[-+]?\d+(\.\d+)?%?$/

/**
 * Export: a text cell a spreadsheet would run as a formula (= + - @, tab, CR first) gets a leading ' (CSV /
 * formula injection, OWASP); import takes it off. Only a plain number keeps its sign ("-2+3+cmd|…" is guarded).
 */
export function guardFormula(text: string): string {
  return FORMULA_START.test(text) && !PLAIN_NUMBER.test(text) ? `'${text}` : text
}
/** the name the directory's CSV and xlsx writers use */
export const guard = guardFormula
function unguard(text: string): string {
  return text.startsWith("'") && FORMULA_START.test(text.slice(1)) ? text.slice(1) : text
}

export function readCsv(bytes: Buffer, name: string): SheetText {
  const text = decodeText(bytes).replace(/^\uFEFF/, '')
  const rows = parseCsv(text).map((values, i) => ({ row: i + 1, values }))
  return sheetText(name, rows)
}

export interface ExportTable {
  sheet: string
  columns: readonly SheetColumn[]
  rows: ReadonlyArray<Record<string, ExportCell>>
}

/** Columns that must stay text in Excel (long digit strings). */
const TEXT_COLUMNS = new Set(['creditCode', 'stationCreditCode', 'phone', 'contactPhones'])

/** The workbook: one sheet per table, required headers marked *, code and phone columns as text. */
export async function writeXlsx(tables: readonly ExportTable[], notes: readonly string[]): Promise<Buffer> {
  const workbook = await newWorkbook()
  workbook.creator = '惠企通'
  for (const table of tables) {
    const sheet = workbook.addWorksheet(table.sheet, { views: [{ state: 'frozen', ySplit: 1 }] })
    sheet.columns = table.columns.map((column) => ({
      header: column.required ? `${column.header}*` : column.header,
      key: column.key,
      width: Math.max(10, Math.min(40, column.header.length * 2 + 6)),
      ...(TEXT_COLUMNS.has(column.key) ? { style: { numFmt: '@' } } : {}),
    }))
    sheet.getRow(1).font = { bold: true }
    for (const row of table.rows) {
      sheet.addRow(
        Object.fromEntries(
          table.columns.map((c) => {
            const value = row[c.key] ?? ''
            return [c.key, typeof value === 'string' ? guard(value) : value]
          }),
        ),
      )
    }
  }
  if (notes.length > 0) {
    const sheet = workbook.addWorksheet('填写说明')
    sheet.getColumn(1).width = 100
    notes.forEach((note) => sheet.addRow([note]))
  }
  return Buffer.from(await workbook.xlsx.writeBuffer())
}

function csvField(value: ExportCell): string {
  const text = guard(String(value))
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text
}

/** UTF-8 with BOM (so Excel opens Chinese correctly), CRLF line ends. */
export function writeCsv(table: ExportTable): Buffer {
  const lines = [table.columns.map((c) => csvField(c.required ? `${c.header}*` : c.header)).join(',')]
  for (const row of table.rows) lines.push(table.columns.map((c) => csvField(row[c.key] ?? '')).join(','))
  return Buffer.from(`\uFEFF${lines.join('\r\n')}\r\n`, 'utf8')
}
