/**
 * Times are shown in Beijing time whatever the phone's zone, because every time limit is a Beijing
 * working day (DESIGN.md §4). Fixed +08:00 (China has no daylight saving).
 */
const SHANGHAI_OFFSET_MS = 8 * 60 * 60 * 1000

const pad = (n: number) => String(n).padStart(2, '0')

export function formatDateTime(iso: string | null | undefined): string {
  if (!iso) return '—'
  const t = new Date(Date.parse(iso) + SHANGHAI_OFFSET_MS)
  if (Number.isNaN(t.getTime())) return '—'
  return `${t.getUTCFullYear()}-${pad(t.getUTCMonth() + 1)}-${pad(t.getUTCDate())} ${pad(t.getUTCHours())}:${pad(t.getUTCMinutes())}`
}

export function formatDate(iso: string | null | undefined): string {
  return formatDateTime(iso).slice(0, 10)
}
