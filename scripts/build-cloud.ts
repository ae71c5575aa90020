/**
 * Bundle each cloud function into a deployable folder (DESIGN.md §5):
 *   dist/cloudfunctions/<name>/{index.js, package.json, config.json}
 * esbuild inlines the shared server code, the core and the shared types; wx-server-sdk stays external
 * (the cloud installs it from the function's package.json, pinned exactly to 4.0.2).
 */
import { build } from 'esbuild'
import { copyFileSync, existsSync, mkdirSync, readdirSync, readFileSync, rmSync } from 'node:fs'
import path from 'node:path'

export const ROOT = path.resolve(__dirname, '..')
export const FUNCTIONS_SRC = path.join(ROOT, 'cloudfunctions')
export const FUNCTIONS_OUT = path.join(ROOT, 'dist', 'cloudfunctions')
const SDK_VERSION = '4.0.2'

/** A function is a folder under cloudfunctions/ with an index.ts and a package.json. */
export function functionNames(): string[] {
  return readdirSync(FUNCTIONS_SRC, { withFileTypes: true })
    .filter((d) => d.isDirectory())
    .map((d) => d.name)
    .filter(
      (name) =>
        existsSync(path.join(FUNCTIONS_SRC, name, 'index.ts')) &&
        existsSync(path.join(FUNCTIONS_SRC, name, 'package.json')),
    )
}

function checkPackage(name: string): void {
  const pkg = JSON.parse(readFileSync(path.join(FUNCTIONS_SRC, name, 'package.json'), 'utf8'))
  const pinned = pkg.dependencies?.['wx-server-sdk']
  if (pinned !== SDK_VERSION) {
    throw new Error(
      `cloudfunctions/${name}/package.json must pin wx-server-sdk to exactly ${SDK_VERSION} (found ${pinned})`,
    )
  }
}

export async function buildFunctions(): Promise<string[]> {
  const names = functionNames()
  for (const name of names) {
    checkPackage(name)
    const out = path.join(FUNCTIONS_OUT, name)
    rmSync(out, { recursive: true, force: true })
    mkdirSync(out, { recursive: true })
    await build({
      entryPoints: [path.join(FUNCTIONS_SRC, name, 'index.ts')],
      outfile: path.join(out, 'index.js'),
      bundle: true,
      platform: 'node',
      // the cloud's Node.js runtime; choose 16+ in the console when creating the function
      target: 'node16',
      format: 'cjs',
      external: ['wx-server-sdk'],
      legalComments: 'none',
      // smaller and faster to load at a cold start; names kept so the cloud console's stack traces read
      minifyWhitespace: true,
      minifySyntax: true,
      keepNames: true,
      logLevel: 'warning',
    })
    copyFileSync(path.join(FUNCTIONS_SRC, name, 'package.json'), path.join(out, 'package.json'))
    copyFileSync(path.join(FUNCTIONS_SRC, name, 'config.json'), path.join(out, 'config.json'))
  }
  return names
}

if (require.main === module) {
  buildFunctions().then(
    (names) => console.log(`built ${names.length} cloud function(s) into dist/cloudfunctions: ${names.join(', ')}`),
    (err) => {
      console.error(err instanceof Error ? err.message : err)
      process.exit(1)
    },
  )
}
