/**
 * The directory as a spreadsheet: a dry run lists every row's problems in Chinese and writes nothing; an
 * import applies all or nothing; the same file again changes nothing; an export imports back unchanged; a
 * crash half-way is finished by importing the same file again. The workbook is built here with exceljs the
 * way an office would fill it in: a title line above the header, a 序号 and a 备注 column, blank rows, stray
 * spaces, a credit code Excel turned into a number.
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs'
import path from 'node:path'
import { Workbook } from 'exceljs'
import { openTestCloud } from '../support/localCloud'
import { COLLECTIONS } from '../../cloudfunctions/shared/collections'
import { enterpriseIdFor } from '../../cloudfunctions/core/directory'
import { decodeText, parseCsv } from '../../cloudfunctions/shared/spreadsheet'
import { DIRECTORY_SHEETS, type ImportReport } from '../../types/directory'
import { CODES, creditCode, failure, ok, PEOPLE, seedWorld, storeSnapshot } from './world'

let env: ReturnType<typeof openTestCloud>
beforeEach(() => {
  env = openTestCloud()
  seedWorld(env)
})
afterEach(() => env.close())

const DIRECTORY_COLLECTIONS = [
  COLLECTIONS.units,
  COLLECTIONS.leaders,
  COLLECTIONS.enterprises,
  COLLECTIONS.commissioners,
  COLLECTIONS.serviceTeams,
  COLLECTIONS.arrangements,
  COLLECTIONS.users,
]
const directoryNow = () => storeSnapshot(env, DIRECTORY_COLLECTIONS)

const NEW_ENTERPRISE = creditCode('MA5R7T3K', '450311')
const BAD_CHECKSUM = creditCode('31415926').slice(0, 17) + (creditCode('31415926')[17] === '0' ? '1' : '0')
const ALL_DIGITS = creditCode('27182818') // may or may not end in a digit; written below as a number-like cell
const UNKNOWN_CODE = creditCode('88888888', '450330')

type Row = Array<string | number | null>

/** A sheet as an office fills it in: title line, 序号 first, 备注 last, header on row 2. */
function addSheet(workbook: Workbook, name: string, title: string, header: string[], rows: Row[]) {
  const sheet = workbook.addWorksheet(name)
  sheet.addRow([title])
  sheet.addRow(['序号', ...header, '备注'])
  rows.forEach((row, i) => sheet.addRow(row.length === 0 ? [] : [i + 1, ...row, '']))
}

/**
 * The directory update of the test: two new units, a new leader and task force, a new key enterprise with its
 * commissioner and 四个一, and enterprise B moved to leader A. `mistakes` adds the rows an office gets wrong.
 */
async function directoryWorkbook(mistakes: boolean): Promise<Buffer> {
  const workbook = new Workbook()
  addSheet(
    workbook,
    '单位',
    '桂林市服务企业责任单位名录',
    ['单位代码', '单位名称', '层级', '状态'],
    [
      ['hrss', '市人力资源和社会保障局', '市直', ''],
      ['tax', ' 市税务局 ', '市直', '启用'],
      ['county-yanshan', '雁山区人民政府', '县(市、区)', ''],
      ...(mistakes ? [['region-x', '自治区某厅', '省直', '']] : []),
    ],
  )
  addSheet(
    workbook,
    '市领导',
    '市领导联系重点企业名单',
    ['编号', '姓名', '职务', '排序'],
    [
      ['leader-a', '周立群', '市委书记', 1],
      ['leader-c', '韦明华', '市人大常委会主任', 3],
    ],
  )
  addSheet(
    workbook,
    '专班',
    '工作专班',
    ['专班代码', '专班名称', '牵头市领导编号', '成员单位代码'],
    [['tf-land', '用地专班', 'leader-c', 'tax、hrss']],
  )
  const enterpriseRows: Row[] = [
    [
      CODES.a,
      '燕京啤酒(桂林漓泉)股份有限公司',
      '七星区',
      '桂林国家高新区',
      '酒、饮料和精制茶制造业',
      '是',
      '王经理',
      '13812345678',
      '办公室主任',
    ],
    [],
    [
      NEW_ENTERPRISE.toLowerCase(),
      '桂林雁山精密机械有限公司',
      '雁山区',
      '桂林经开区',
      '通用设备制造业',
      '是',
      '覃总、蒋主任',
      '13877310001、0773-3561234',
      '',
    ],
  ]
  if (mistakes) {
    enterpriseRows.push(
      [BAD_CHECKSUM, '桂林校验位错误有限公司', '七星区', '', '专用设备制造业', '是', '', '', ''],
      [creditCode('16180339'), '桂林缺行业有限公司', '七星区', '', '', '否', '', '', ''],
      [NEW_ENTERPRISE, '桂林雁山精密机械有限公司（重复）', '雁山区', '', '通用设备制造业', '否', '', '', ''],
      [914503051234567800, '桂林数字格式有限公司', '七星区', '', '专用设备制造业', '否', '', '', ''],
      [ALL_DIGITS, '桂林违禁词测试有限公司', '七星区', '', '专用设备制造业', '否', '', '', ''],
    )
  }
  addSheet(
    workbook,
    '企业',
    '桂林市重点工业企业名录（2021年）',
    ['统一社会信用代码', '企业名称', '县(市、区)', '园区', '行业', '重点企业', '联系人', '联系电话', '联系人职务'],
    enterpriseRows,
  )
  addSheet(
    workbook,
    '特派员',
    '工业振兴特派员',
    ['编号', '姓名', '派出单位代码', '分队', '驻点类型', '驻点企业信用代码', '驻点名称', '联系电话'],
    [
      ['comm-c', '梁宏伟', 'tax', '桂林经开区分队', '企业', NEW_ENTERPRISE, '桂林雁山精密机械有限公司', '13977330003'],
      ...(mistakes ? [['comm-d', '潘瑞祥', 'tax', '', '项目', UNKNOWN_CODE, '平乐某项目', '']] : []),
    ],
  )
  addSheet(
    workbook,
    '四个一',
    '重点企业“四个一”服务安排',
    [
      '企业信用代码',
      '企业名称',
      '联系市领导编号',
      '牵头服务单位代码',
      '服务团队名称',
      '服务团队成员单位代码',
      '特派员编号',
    ],
    [
      [NEW_ENTERPRISE, '桂林雁山精密机械有限公司', 'leader-c', 'tax', '', 'tax、county-yanshan', 'comm-c'],
      [CODES.b, '桂林华信制药有限公司', 'leader-a', 'education', '', '', 'comm-b'],
      ...(mistakes ? [[CODES.a, '燕京啤酒(桂林漓泉)股份有限公司', 'leader-a', 'tax-bureau', '', '', 'comm-a']] : []),
    ],
  )
  return Buffer.from(await workbook.xlsx.writeBuffer())
}

/** The app's way: upload to cloud storage, pass the fileID (the local cloud's storage is a folder). */
function uploaded(bytes: Buffer, name: string): string {
  const cloudPath = `imports/${name}`
  const file = path.join(env.dataDir, 'storage', cloudPath)
  mkdirSync(path.dirname(file), { recursive: true })
  writeFileSync(file, bytes)
  return `cloud://local.local-bucket/${cloudPath}`
}

function downloaded(fileID: string): Buffer {
  return readFileSync(path.join(env.dataDir, 'storage', fileID.replace('cloud://local.local-bucket/', '')))
}

async function importFile(
  bytes: Buffer,
  options: { dryRun: boolean; name?: string; table?: string },
): Promise<ImportReport> {
  const fileID = uploaded(bytes, options.name ?? 'directory.xlsx')
  return ok(
    await env.call(PEOPLE.admin, 'directory.import', {
      source: { fileID },
      dryRun: options.dryRun,
      ...(options.table ? { table: options.table } : {}),
    }),
  ) as never
}

describe('a dry run', () => {
  it('lists every row’s problems in Chinese, by sheet, row and column, and writes nothing', async () => {
    const before = directoryNow()
    const report = await importFile(await directoryWorkbook(true), { dryRun: true })
    expect(report).toMatchObject({ dryRun: true, applied: false, jobId: null, format: 'xlsx' })
    const problems = report.problems.map((p) => `${p.sheet}!${p.row} ${p.column ?? ''}: ${p.message}`)
    expect(problems).toEqual([
      '单位!6 层级: 层级应为区直、市直或县(市、区)',
      `企业!6 统一社会信用代码: 统一社会信用代码校验位错误`,
      '企业!7 行业: 缺少行业',
      '企业!8 统一社会信用代码: 与第5行重复（统一社会信用代码相同）',
      '企业!9 统一社会信用代码: 统一社会信用代码校验位错误（该单元格可能被Excel当作数字处理，请将该列设为文本格式后重新填写）',
      '企业!10 : 含有不适宜的内容，请修改后再导入',
      `特派员!4 驻点企业信用代码: 未找到统一社会信用代码为${UNKNOWN_CODE}的企业`,
      '四个一!5 牵头服务单位代码: 未知牵头服务单位：tax-bureau',
    ])
    expect(report.problemCount).toBe(8)
    expect(directoryNow()).toBe(before)
    expect(env.cloud.store.count(COLLECTIONS.importJobs)).toBe(0)
  })

  it('refuses to apply a file with problems: not one row is written', async () => {
    const before = directoryNow()
    const report = await importFile(await directoryWorkbook(true), { dryRun: false })
    expect(report).toMatchObject({ applied: false, problemCount: 8 })
    expect(directoryNow()).toBe(before)
  })

  it('of a clean file says what an import would create, update and leave alone', async () => {
    const report = await importFile(await directoryWorkbook(false), { dryRun: true })
    expect(report.problems).toEqual([])
    expect(report.summary).toEqual({
      units: { created: 2, updated: 0, unchanged: 1 },
      leaders: { created: 1, updated: 0, unchanged: 1 },
      taskForces: { created: 1, updated: 0, unchanged: 0 },
      enterprises: { created: 1, updated: 0, unchanged: 1 },
      commissioners: { created: 1, updated: 0, unchanged: 0 },
      serviceTeams: { created: 1, updated: 0, unchanged: 1 },
      arrangements: { created: 1, updated: 1, unchanged: 0 },
    })
  })
})

describe('an import', () => {
  it('applies the whole file, records the job, and brings the leaders’ grants along', async () => {
    const report = await importFile(await directoryWorkbook(false), { dryRun: false })
    expect(report).toMatchObject({ applied: true, dryRun: false, problems: [] })
    const [created] = env.cloud.store.find(COLLECTIONS.enterprises, { creditCode: NEW_ENTERPRISE })
    expect(created).toMatchObject({
      _id: enterpriseIdFor(NEW_ENTERPRISE),
      name: '桂林雁山精密机械有限公司',
      district: '雁山区',
      isKey: true,
      contacts: [
        { name: '覃总', phone: '13877310001' },
        { name: '蒋主任', phone: '0773-3561234' },
      ],
    })
    expect(env.cloud.store.find(COLLECTIONS.units, { _id: 'tax' })[0]).toMatchObject({
      name: '市税务局',
      level: 'city',
      kind: 'department',
      active: true,
    })
    expect(env.cloud.store.find(COLLECTIONS.units, { _id: 'tf-land' })[0]).toMatchObject({
      kind: 'taskForce',
      leaderId: 'leader-c',
      memberUnitCodes: ['tax', 'hrss'],
    })
    expect(env.cloud.store.find(COLLECTIONS.serviceTeams, { enterpriseId: created._id })[0]).toMatchObject({
      name: '桂林雁山精密机械有限公司服务团队',
      memberUnitCodes: ['tax', 'county-yanshan'],
      commissionerIds: ['comm-c'],
    })
    expect(env.cloud.store.find(COLLECTIONS.users, { _id: PEOPLE.leaderA })[0].grants[0].enterpriseIds).toEqual([
      'ent-a',
      'ent-b',
    ])
    const [job] = env.cloud.store.find(COLLECTIONS.importJobs)
    expect(job).toMatchObject({
      _id: report.jobId,
      status: 'applied',
      writeCount: 9,
      operator: PEOPLE.admin,
      fileName: 'directory.xlsx',
    })
    expect(ok(await env.call(PEOPLE.admin, 'directory.importJobs', {})).items.map((j) => j._id)).toEqual([report.jobId])
  })

  it('of the same file again changes nothing', async () => {
    const file = await directoryWorkbook(false)
    await importFile(file, { dryRun: false })
    const after = directoryNow()
    const again = await importFile(file, { dryRun: false })
    expect(again.applied).toBe(true)
    expect(Object.values(again.summary).every((c) => c!.created === 0 && c!.updated === 0)).toBe(true)
    expect(directoryNow()).toBe(after)
    expect(env.cloud.store.find(COLLECTIONS.importJobs, { _id: again.jobId })[0].writeCount).toBe(0)
  })

  it('interrupted half-way is finished by importing the same file again', async () => {
    const file = await directoryWorkbook(false)
    const first = await importFile(file, { dryRun: false })
    const complete = directoryNow()
    // as if the function had died after the enterprises: the job still says applying, teams and 四个一 not written
    env.cloud.store.clear(COLLECTIONS.arrangements)
    env.cloud.store.clear(COLLECTIONS.serviceTeams)
    const job = env.cloud.store.find(COLLECTIONS.importJobs)[0]
    env.cloud.store.clear(COLLECTIONS.importJobs)
    env.cloud.store.insertMany(COLLECTIONS.importJobs, [{ ...job, status: 'applying', finishedAt: null }])
    const { ARRANGEMENTS, TEAMS } = await import('./world')
    env.cloud.store.insertMany(COLLECTIONS.arrangements, ARRANGEMENTS)
    env.cloud.store.insertMany(COLLECTIONS.serviceTeams, TEAMS)

    const rerun = await importFile(file, { dryRun: false })
    expect(rerun).toMatchObject({ applied: true, resumedJobId: first.jobId })
    expect(rerun.summary.enterprises).toEqual({ created: 0, updated: 0, unchanged: 2 })
    expect(rerun.summary.arrangements).toEqual({ created: 1, updated: 1, unchanged: 0 })
    expect(directoryNow()).toBe(complete)
    expect(env.cloud.store.find(COLLECTIONS.importJobs, { _id: first.jobId })[0]).toMatchObject({
      status: 'completedByRerun',
      completedByJobId: rerun.jobId,
    })
  })

  it('takes a small file inline as base64, and sends a larger one to cloud storage', async () => {
    const csv = Buffer.from('\uFEFF单位代码,单位名称,层级\r\ntax,市税务局,市直\r\n', 'utf8')
    const report = ok(
      await env.call(PEOPLE.admin, 'directory.import', {
        source: { base64: csv.toString('base64'), fileName: '单位.csv' },
        dryRun: false,
      }),
    )
    expect(report).toMatchObject({ applied: true, format: 'csv', tables: ['units'] })
    const tooBig = failure(
      await env.call(PEOPLE.admin, 'directory.import', {
        source: { base64: 'A'.repeat(100_004), fileName: 'big.csv' },
      }),
    )
    expect(tooBig).toMatchObject({ code: 'INVALID_INPUT', message: '文件较大，请先上传到云存储再导入' })
  })

  it('names what it cannot read', async () => {
    const quiet = jest.spyOn(console, 'error').mockImplementation(() => undefined) // the missing file is logged for the console
    const xls = Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1])
    const old = failure(
      await env.call(PEOPLE.admin, 'directory.import', {
        source: { base64: xls.toString('base64'), fileName: 'old.xls' },
      }),
    )
    expect(old.message).toContain('.xls')
    const missing = failure(
      await env.call(PEOPLE.admin, 'directory.import', {
        source: { fileID: 'cloud://local.local-bucket/imports/none.xlsx' },
      }),
    )
    expect(missing.code).toBe('NOT_FOUND')
    quiet.mockRestore()
    const unknown = await importFile(Buffer.from('姓名,年龄\r\n张三,30\r\n'), { dryRun: true, name: 'x.csv' })
    expect(unknown.problems[0].message).toContain('没有可识别的名录表')
    const noColumn = await importFile(Buffer.from('单位代码,单位名称\r\ntax,市税务局\r\n'), {
      dryRun: true,
      name: 'u.csv',
      table: 'units',
    })
    expect(noColumn.problems).toEqual([expect.objectContaining({ row: 1, message: '缺少列：层级' })])
  })
})

describe('an export', () => {
  it('writes every table to one workbook in cloud storage that imports back unchanged', async () => {
    const before = directoryNow()
    const exported = ok(await env.call(PEOPLE.dispatcher, 'directory.export', { format: 'xlsx' }))
    expect(exported).toMatchObject({
      format: 'xlsx',
      fileName: expect.stringMatching(/^惠企通名录-\d{8}-\d{4}\.xlsx$/),
    })
    expect(exported.rowCounts).toEqual({
      units: 5,
      leaders: 2,
      taskForces: 1,
      enterprises: 3,
      commissioners: 2,
      arrangements: 2,
    })
    const bytes = downloaded(exported.fileID)
    const workbook = new Workbook()
    await workbook.xlsx.load(bytes as never)
    expect(workbook.worksheets.map((s) => s.name)).toEqual([
      '单位',
      '市领导',
      '专班',
      '企业',
      '特派员',
      '四个一',
      '填写说明',
    ])
    expect(workbook.getWorksheet('企业')!.getRow(1).getCell(1).value).toBe('统一社会信用代码*')

    const report = await importFile(bytes, { dryRun: false, name: 'exported.xlsx' })
    expect(report.problems).toEqual([])
    expect(report.ignoredSheets).toEqual(['填写说明'])
    expect(Object.values(report.summary).every((c) => c!.created === 0 && c!.updated === 0)).toBe(true)
    expect(directoryNow()).toBe(before)
  })

  it('writes one table as CSV (UTF-8 with BOM, formulas defused) that imports back unchanged', async () => {
    env.cloud.store.insertMany(COLLECTIONS.leaders, [
      { _id: 'leader-eq', name: '=HYPERLINK("x")', title: '测试', rank: 9, active: false },
    ])
    const before = directoryNow()
    const exported = ok(await env.call(PEOPLE.admin, 'directory.export', { format: 'csv', table: 'leaders' }))
    const bytes = downloaded(exported.fileID)
    expect(bytes.subarray(0, 3)).toEqual(Buffer.from([0xef, 0xbb, 0xbf]))
    const text = bytes.toString('utf8')
    expect(text).toContain(`"'=HYPERLINK(""x"")"`)
    expect(text).toContain('停用')
    const report = await importFile(bytes, { dryRun: false, name: 'leaders.csv' })
    expect(report).toMatchObject({
      tables: ['leaders'],
      summary: { leaders: { created: 0, updated: 0, unchanged: 3 } },
    })
    expect(directoryNow()).toBe(before)
    expect(failure(await env.call(PEOPLE.admin, 'directory.export', { format: 'csv' })).fields).toEqual({
      table: '请选择要导出的名录表',
    })
  })
})

describe('CSV reading', () => {
  it('reads quoted fields, CRLF and commas in quotes', () => {
    expect(parseCsv('a,"b,c","d ""e"""\r\n1,2,3\n')).toEqual([
      ['a', 'b,c', 'd "e"'],
      ['1', '2', '3'],
    ])
  })
  it('reads a file Excel saved in GBK', () => {
    expect(decodeText(Buffer.from([0xb5, 0xa5, 0xce, 0xbb, 0xb4, 0xfa, 0xc2, 0xeb]))).toBe('单位代码')
  })
  it('knows the headers it writes', () => {
    expect(DIRECTORY_SHEETS.enterprises.columns.map((c) => c.header)).toContain('统一社会信用代码')
  })
})
