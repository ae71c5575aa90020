/**
 * The rules simulator CLI, run exactly as the office would: `npm run --silent rules -- simulate <file>`.
 * Its stdout must be pure JSON (a script pipes it on), one object per draft, in input order.
 */
import { spawnSync } from 'node:child_process'
import { mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import defaultRulesJson from '../../config/rules/default-rules.json'
import { makeDraft } from './factories'

const ROOT = path.resolve(__dirname, '../..')
const folder = mkdtempSync(path.join(tmpdir(), 'rules-simulator-'))

function writeJson(name: string, value: unknown): string {
  const file = path.join(folder, name)
  writeFileSync(file, JSON.stringify(value))
  return file
}

function simulate(args: string[], env: Record<string, string> = {}) {
  const run = spawnSync('npm', ['run', '--silent', 'rules', '--', ...args], {
    cwd: ROOT,
    env: { ...process.env, ...env },
    encoding: 'utf8',
  })
  return { status: run.status, stdout: run.stdout, stderr: run.stderr }
}

/** A draft as the simulator reads it: the core's draft factory, its instant as ISO-8601 with an offset. */
function makeDraftJson(overrides: Record<string, unknown> = {}) {
  return { ...makeDraft({ id: 'labor-1' }), submittedAt: '2026-09-30T10:00:00+08:00', ...overrides }
}

const drafts = [
  makeDraftJson(),
  makeDraftJson({ id: 'broken', category: 'labour', title: '' }),
  makeDraftJson({
    id: 'land-multi',
    category: 'land',
    units: ['natural-resources', 'county-lingui'],
    flags: ['upstream'],
    enterprise: { name: '重点企业', isKey: true },
  }),
  makeDraftJson({
    id: 'blocking',
    category: 'factors',
    flags: ['projectBlocking'],
    enterprise: { name: '重点企业', isKey: true },
    submittedAt: '2026-09-30T17:00:00Z',
  }),
  makeDraftJson({ id: 'new-year', submittedAt: '2026-12-31T10:00:00+08:00', urgency: 'urgent' }),
]
const draftsFile = writeJson('drafts.json', drafts)

describe('rules simulate', () => {
  let run: ReturnType<typeof simulate>
  beforeAll(() => {
    run = simulate(['simulate', draftsFile])
  })

  it('prints only a JSON array, one object per draft in input order', () => {
    expect(run.status).toBe(0)
    expect(run.stderr).toBe('')
    expect(run.stdout.trim().startsWith('[')).toBe(true)
    const output = JSON.parse(run.stdout)
    expect(output.map((entry: { id: string }) => entry.id)).toEqual(drafts.map((draft) => draft.id))
  })

  it('decides the required example: timed, hrss, accept 8 Oct, reply 13 Oct (the make-up Saturday counts)', () => {
    expect(JSON.parse(run.stdout)[0]).toEqual({
      id: 'labor-1',
      track: 'timed',
      level: 'city',
      leadUnit: 'hrss',
      coUnits: [],
      taskForce: null,
      acceptDueAt: '2026-10-08T23:59:59.999+08:00',
      replyDueAt: '2026-10-13T23:59:59.999+08:00',
      calendarMissing: false,
      ruleIds: ['R-TRACK-TIMED', 'R-CAT-LABOR'],
    })
  })

  it('puts an INVALID_INPUT error in place of a bad draft and goes on with the others', () => {
    const [, broken, landMulti] = JSON.parse(run.stdout)
    expect(broken.id).toBe('broken')
    expect(broken.error.code).toBe('INVALID_INPUT')
    expect(broken.error.message).toContain('category')
    expect(broken.error.message).toContain('请填写诉求标题')
    expect(landMulti).toMatchObject({
      track: 'coordination',
      level: 'region',
      leadUnit: 'natural-resources',
      coUnits: ['county-lingui'],
      taskForce: 'tf-land',
    })
  })

  it('gives null where the due waits for a reception day, and flags a year without calendar data', () => {
    const [, , , blocking, newYear] = JSON.parse(run.stdout)
    expect(blocking).toMatchObject({
      track: 'reception',
      acceptDueAt: '2026-10-08T23:59:59.999+08:00',
      replyDueAt: null,
    })
    expect(newYear).toMatchObject({
      acceptDueAt: '2027-01-01T23:59:59.999+08:00',
      replyDueAt: '2027-01-04T23:59:59.999+08:00',
      calendarMissing: true,
    })
  })

  it('prints the same bytes under another process time zone', () => {
    expect(simulate(['simulate', draftsFile], { TZ: 'America/New_York' }).stdout).toBe(run.stdout)
  })
})

describe('rules simulate --rules', () => {
  it('uses the rules file given (limits are data)', () => {
    const rulesFile = writeJson('short-rules.json', {
      ...defaultRulesJson,
      limits: { ...defaultRulesJson.limits, 'reply.timed': 3 },
    })
    const run = simulate(['simulate', draftsFile, '--rules', rulesFile])
    expect(run.status).toBe(0)
    expect(JSON.parse(run.stdout)[0].replyDueAt).toBe('2026-10-10T23:59:59.999+08:00')
  })

  it('refuses a bad rules file on stderr, in Chinese, with nothing on stdout', () => {
    const rulesFile = writeJson('bad-rules.json', {
      ...defaultRulesJson,
      limits: { ...defaultRulesJson.limits, accept: -1 },
    })
    const run = simulate(['simulate', draftsFile, '--rules', rulesFile])
    expect(run).toMatchObject({ status: 1, stdout: '' })
    expect(run.stderr).toContain('规则文档校验失败')
    expect(run.stderr).toContain('limits.accept')
  })
})

describe('misuse', () => {
  it.each<[string, number, string, string[]]>([
    ['no command', 2, '缺少命令', []],
    ['a drafts file that is not an array', 1, '须是 JSON 数组', ['simulate', writeJson('object.json', { id: 'x' })]],
    ['a drafts file that does not exist', 1, '无法读取', ['simulate', path.join(folder, 'missing.json')]],
  ])('%s: exit %i, "%s" on stderr, stdout empty', (_why, status, message, args) => {
    const run = simulate(args)
    expect(run).toMatchObject({ status, stdout: '' })
    expect(run.stderr).toContain(message)
  })
})
