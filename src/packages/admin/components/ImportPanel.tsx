import { Button, Text, Textarea, View } from '@tarojs/components'
import Taro from '@tarojs/taro'
import { useState } from 'react'
import { DIRECTORY_SHEETS, DIRECTORY_TABLES, type DirectoryTable } from '../../../../types/directory'
import { INLINE_FILE_MAX_BASE64 } from '../../../../types/directory-schemas'
import { Chips } from '../../../components/Chips'
import { callCloud } from '../../../services/cloud'
import { utf8ToBase64 } from '../lib/base64'
import { ImportReport, canApply, type Report } from './ImportReport'

type Source = { fileID: string } | { base64: string; fileName: string }

const IS_WEAPP = process.env.TARO_ENV === 'weapp'
const TABLE_OPTIONS = DIRECTORY_TABLES.map((t) => ({ value: t, label: DIRECTORY_SHEETS[t].label }))
/** The header row of a table, required columns marked * as in the exported template. */
export const headerRowOf = (table: DirectoryTable) =>
  DIRECTORY_SHEETS[table].columns.map((c) => (c.required ? `${c.header}*` : c.header)).join(',')

/** weapp: a file from a chat (WeChat has no file system picker) → cloud storage → its fileID. */
async function uploadChosenFile(): Promise<{ fileID: string } | { error: string } | null> {
  let chosen: Taro.chooseMessageFile.SuccessCallbackResult
  try {
    chosen = await Taro.chooseMessageFile({ count: 1, type: 'file', extension: ['xlsx', 'csv'] })
  } catch {
    return null // the user backed out
  }
  const file = chosen.tempFiles[0]
  if (!file) return null
  try {
    const uploaded = await Taro.cloud.uploadFile({
      cloudPath: `directory-import/${Date.now()}-${file.name}`,
      filePath: file.path,
    })
    return { fileID: uploaded.fileID }
  } catch {
    return { error: '文件上传失败，请检查网络后重试' }
  }
}

/**
 * 导入: check first (dry run, nothing written), list every problem, and write only a file without problems,
 * all or nothing (cloudfunctions/api/actions/directory-transfer.ts). weapp takes a file from a chat; H5 (the
 * local cloud has no storage upload) takes pasted CSV text for one table.
 */
export function ImportPanel(props: { onApplied?: (report: Report) => void }) {
  const [table, setTable] = useState<DirectoryTable>('enterprises')
  const [text, setText] = useState('')
  const [source, setSource] = useState<Source | null>(null)
  const [report, setReport] = useState<Report | null>(null)
  const [busy, setBusy] = useState(false)
  const [error, setError] = useState('')

  async function run(next: Source, dryRun: boolean, forTable?: DirectoryTable) {
    setBusy(true)
    setError('')
    const res = await callCloud('directory.import', { source: next, ...(forTable ? { table: forTable } : {}), dryRun })
    setBusy(false)
    if (!res.ok) {
      setError(res.error.message)
      if (!dryRun) return // keep the checked report: the office may retry the same file
      setReport(null)
      return
    }
    setSource(next)
    setReport(res.data)
    if (res.data.applied) {
      void Taro.showToast({ title: '导入完成', icon: 'success' })
      props.onApplied?.(res.data)
    }
  }

  async function checkPasted() {
    if (busy) return
    const body = text.trim()
    if (body === '') {
      setError('请粘贴CSV内容，第一行为表头')
      return
    }
    const base64 = utf8ToBase64(body + '\n')
    if (base64.length > INLINE_FILE_MAX_BASE64) {
      setError('内容过多，请分批粘贴导入')
      return
    }
    await run({ base64, fileName: `${table}.csv` }, true, table)
  }

  async function checkFile() {
    if (busy) return
    setBusy(true)
    const uploaded = await uploadChosenFile()
    setBusy(false)
    if (!uploaded) return
    if ('error' in uploaded) {
      setError(uploaded.error)
      return
    }
    await run(uploaded, true)
  }

  function confirm() {
    if (!source || !canApply(report) || busy) return
    void run(source, false, 'base64' in source ? table : undefined)
  }

  return (
    <View className="card import-panel">
      <Text className="card-title">导入名录</Text>
      <Text className="muted admin-facts">
        先检查全部内容，有任何问题都不会写入；同一文件重复导入不会产生变化。建议先导出一份作为模板。
      </Text>
      {IS_WEAPP ? (
        <Button className="btn-plain admin-facts" id="choose-file" loading={busy} onClick={() => void checkFile()}>
          从聊天中选择 .xlsx / .csv 文件并检查
        </Button>
      ) : (
        <View>
          <Text className="muted admin-facts">粘贴一张表的 CSV 内容（第一行为表头），选择它是哪张表：</Text>
          <View className="admin-facts" id="import-table">
            <Chips
              options={TABLE_OPTIONS}
              selected={[table]}
              onToggle={(t) => {
                setTable(t)
                setReport(null)
              }}
            />
          </View>
          <Textarea
            className="admin-textarea"
            id="import-text"
            value={text}
            maxlength={80000}
            placeholder={headerRowOf(table)}
            onInput={(e) => {
              setText(e.detail.value)
              setReport(null) // a changed text must be checked again before it can be written
            }}
          />
          <View className="admin-actions">
            <Button
              className="btn-plain"
              id="fill-header"
              size="mini"
              onClick={() => setText(headerRowOf(table) + '\n' + text)}
            >
              插入表头
            </Button>
            <Button
              className="btn-primary"
              id="dry-run-button"
              size="mini"
              loading={busy}
              onClick={() => void checkPasted()}
            >
              检查
            </Button>
          </View>
        </View>
      )}
      {error ? (
        <Text className="error-text" id="import-error">
          {error}
        </Text>
      ) : null}
      {report ? <ImportReport report={report} busy={busy} onConfirm={confirm} /> : null}
    </View>
  )
}
