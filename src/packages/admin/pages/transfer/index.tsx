import { Button, Text, View } from '@tarojs/components'
import Taro from '@tarojs/taro'
import { useCallback, useState } from 'react'
import type { ActionResult } from '../../../../../types/actions'
import {
  DIRECTORY_SHEETS,
  DIRECTORY_TABLES,
  IMPORT_JOB_STATUS_LABELS,
  type DirectoryTable,
} from '../../../../../types/directory'
import { Chips } from '../../../../components/Chips'
import { callCloud } from '../../../../services/cloud'
import { formatDateTime } from '../../../../services/format'
import { usePagedList } from '../../../../services/usePagedList'
import { useProfile } from '../../../../services/useProfile'
import { ImportPanel } from '../../components/ImportPanel'
import '../../admin.css'

type Exported = ActionResult<'directory.export'>
type Format = 'xlsx' | 'csv'

const IS_WEAPP = process.env.TARO_ENV === 'weapp'
const FORMAT_OPTIONS: ReadonlyArray<{ value: Format; label: string }> = [
  { value: 'xlsx', label: 'Excel（全部表）' },
  { value: 'csv', label: 'CSV（单张表）' },
]
const TABLE_OPTIONS = DIRECTORY_TABLES.map((t) => ({ value: t, label: DIRECTORY_SHEETS[t].label }))

/**
 * weapp: the function uploaded the file; download it, then let WeChat open an .xlsx (its menu forwards or
 * saves it). wx.openDocument cannot open CSV: a CSV is sent to a chat instead.
 */
async function openExport(file: Exported): Promise<string | null> {
  try {
    const { tempFilePath } = await Taro.cloud.downloadFile({ fileID: file.fileID })
    if (file.format === 'xlsx') await Taro.openDocument({ filePath: tempFilePath, fileType: 'xlsx', showMenu: true })
    else await Taro.shareFileMessage({ filePath: tempFilePath, fileName: file.fileName })
    return null
  } catch {
    return '文件打开失败，请稍后重试'
  }
}

function ExportPanel() {
  const [format, setFormat] = useState<Format>('xlsx')
  const [table, setTable] = useState<DirectoryTable>('enterprises')
  const [busy, setBusy] = useState(false)
  const [result, setResult] = useState<Exported | null>(null)
  const [error, setError] = useState('')

  async function exportDirectory() {
    if (busy) return
    setBusy(true)
    setError('')
    const res = await callCloud('directory.export', format === 'csv' ? { format, table } : { format })
    setBusy(false)
    if (res.ok) setResult(res.data)
    else setError(res.error.message)
  }

  return (
    <View className="card export-panel">
      <Text className="card-title">导出名录</Text>
      <View id="export-format">
        <Chips options={FORMAT_OPTIONS} selected={[format]} onToggle={setFormat} />
      </View>
      {format === 'csv' ? (
        <View id="export-table">
          <Chips options={TABLE_OPTIONS} selected={[table]} onToggle={setTable} />
        </View>
      ) : null}
      <Button className="btn-primary" id="export-button" loading={busy} onClick={() => void exportDirectory()}>
        导出
      </Button>
      {error ? <Text className="error-text">{error}</Text> : null}
      {result ? (
        <View className="export-result" id="export-result" data-file-id={result.fileID}>
          <Text className="admin-facts">已生成：{result.fileName}</Text>
          {Object.entries(result.rowCounts).map(([t, n]) => (
            <View className="summary-line" key={t} data-table={t}>
              <Text>{DIRECTORY_SHEETS[t as DirectoryTable]?.label ?? t}</Text>
              <Text className="muted">{n} 行</Text>
            </View>
          ))}
          <Text className="muted admin-facts">文件标识</Text>
          <Text className="file-id export-file-id" userSelect>
            {result.fileID}
          </Text>
          {IS_WEAPP ? (
            <Button
              className="btn-plain admin-facts"
              id="open-export"
              onClick={() => void openExport(result).then((message) => message && setError(message))}
            >
              {result.format === 'xlsx' ? '打开文件' : '发送到聊天'}
            </Button>
          ) : null}
        </View>
      ) : null}
    </View>
  )
}

function ImportJobs() {
  const fetchPage = useCallback((page: number) => callCloud('directory.importJobs', { page }), [])
  const { items, loading, error } = usePagedList(fetchPage)
  return (
    <View className="card import-jobs">
      <Text className="card-title">导入记录</Text>
      {error ? <Text className="error-text">{error.message}</Text> : null}
      {!loading && !error && items.length === 0 ? <Text className="muted">还没有导入过</Text> : null}
      {items.map((job) => (
        <View className="import-job summary-line" key={job._id} data-job-id={job._id} data-status={job.status}>
          <View>
            <Text className="admin-row-name">{job.fileName}</Text>
            <Text className="muted admin-facts">
              {formatDateTime(job.startedAt)} · {job.operatorName} · 写入{job.writeCount}条
            </Text>
            {job.failure ? <Text className="error-text">{job.failure}</Text> : null}
          </View>
          <Text className={`tag${job.status === 'applied' || job.status === 'completedByRerun' ? '' : ' tag-warn'}`}>
            {IMPORT_JOB_STATUS_LABELS[job.status]}
          </Text>
        </View>
      ))}
    </View>
  )
}

/** 导入导出: the office exports; the admin imports (check first, then all or nothing) and sees past imports. */
export default function TransferPage() {
  const { profile } = useProfile()
  const isAdmin = profile?.activeRole === 'admin'
  const [jobsVersion, setJobsVersion] = useState(0)
  return (
    <View className="page transfer">
      <ExportPanel />
      {isAdmin ? <ImportPanel onApplied={() => setJobsVersion((v) => v + 1)} /> : null}
      {profile && !isAdmin ? <Text className="muted">名录导入由系统管理员进行。</Text> : null}
      {/* remounted after an applied import, so the new job shows */}
      {isAdmin ? <ImportJobs key={jobsVersion} /> : null}
    </View>
  )
}
