/**
 * The dev server's path: an esbuild bundle (wx-server-sdk external, as scripts/build-cloud.ts builds
 * functions) required by the local cloud under plain Node via tsx, not jest's module registry.
 */
import { execFileSync } from 'node:child_process'
import { mkdirSync, rmSync } from 'node:fs'
import path from 'node:path'
import { build } from 'esbuild'

const ROOT = path.resolve(__dirname, '../..')
// inside the project, so that the bundle's require('wx-server-sdk') resolves the project's copy
const workDir = path.join(ROOT, 'node_modules', '.cache', 'local-cloud-tests', `bundle-${process.pid}`)
const bundle = path.join(workDir, 'visit-counter', 'index.js')
const dataDir = path.join(workDir, 'data')

beforeAll(async () => {
  mkdirSync(workDir, { recursive: true })
  await build({
    entryPoints: [path.join(__dirname, 'fixtures', 'visit-counter', 'index.ts')],
    bundle: true,
    platform: 'node',
    format: 'cjs',
    target: 'node20',
    external: ['wx-server-sdk'],
    outfile: bundle,
    logLevel: 'silent',
  })
})
afterAll(() => rmSync(workDir, { recursive: true, force: true }))

const invokeOnce = (openid: string) =>
  JSON.parse(
    execFileSync(
      path.join(ROOT, 'node_modules', '.bin', 'tsx'),
      [path.join(__dirname, 'fixtures', 'invoke-once.ts'), dataDir, bundle, openid],
      {
        cwd: ROOT,
        encoding: 'utf8',
        timeout: 60_000,
      },
    ),
  ) as { result: { openid: string; visits: number }; dbRoundTrips: number }

it('runs a built bundle in a separate process, with data kept between processes', () => {
  expect(invokeOnce('o-1')).toMatchObject({ result: { openid: 'o-1', visits: 1 }, dbRoundTrips: 2 })
  expect(invokeOnce('o-1')).toMatchObject({ result: { openid: 'o-1', visits: 2 }, dbRoundTrips: 2 })
})
