/**
 * The directory in and out as a spreadsheet (.xlsx) or CSV.
 *
 * Transport: the app uploads the file to cloud storage (wx.cloud.uploadFile) and passes its fileID; the
 * function downloads it. A file under ~73 KB may instead travel inline as base64 (`source.base64`, at most
 * 100,000 characters: WeChat's guidance for callFunction data). An export is uploaded by the function and
 * its fileID returned (a callFunction result is limited to 1 MB).
 *
 * All or nothing without multi-document transactions (the cloud database has only single-document ones):
 *  1. every row is checked first, against the database and the rest of the file (core/directory.ts
 *     planImport) and by the content check; one problem anywhere and nothing is written;
 *  2. the plan is a difference against the database, each record under a deterministic _id (unit code,
 *     ent-<credit code>, the file's ids), each write idempotent; referenced records are written first;
 *  3. an import job document says `applying` before the first write and `applied` after the last.
 * A crash in between leaves the job `applying`; importing the same file again plans only what is still
 * missing, finishes it and marks the earlier job `completedByRerun`. Re-importing an applied file plans no
 * writes at all.
 */
import { createHash, randomBytes } from 'node:crypto'
import type * as z from 'zod/mini'
import type { ActionDef } from '../../api/router'
import {
  DIRECTORY_SHEETS,
  DIRECTORY_TABLES,
  type DirectoryTable,
  type ImportJob,
  type ImportProblem,
  type ImportReport,
} from '../../../types/directory'
import { directoryExportSchema, directoryImportSchema, pageSchema } from '../../../types/directory-schemas'
import { exportRows, planImport, sortProblems } from '../../core/directory'
import { COLLECTIONS } from '../../shared/collections'
import { _, db, downloadFile, readMany, uploadFile } from '../../shared/cloud'
import { findUnsafeTexts } from '../../shared/contentSafety'
import { shownOpenId } from '../../shared/openids'
import { applyWrites, loadDirectorySnapshot } from '../../shared/directory'
import { AppError } from '../../shared/errors'
import { reconcileLinkedGrants } from '../../shared/grants'
import { readCsv, readXlsx, sniffFormat, writeCsv, writeXlsx, type ExportTable } from '../../shared/spreadsheet'

type Parsed<S extends z.ZodMiniType> = z.output<S>

/** A directory file of a whole city is tens of KB; 5 MB leaves room and keeps the function's memory safe. */
const MAX_FILE_BYTES = 5 * 1024 * 1024
/** The report lists this many problems (callFunction results are limited to 1 MB); problemCount counts all. */
const MAX_LISTED_PROBLEMS = 500

async function fileOf(
  source: Parsed<typeof directoryImportSchema>['source'],
): Promise<{ bytes: Buffer; fileName: string }> {
  if ('base64' in source) return { bytes: Buffer.from(source.base64, 'base64'), fileName: source.fileName }
  let bytes: Buffer
  try {
    bytes = await downloadFile(source.fileID)
  } catch (err) {
    console.error('[directory.import] downloadFile failed', err)
    throw new AppError('NOT_FOUND', '未找到上传的文件，请重新上传')
  }
  return { bytes, fileName: decodeURIComponent(source.fileID.split('/').pop() ?? 'directory') }
}

export const importDirectory: ActionDef<'directory.import'> = {
  payload: directoryImportSchema,
  async handle(ctx, payload) {
    const { source, table, dryRun } = payload as Parsed<typeof directoryImportSchema>
    const { bytes, fileName } = await fileOf(source)
    if (bytes.length === 0) throw new AppError('INVALID_INPUT', '文件是空的')
    if (bytes.length > MAX_FILE_BYTES) throw new AppError('INVALID_INPUT', '文件超过5MB，请分批导入')
    const format = sniffFormat(bytes)
    if (format === 'xls')
      throw new AppError('INVALID_INPUT', '不支持旧版Excel（.xls）文件，请在Excel中另存为.xlsx后导入')
    let sheets
    try {
      sheets = format === 'xlsx' ? await readXlsx(bytes) : [readCsv(bytes, fileName)]
    } catch (err) {
      console.error('[directory.import] cannot read the file', err)
      throw new AppError('INVALID_INPUT', '无法读取该文件，请确认是.xlsx或CSV格式')
    }

    const plan = planImport(sheets, await loadDirectorySnapshot(), table)
    // the content check runs on every name and title in the file, in few calls (shared/contentSafety.ts)
    const unsafe = await findUnsafeTexts(
      ctx.openid,
      plan.texts.map((t) => t.text),
    )
    const problems: ImportProblem[] = sortProblems([
      ...plan.problems,
      ...unsafe.map((i) => {
        const { table: t, sheet, row } = plan.texts[i]
        return { table: t, sheet, row, message: '含有不适宜的内容，请修改后再导入' }
      }),
    ])
    const fileHash = createHash('sha256').update(bytes).digest('hex')
    const report: ImportReport = {
      dryRun: true,
      applied: false,
      jobId: null,
      resumedJobId: null,
      format,
      fileHash,
      tables: plan.tables,
      ignoredSheets: plan.ignoredSheets,
      problems: problems.slice(0, MAX_LISTED_PROBLEMS),
      problemCount: problems.length,
      summary: plan.summary,
    }
    if (problems.length > 0 || dryRun) return report

    const earlier = await readMany<ImportJob>(
      db
        .collection(COLLECTIONS.importJobs)
        .where({ fileHash: _.eq(fileHash), status: _.in(['applying', 'failed']) })
        .limit(20),
    )
    const job: ImportJob = {
      _id: `import-${ctx.now.getTime()}-${randomBytes(3).toString('hex')}`,
      status: 'applying',
      fileHash,
      fileName,
      format,
      tables: plan.tables,
      summary: plan.summary,
      writeCount: plan.writes.length,
      startedAt: ctx.now,
      finishedAt: null,
      operator: ctx.openid,
      operatorName: ctx.user.name,
      ...(earlier.length > 0 ? { resumedJobId: earlier[0]._id } : {}),
    }
    const jobs = db.collection(COLLECTIONS.importJobs)
    await jobs.add({ data: job })
    try {
      await applyWrites(plan.writes)
      await reconcileLinkedGrants()
    } catch (err) {
      console.error('[directory.import] interrupted', err)
      try {
        await jobs
          .doc(job._id)
          .update({ data: { status: 'failed', failure: String((err as Error).message ?? err).slice(0, 500) } })
      } catch {
        // the job stays 'applying': still says the import did not finish
      }
      throw new AppError('INTERNAL', '导入中断，部分数据已写入。请重新导入同一文件以完成导入')
    }
    await jobs.doc(job._id).update({ data: { status: 'applied', finishedAt: ctx.now } })
    for (const unfinished of earlier) {
      await jobs.doc(unfinished._id).update({ data: { status: 'completedByRerun', completedByJobId: job._id } })
    }
    return { ...report, dryRun: false, applied: true, jobId: job._id, resumedJobId: job.resumedJobId ?? null }
  },
}

const NOTES = [
  '惠企通名录导入说明',
  '1. 每个工作表对应一类名录：单位、市领导、专班、企业、特派员、四个一；可只保留需要导入的工作表。',
  '2. 表头带*的列必填。按“单位代码”“编号”“统一社会信用代码”匹配已有记录：已有的更新，没有的新增；文件中没有的记录保持不变。',
  '3. 停用某条记录：将“状态”填为“停用”（系统不删除任何名录记录）。',
  '4. 多个值（成员单位、特派员编号、联系人、联系电话）用顿号“、”分隔，联系人与联系电话一一对应。',
  '5. 层级填：区直、市直或县(市、区)；驻点类型填：企业、项目或园区；重点企业填：是或否。',
  '6. 统一社会信用代码、联系电话列请保持文本格式，否则Excel可能改动长数字。',
  '7. 导入前系统会先检查全部内容，有任何问题都不会写入；同一文件重复导入不会产生变化。',
]

function stamp(now: Date): string {
  // Shanghai wall clock for the file name
  const local = new Date(now.getTime() + 8 * 60 * 60 * 1000).toISOString()
  return `${local.slice(0, 10).replace(/-/g, '')}-${local.slice(11, 16).replace(':', '')}`
}

export const exportDirectory: ActionDef<'directory.export'> = {
  payload: directoryExportSchema,
  async handle({ now }, payload) {
    const { format, table } = payload as Parsed<typeof directoryExportSchema>
    if (format === 'csv' && !table)
      throw new AppError('INVALID_INPUT', 'CSV每个文件只含一张表，请选择要导出的名录表', {
        table: '请选择要导出的名录表',
      })
    const rows = exportRows(await loadDirectorySnapshot())
    const tables: DirectoryTable[] = format === 'csv' ? [table!] : [...DIRECTORY_TABLES]
    const exported: ExportTable[] = tables.map((t) => ({
      sheet: DIRECTORY_SHEETS[t].sheet,
      columns: DIRECTORY_SHEETS[t].columns,
      rows: rows[t],
    }))
    const bytes = format === 'xlsx' ? await writeXlsx(exported, NOTES) : writeCsv(exported[0])
    const label = format === 'csv' ? DIRECTORY_SHEETS[table!].sheet : '名录'
    const fileName = `惠企通${label}-${stamp(now)}.${format}`
    const fileID = await uploadFile(
      `exports/directory/${stamp(now)}-${randomBytes(4).toString('hex')}.${format}`,
      bytes,
    )
    return { fileID, fileName, format, rowCounts: Object.fromEntries(tables.map((t) => [t, rows[t].length])) }
  },
}

export const importJobs: ActionDef<'directory.importJobs'> = {
  payload: pageSchema,
  async handle(ctx, payload) {
    const { page } = payload as Parsed<typeof pageSchema>
    const size = 20
    const rows = await readMany<ImportJob>(
      db
        .collection(COLLECTIONS.importJobs)
        .orderBy('startedAt', 'desc')
        .skip(page * size)
        .limit(size + 1),
    )
    // who ran an import shows by name; the OPENID stays on the server (issue 8 §6)
    const items = rows.slice(0, size).map((job) => ({ ...job, operator: shownOpenId(job.operator, ctx.openid) }))
    return { items, hasMore: rows.length > size }
  },
}
