/**
 * Package budgets of the weapp build (DESIGN.md §6–7), printed as figures:
 *   - the main package and each subpackage must be ≤ 2 MB (WeChat refuses larger): fail above;
 *   - the main package must also stay ≤ 400 KiB, the budget every user downloads before the first screen:
 *     fail above. Staff code lives in subpackages (src/staff/, packages/desk), so staff features do not
 *     grow it; an enterprise page that would push it over goes to a subpackage too (packages/enterprise).
 * Counts what DevTools uploads: every file of dist/weapp except packOptions.ignore (license texts).
 */
import { existsSync, readFileSync, readdirSync, statSync } from 'node:fs'
import path from 'node:path'

const ROOT = path.resolve(__dirname, '..')
/** the weapp build to measure: dist/weapp, or the folder given as the first argument */
const WEAPP = path.resolve(process.argv[2] ?? path.join(ROOT, 'dist', 'weapp'))
const HARD_LIMIT = 2 * 1024 * 1024
const MAIN_TARGET = 400 * 1024

function filesUnder(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((d) => {
    const full = path.join(dir, d.name)
    return d.isDirectory() ? filesUnder(full) : [full]
  })
}

function main(): number {
  if (!existsSync(path.join(WEAPP, 'app.json'))) {
    console.error('dist/weapp/app.json not found: run `npm run build:weapp` first')
    return 1
  }
  const app = JSON.parse(readFileSync(path.join(WEAPP, 'app.json'), 'utf8')) as {
    subPackages?: Array<{ root: string }>
  }
  const roots = (app.subPackages ?? []).map((p) => p.root.replace(/\/$/, ''))
  const sizes = new Map<string, number>([['main', 0], ...roots.map((r) => [r, 0] as [string, number])])
  for (const file of filesUnder(WEAPP)) {
    if (file.endsWith('.LICENSE.txt')) continue
    const rel = path.relative(WEAPP, file).split(path.sep).join('/')
    const owner = roots.find((r) => rel.startsWith(r + '/')) ?? 'main'
    sizes.set(owner, (sizes.get(owner) ?? 0) + statSync(file).size)
  }

  let failed = false
  const kib = (n: number) => (n / 1024).toFixed(1)
  for (const [name, size] of sizes) {
    const over = size > HARD_LIMIT || (name === 'main' && size > MAIN_TARGET)
    failed ||= over
    const target =
      name === 'main'
        ? ` (budget ≤ ${kib(MAIN_TARGET)} KiB: ${size <= MAIN_TARGET ? `met, ${kib(MAIN_TARGET - size)} KiB left` : 'EXCEEDED'})`
        : ''
    console.log(
      `${over ? 'FAIL' : 'ok  '} ${name.padEnd(24)} ${kib(size).padStart(8)} KiB of ${kib(HARD_LIMIT)} KiB${target}`,
    )
  }
  const total = [...sizes.values()].reduce((a, b) => a + b, 0)
  console.log(`total ${kib(total)} KiB in ${sizes.size} package(s)`)
  return failed ? 1 : 0
}

process.exit(main())
