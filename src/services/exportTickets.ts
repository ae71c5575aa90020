/**
 * 导出Excel for the office: every ticket the current filters find, as a spreadsheet file the browser
 * downloads. The office's own `export` function (a longer timeout than `api`) is not available on this
 * branch yet, so the file is built here from the same ticket search, page by page, as CSV with a BOM
 * (Excel opens it with the Chinese intact). H5 only: in the mini-program there is no file to save.
 */
import type { Wire } from '../../types/actions'
import { CATEGORY_LABELS, CHANNEL_LABELS, STATE_LABELS, TRACK_LABELS } from '../../types/domain'
import { DUE_KIND_LABELS, type TicketFilters, type TicketRow } from '../../types/search'
import { formatDateTime } from './format'
import { searchTickets } from './ticketSearch'

/** A browser download of this size is fine; beyond it the office needs the export function. */
export const EXPORT_MAX_ROWS = 5000

const HEADER = [
  '编号',
  '企业',
  '县区',
  '诉求',
  '类别',
  '渠道',
  '办理方式',
  '承办单位',
  '状态',
  '当前时限',
  '超期',
  '提交时间',
]

function cells(r: Wire<TicketRow>): string[] {
  const late = r.lateness.filter((l) => l.open)
  return [
    r.no,
    r.enterpriseName,
    r.enterpriseDistrict,
    r.title,
    CATEGORY_LABELS[r.category],
    CHANNEL_LABELS[r.channel],
    TRACK_LABELS[r.track],
    r.unitNames.join('、'),
    STATE_LABELS[r.state] + (r.sentBack ? `（退回：${r.sentBack.reason}）` : ''),
    r.currentDue ? `${DUE_KIND_LABELS[r.currentDue.kind]} ${formatDateTime(r.currentDue.dueAt)}` : '',
    late.map((l) => `${DUE_KIND_LABELS[l.kind]}超期${l.workingDaysLate}个工作日`).join('；'),
    formatDateTime(r.createdAt),
  ]
}

const csvCell = (v: string) => (/[",\n\r]/.test(v) ? `"${v.replace(/"/g, '""')}"` : v)

export function ticketsCsv(rows: ReadonlyArray<Wire<TicketRow>>): string {
  return '\uFEFF' + [HEADER, ...rows.map(cells)].map((line) => line.map(csvCell).join(',')).join('\r\n') + '\r\n'
}

export type ExportOutcome = { ok: true; count: number; fileName: string } | { ok: false; message: string }

/** Reads every page the filters find, then saves 诉求导出-<date>.csv. */
export async function exportTickets(filters: TicketFilters): Promise<ExportOutcome> {
  if (process.env.TARO_ENV !== 'h5') return { ok: false, message: '请在电脑浏览器中导出' }
  const rows: Array<Wire<TicketRow>> = []
  let cursor: string | undefined
  do {
    const res = await searchTickets({ filters, sort: 'oldest', limit: 100, ...(cursor ? { cursor } : {}) })
    if (!res.ok) return { ok: false, message: res.error.message }
    rows.push(...res.data.items)
    cursor = res.data.nextCursor ?? undefined
    if (rows.length >= EXPORT_MAX_ROWS) return { ok: false, message: `超过${EXPORT_MAX_ROWS}条，请缩小筛选范围后导出` }
  } while (cursor)
  const fileName = `诉求导出-${formatDateTime(new Date().toISOString()).slice(0, 10)}.csv`
  const url = URL.createObjectURL(new Blob([ticketsCsv(rows)], { type: 'text/csv;charset=utf-8' }))
  const link = document.createElement('a')
  link.href = url
  link.download = fileName
  document.body.appendChild(link)
  link.click()
  link.remove()
  setTimeout(() => URL.revokeObjectURL(url), 10_000)
  return { ok: true, count: rows.length, fileName }
}
