import { Button, Text, View } from '@tarojs/components'
import type { ActionResult } from '../../../../types/actions'
import { DIRECTORY_SHEETS, type DirectoryTable } from '../../../../types/directory'

export type Report = ActionResult<'directory.import'>

const TABLE_LABEL = (table: string) =>
  table === 'serviceTeams' ? '服务团队' : (DIRECTORY_SHEETS[table as DirectoryTable]?.label ?? table)

/** Where a problem is, as Excel shows it: 企业 第5行 统一社会信用代码 (a CSV's "sheet" is its file name: the table's name reads better). */
export function problemPlace(p: Report['problems'][number]): string {
  const sheet = p.table && /\.csv$/i.test(p.sheet) ? DIRECTORY_SHEETS[p.table].sheet : p.sheet || '文件'
  return [sheet, p.row > 0 ? `第${p.row}行` : '', p.column ?? ''].filter(Boolean).join(' ')
}

/** May the checked file be written? Only a dry run without a single problem. */
export const canApply = (report: Report | null): boolean =>
  report !== null && report.dryRun && !report.applied && report.problemCount === 0

/**
 * What a dry run (or an applied import) found: per table how many records it creates, updates, leaves; every
 * problem with its sheet, row and column; and the 确认导入 button, enabled only when there is no problem.
 */
export function ImportReport(props: { report: Report; busy?: boolean; onConfirm: () => void }) {
  const { report, busy = false } = props
  const ready = canApply(report)
  const tables = Object.entries(report.summary)
  return (
    <View
      className="card import-report"
      id="import-report"
      data-problem-count={report.problemCount}
      data-applied={String(report.applied)}
    >
      <Text className="card-title">{report.applied ? '导入完成' : '检查结果'}</Text>
      <Text className="muted">
        格式：{report.format.toUpperCase()} · 工作表：{report.tables.map(TABLE_LABEL).join('、') || '无'}
      </Text>
      {report.ignoredSheets.length > 0 ? (
        <Text className="muted admin-facts">未识别、已忽略的工作表：{report.ignoredSheets.join('、')}</Text>
      ) : null}
      <View className="import-summary">
        {tables.map(([table, count]) =>
          count ? (
            <View className="summary-line" key={table} data-table={table}>
              <Text>{TABLE_LABEL(table)}</Text>
              <Text className="muted">
                新增 {count.created} · 更新 {count.updated} · 不变 {count.unchanged}
              </Text>
            </View>
          ) : null,
        )}
      </View>

      {report.problemCount > 0 ? (
        <View className="import-problems">
          <Text className="error-text" id="import-problem-count">
            发现 {report.problemCount} 个问题，文件未写入。请修改后重新检查。
            {report.problemCount > report.problems.length ? `（仅列出前${report.problems.length}个）` : ''}
          </Text>
          {report.problems.map((p, i) => (
            <View
              className="import-problem"
              key={`${p.sheet}-${p.row}-${p.column ?? ''}-${i}`}
              data-row={p.row}
              data-sheet={p.sheet}
            >
              <Text className="import-problem-where">{problemPlace(p)}</Text>
              <Text>{p.message}</Text>
            </View>
          ))}
        </View>
      ) : report.applied ? (
        <Text className="import-ok">已全部写入{report.jobId ? `（导入记录 ${report.jobId}）` : ''}</Text>
      ) : (
        <Text className="import-ok">检查通过，未发现问题。确认后将一次写入。</Text>
      )}

      {report.applied ? null : (
        <Button
          className={`btn-primary${ready ? '' : ' btn-busy'}`}
          id="confirm-import"
          data-ready={String(ready)}
          disabled={!ready || busy}
          loading={busy}
          onClick={() => {
            if (ready && !busy) props.onConfirm()
          }}
        >
          确认导入
        </Button>
      )}
    </View>
  )
}
