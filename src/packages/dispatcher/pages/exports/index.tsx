import { Button, Text, View } from '@tarojs/components'
import { useEffect, useState } from 'react'
import type { ActionResult } from '../../../../../types/actions'
import { CATEGORIES, CATEGORY_LABELS, type Category } from '../../../../../types/domain'
import type { TicketFilters } from '../../../../../types/search'
import { Chips } from '../../../../components/Chips'
import { callCloud } from '../../../../services/cloud'
import { openSpreadsheet } from '../../lib/files'

type File = ActionResult<'export.tickets'>
type Period = 'thisMonth' | 'lastMonth' | 'thisYear' | 'all'
const PERIODS: ReadonlyArray<{ value: Period; label: string }> = [
  { value: 'thisMonth', label: '本月' },
  { value: 'lastMonth', label: '上月' },
  { value: 'thisYear', label: '本年' },
  { value: 'all', label: '全部' },
]
type Scope = 'all' | 'open' | 'overdue'
const SCOPES: ReadonlyArray<{ value: Scope; label: string }> = [
  { value: 'all', label: '全部诉求' },
  { value: 'open', label: '未办结' },
  { value: 'overdue', label: '已超期' },
]
const CATEGORY_OPTIONS = CATEGORIES.map((value) => ({ value, label: CATEGORY_LABELS[value] }))

/** Beijing wall clock of now, as 'YYYY-MM'. */
function beijingMonth(offsetMonths = 0): string {
  const now = new Date(Date.now() + 8 * 3600_000)
  const d = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() + offsetMonths, 1))
  return d.toISOString().slice(0, 7)
}
/** The first instant of a Beijing month 'YYYY-MM' (or year 'YYYY'), ISO. */
const startOf = (monthOrYear: string) =>
  new Date(`${monthOrYear.length === 4 ? `${monthOrYear}-01` : monthOrYear}-01T00:00:00+08:00`).toISOString()

function periodFilters(period: Period): Pick<TicketFilters, 'from' | 'to'> {
  switch (period) {
    case 'thisMonth':
      return { from: startOf(beijingMonth()), to: startOf(beijingMonth(1)) }
    case 'lastMonth':
      return { from: startOf(beijingMonth(-1)), to: startOf(beijingMonth()) }
    case 'thisYear': {
      const year = beijingMonth().slice(0, 4)
      return { from: startOf(year), to: startOf(String(Number(year) + 1)) }
    }
    case 'all':
      return {}
  }
}

/** One export: a button, its progress, and the file it made (opened at once, and again by a tap). */
function useExport() {
  const [busy, setBusy] = useState(false)
  const [file, setFile] = useState<File | null>(null)
  const [error, setError] = useState('')
  async function run(call: () => ReturnType<typeof callCloud<'export.tickets'>>) {
    if (busy) return
    setBusy(true)
    setError('')
    const res = await call()
    setBusy(false)
    if (!res.ok) return setError(res.error.message)
    setFile(res.data)
    const problem = await openSpreadsheet(res.data)
    if (problem) setError(problem)
  }
  return { busy, file, error, run }
}

function Result({ file, error }: { file: File | null; error: string }) {
  return (
    <View>
      {error ? <Text className="error-text">{error}</Text> : null}
      {file ? (
        <View className="export-result" data-file-id={file.fileID} onClick={() => void openSpreadsheet(file)}>
          <Text className="muted">
            已生成：{file.fileName}（{file.rows} 行）点此再次打开
          </Text>
        </View>
      ) : null}
    </View>
  )
}

/** 市重点办 / 管理员: the office's spreadsheets, made by the export function and opened on the phone. */
export default function Exports() {
  const [period, setPeriod] = useState<Period>('thisMonth')
  const [scope, setScope] = useState<Scope>('all')
  const [categories, setCategories] = useState<Category[]>([])
  const [receptionDayId, setReceptionDayId] = useState('')
  // the reception days to choose from, by their titles and dates (newest first)
  const [receptionDays, setReceptionDays] = useState<Array<{ value: string; label: string }>>([])
  useEffect(() => {
    void callCloud('meeting.list', { kind: 'reception' }).then((res) => {
      if (!res.ok) return
      const days = res.data.items.map((m) => ({
        value: m._id,
        label: `${m.title}（${new Date(new Date(m.startsAt).getTime() + 8 * 3600_000).toISOString().slice(0, 10)}）`,
      }))
      setReceptionDays(days)
      // the newest session is the one usually asked for; a greyed-out button would be unreadable
      if (days.length > 0) setReceptionDayId((chosen) => chosen || days[0].value)
    })
  }, [])
  const tickets = useExport()
  const report = useExport()
  const reception = useExport()

  const ticketFilters = (): TicketFilters => ({
    ...periodFilters(period),
    ...(scope === 'open' ? { figure: 'open' as const } : scope === 'overdue' ? { overdue: 'any' as const } : {}),
    ...(categories.length > 0 ? { categories } : {}),
  })
  const toggleCategory = (c: Category) =>
    setCategories((prev) => (prev.includes(c) ? prev.filter((x) => x !== c) : [...prev, c]))

  return (
    <View className="page exports">
      <View className="card">
        <Text className="card-title">诉求清单</Text>
        <Chips options={PERIODS} selected={[period]} onToggle={setPeriod} />
        <Chips options={SCOPES} selected={[scope]} onToggle={setScope} />
        <Chips options={CATEGORY_OPTIONS} selected={categories} onToggle={toggleCategory} />
        <Button
          className="btn-primary"
          id="export-tickets"
          loading={tickets.busy}
          onClick={() => void tickets.run(() => callCloud('export.tickets', { filters: ticketFilters() }))}
        >
          导出诉求清单
        </Button>
        <Result file={tickets.file} error={tickets.error} />
      </View>

      <View className="card">
        <Text className="card-title">办理情况报表</Text>
        <Text className="muted">收集、解决、解决率、按时办结率、满意率：总体，按类别、牵头单位、县(市、区)</Text>
        <View className="row" style={{ gap: '16px' }}>
          <Button
            className="btn-plain"
            id="export-report-month"
            loading={report.busy}
            onClick={() => void report.run(() => callCloud('export.monthlyReport', { month: beijingMonth() }))}
          >
            本月报表
          </Button>
          <Button
            className="btn-plain"
            onClick={() => void report.run(() => callCloud('export.monthlyReport', { month: beijingMonth(-1) }))}
          >
            上月报表
          </Button>
          <Button
            className="btn-plain"
            onClick={() =>
              void report.run(() => callCloud('export.monthlyReport', { year: beijingMonth().slice(0, 4) }))
            }
          >
            本年报表
          </Button>
        </View>
        <Result file={report.file} error={report.error} />
      </View>

      <View className="card">
        <Text className="card-title">接待日承诺事项</Text>
        {receptionDays.length === 0 ? <Text className="muted">暂无接待日</Text> : null}
        {receptionDays.length > 0 ? (
          <>
            <Chips options={receptionDays} selected={[receptionDayId]} onToggle={setReceptionDayId} />
            <Button
              className="btn-plain"
              loading={reception.busy}
              onClick={() => void reception.run(() => callCloud('export.receptionDay', { receptionDayId }))}
            >
              导出承诺事项
            </Button>
          </>
        ) : null}
        <Result file={reception.file} error={reception.error} />
      </View>
    </View>
  )
}
