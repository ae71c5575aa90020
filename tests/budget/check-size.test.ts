/**
 * `npm run check:size` (CI): the main package fails above its 400 KiB budget, and any package above WeChat's
 * 2 MB limit; license texts DevTools leaves out are not counted. Measured on small fake builds.
 */
import { spawnSync } from 'node:child_process'
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'

const ROOT = path.resolve(__dirname, '..', '..')
const KIB = 1024

/** A fake dist/weapp: app.json with the `desk` subpackage, and files of the given sizes. */
function build(files: Record<string, number>): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'hq-size-'))
  writeFileSync(path.join(dir, 'app.json'), JSON.stringify({ subPackages: [{ root: 'packages/desk/' }] }))
  for (const [file, size] of Object.entries(files)) {
    mkdirSync(path.dirname(path.join(dir, file)), { recursive: true })
    writeFileSync(path.join(dir, file), 'x'.repeat(size))
  }
  return dir
}

function checkSize(dir: string) {
  const run = spawnSync('npx', ['tsx', 'scripts/check-size.ts', dir], { cwd: ROOT, encoding: 'utf8' })
  return { status: run.status, out: run.stdout }
}

describe('check:size', () => {
  it('passes a main package under its budget and says how much is left', () => {
    const { status, out } = checkSize(build({ 'app.js': 390 * KIB, 'packages/desk/index.js': 900 * KIB }))
    expect(status).toBe(0)
    expect(out).toMatch(/main .*met, 10\.0 KiB left/)
  })

  it('fails a main package over 400 KiB, though far under 2 MB', () => {
    const { status, out } = checkSize(build({ 'app.js': 380 * KIB, 'common.js': 30 * KIB }))
    expect(status).toBe(1)
    expect(out).toMatch(/FAIL main .*EXCEEDED/)
  })

  it('does not count the license texts DevTools leaves out', () => {
    const { status } = checkSize(build({ 'app.js': 399 * KIB, 'vendors.js.LICENSE.txt': 10 * KIB }))
    expect(status).toBe(0)
  })

  it('fails a subpackage over 2 MB', () => {
    const { status, out } = checkSize(build({ 'app.js': 100 * KIB, 'packages/desk/big.js': 2049 * KIB }))
    expect(status).toBe(1)
    expect(out).toMatch(/FAIL packages\/desk/)
  })
})
