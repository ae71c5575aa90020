/**
 * The clock answers the same in every process time zone. Each case spawns the probe under another TZ
 * (a running Node process cannot be moved reliably) and checks both that the zone took effect and that
 * nothing the clock or the rules answer changed.
 */
import { spawnSync } from 'node:child_process'
import path from 'node:path'
import { clockAnswers } from './support/clock-probe'

const ROOT = path.resolve(__dirname, '../..')
const TSX = path.join(ROOT, 'node_modules/.bin/tsx')
const PROBE = path.join(__dirname, 'support/clock-probe.ts')

function runProbe(timeZone: string, ...args: string[]): any {
  const run = spawnSync(TSX, [PROBE, ...args], { cwd: ROOT, env: { ...process.env, TZ: timeZone }, encoding: 'utf8' })
  if (run.status !== 0) throw new Error(`probe under ${timeZone} failed: ${run.stderr}`)
  return JSON.parse(run.stdout)
}

const EXPECTED_ANSWERS = {
  shanghaiDates: ['2026-09-30', '2026-10-01', '2026-11-01'],
  dues: [
    '2026-10-13T23:59:59.999+08:00',
    '2026-10-10T23:59:59.999+08:00',
    '2026-11-06T23:59:59.999+08:00',
    '2027-01-01T23:59:59.999+08:00',
  ],
  overdue: 5,
  remindAt: '2026-10-09T16:00:00.000Z',
  decision: {
    accept: '2026-10-08T15:59:59.999Z',
    reply: '2026-11-03T15:59:59.999Z',
    meeting: '2026-10-20T15:59:59.999Z',
  },
}

describe('the clock under other process time zones', () => {
  it('answers as expected in this test process', () => {
    expect(clockAnswers()).toEqual(EXPECTED_ANSWERS)
  })

  it.each([
    // zone, its offset on 9 Oct 2026 00:00 Shanghai (minutes, as getTimezoneOffset says), local day of month then
    ['America/New_York', 240, 8],
    ['Pacific/Kiritimati', -840, 9],
    ['America/Santiago', 180, 8],
    ['UTC', 0, 8],
    ['Asia/Shanghai', -480, 9],
  ])(
    'TZ=%s: the zone took effect (offset %i, local day %i) and every answer is unchanged',
    (timeZone, offset, localDay) => {
      const probe = runProbe(timeZone)
      expect(probe.offsetMinutes).toBe(offset)
      expect(probe.localDayOfMonth).toBe(localDay)
      expect(probe.answers).toEqual(EXPECTED_ANSWERS)
    },
  )

  it('reads the same working days as chinese-days itself, where chinese-days is right (TZ=Asia/Shanghai)', () => {
    const { checked, disagreements } = runProbe('Asia/Shanghai', 'compare-calendar')
    expect(checked).toBe(8401) // every day of 2004–2026
    expect(disagreements).toEqual([])
  })

  it("is why the clock reads chinese-days' data file: its functions are a day off west of Greenwich", () => {
    const { disagreements } = runProbe('America/New_York', 'compare-calendar')
    expect(disagreements.length).toBeGreaterThan(1000)
  })
})
