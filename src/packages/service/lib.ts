import type { Wire } from '../../../types/actions'
import { formatDateTime } from '../../services/format'

/** "答复期限 12月10日 · 已超期" — a due as the workspaces show it. */
export function dueLine(label: string, iso: Wire<Date> | null, now = Date.now()): { text: string; late: boolean } {
  if (!iso) return { text: `${label}：未设定`, late: false }
  const late = new Date(iso).getTime() < now
  return { text: `${label}：${formatDateTime(iso)}${late ? ' · 已超期' : ''}`, late }
}

export function daysSinceText(days: number | null): string {
  return days === null ? '从未走访' : days === 0 ? '今天走访过' : `${days}天前走访`
}
