/**
 * `npm start`: one command from a fresh clone to a running 惠企通 on this machine.
 *  1. builds what is missing or stale (cloud functions always — it takes a second; H5 when src/ changed);
 *  2. opens the local cloud on DATA_DIR (default .data/) and loads the demo data on first run;
 *  3. serves the H5 app at / and the functions at POST /api/fn/<name> on HOST:PORT (127.0.0.1:8787).
 */
import { spawnSync } from 'node:child_process'
import { existsSync, readdirSync, statSync } from 'node:fs'
import path from 'node:path'
import { buildFunctions, FUNCTIONS_OUT, ROOT } from './build-cloud'
import { openProjectCloud } from '../emulator/project'
import { createDevServer } from '../emulator/server'

const HOST = process.env.HOST ?? '127.0.0.1'
const PORT = Number(process.env.PORT ?? 8787)
const DATA_DIR = path.resolve(ROOT, process.env.DATA_DIR ?? '.data')
const H5_DIR = path.join(ROOT, 'dist', 'h5')
/** What the H5 build is made from: a change in any of these makes the build stale. */
const H5_SOURCES = ['src', 'types', 'config'].map((d) => path.join(ROOT, d))

function newestMtime(dir: string): number {
  let newest = 0
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name)
    newest = Math.max(newest, entry.isDirectory() ? newestMtime(full) : statSync(full).mtimeMs)
  }
  return newest
}

function ensureH5Build(): void {
  const index = path.join(H5_DIR, 'index.html')
  const stale = !existsSync(index) || H5_SOURCES.some((dir) => newestMtime(dir) > statSync(index).mtimeMs)
  if (!stale) return
  console.log('构建 H5 版本（首次约需 1 分钟）…')
  const result = spawnSync('npm', ['run', '--silent', 'build:h5'], { cwd: ROOT, stdio: 'inherit' })
  if (result.status !== 0) throw new Error('H5 构建失败，见上方输出')
}

async function main(): Promise<void> {
  await buildFunctions()
  ensureH5Build()
  const { cloud, identities, invites, seeded } = await openProjectCloud({
    dataDir: DATA_DIR,
    functionsDir: FUNCTIONS_OUT,
  })
  const server = createDevServer({ cloud, staticDir: H5_DIR, identities, invites })
  const stopTimers = cloud.startTimers()

  server.listen(PORT, HOST, () => {
    const url = `http://${HOST}:${PORT}/`
    console.log(`\n惠企通 本地云已启动: ${url}`)
    console.log(`数据目录: ${DATA_DIR}${seeded ? '（已载入演示数据）' : ''}`)
    console.log('演示身份（在应用的「我的」页切换）:')
    for (const idn of identities) console.log(`  ${idn.label.padEnd(24)} ${idn.openid}`)
    console.log('演示邀请码（以「新用户」身份在「绑定身份」页使用）:')
    for (const invite of invites) console.log(`  ${invite.code}  ${invite.label}`)
    console.log('按 Ctrl+C 停止')
  })

  const shutdown = () => {
    stopTimers()
    server.close()
    cloud.close()
    process.exit(0)
  }
  process.on('SIGINT', shutdown)
  process.on('SIGTERM', shutdown)
}

main().catch((err) => {
  console.error(err instanceof Error ? err.message : err)
  process.exit(1)
})
