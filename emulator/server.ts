/**
 * The local server of `npm start` and the browser tests: the H5 build at `/`, the cloud functions at
 * `POST /api/fn/<name>` (body = the event the mini-program would pass), and dev-only helpers under /api/dev.
 * The dev identity header is honoured here and nowhere else: in the WeChat cloud the OPENID comes from the
 * platform (DESIGN.md §1).
 */
import { createReadStream, existsSync, readFileSync, statSync } from 'node:fs'
import { brotliCompressSync, constants as zlibConstants, gzipSync } from 'node:zlib'
import http from 'node:http'
import path from 'node:path'
import { DEV_OPENID_HEADER } from '../types/api'
import type { LocalCloud } from './index'

const FUNCTION_ROUTE = /^\/api\/fn\/([A-Za-z0-9_-]+)$/
/** Stricter than callFunction's own event size limit; no user action needs more. */
const MAX_BODY_BYTES = 1024 * 1024

export interface DevIdentityInfo {
  openid: string
  name: string
  role: string
  label: string
}

/** A demo invite code to try the binding flow with (dev only). */
export interface DevInviteInfo {
  code: string
  label: string
}

export interface DevServerOptions {
  cloud: LocalCloud
  /** the H5 build (dist/h5) */
  staticDir: string
  identities: DevIdentityInfo[]
  invites?: DevInviteInfo[]
  /** serve text assets brotli/gzip compressed when the browser accepts it (default true; off to measure) */
  compress?: boolean
}

const CONTENT_TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'application/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.svg': 'image/svg+xml',
  '.ico': 'image/x-icon',
  '.woff': 'font/woff',
  '.woff2': 'font/woff2',
  '.ttf': 'font/ttf',
}

function sendJson(res: http.ServerResponse, status: number, body: unknown): void {
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store' })
  res.end(JSON.stringify(body))
}

function fail(res: http.ServerResponse, status: number, code: string, message: string): void {
  sendJson(res, status, { ok: false, error: { code, message } })
}

function readBody(req: http.IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = []
    let size = 0
    req.on('data', (chunk: Buffer) => {
      size += chunk.length
      if (size > MAX_BODY_BYTES) {
        reject(new Error('请求内容过大'))
        req.destroy()
        return
      }
      chunks.push(chunk)
    })
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')))
    req.on('error', reject)
  })
}

/** A file under staticDir for this URL path, or the SPA's index.html; never a file outside staticDir. */
function staticFile(staticDir: string, urlPath: string): string {
  const root = path.resolve(staticDir)
  let decoded: string
  try {
    decoded = decodeURIComponent(urlPath)
  } catch {
    decoded = '/'
  }
  const candidate = path.resolve(root, '.' + decoded)
  if (candidate.startsWith(root + path.sep) && existsSync(candidate) && statSync(candidate).isFile()) return candidate
  return path.join(root, 'index.html')
}

async function invokeFunction(
  opts: DevServerOptions,
  name: string,
  req: http.IncomingMessage,
  res: http.ServerResponse,
) {
  let event: unknown
  try {
    const body = await readBody(req)
    event = body ? JSON.parse(body) : {}
  } catch {
    fail(res, 400, 'INVALID_INPUT', '请求内容不是有效的 JSON')
    return
  }
  const header = req.headers[DEV_OPENID_HEADER]
  const openid = (Array.isArray(header) ? header[0] : header) ?? ''
  try {
    const { result } = await opts.cloud.invoke(name, event, { openid })
    sendJson(res, 200, result)
  } catch (err) {
    // The function itself crashed (no envelope): in WeChat, callFunction would reject the same way.
    console.error(`[local cloud] ${name} crashed`, err)
    sendJson(res, 502, { errCode: -504002, errMsg: `cloud.callFunction:fail ${(err as Error).message}` })
  }
}

export function createDevServer(opts: DevServerOptions): http.Server {
  return http.createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://localhost')
    const fn = FUNCTION_ROUTE.exec(url.pathname)
    if (fn) {
      if (req.method !== 'POST') return fail(res, 405, 'INVALID_INPUT', '请使用 POST 调用云函数')
      void invokeFunction(opts, fn[1], req, res)
      return
    }
    if (url.pathname === '/api/dev/identities') return sendJson(res, 200, opts.identities)
    if (url.pathname === '/api/dev/invites') return sendJson(res, 200, opts.invites ?? [])
    if (url.pathname === '/api/dev/records') return sendJson(res, 200, opts.cloud.records)
    if (url.pathname.startsWith('/api/')) return fail(res, 404, 'NOT_FOUND', '没有这个接口')
    if (req.method !== 'GET' && req.method !== 'HEAD') return fail(res, 405, 'INVALID_INPUT', '不支持的请求方法')

    const file = staticFile(opts.staticDir, url.pathname)
    if (!existsSync(file)) {
      res.writeHead(503, { 'content-type': 'text/plain; charset=utf-8' })
      res.end('H5 版本尚未构建：请运行 npm run build:h5')
      return
    }
    const type = CONTENT_TYPES[path.extname(file)] ?? 'application/octet-stream'
    // hashed assets may be cached for good; index.html never, so a new build shows at once
    const cache = file.endsWith('index.html') ? 'no-cache' : 'public, max-age=31536000, immutable'
    sendStatic(req, res, file, { 'content-type': type, 'cache-control': cache }, opts.compress ?? true)
  })
}

/** Text assets the browser may take compressed (JS, CSS, HTML, JSON, SVG); images are compressed already. */
const COMPRESSIBLE = /^(text\/|application\/(javascript|json)|image\/svg)/

/**
 * A static file, brotli or gzip compressed when the browser accepts it (the H5 JS is ~420 KB raw, ~110 KB
 * compressed). Each file is compressed once and kept: the build's files never change under a running server.
 */
function sendStatic(
  req: http.IncomingMessage,
  res: http.ServerResponse,
  file: string,
  headers: Record<string, string>,
  compress: boolean,
): void {
  const accepts = compress ? String(req.headers['accept-encoding'] ?? '') : ''
  const encoding = !COMPRESSIBLE.test(headers['content-type'])
    ? null
    : /\bbr\b/.test(accepts)
      ? 'br'
      : /\bgzip\b/.test(accepts)
        ? 'gzip'
        : null
  if (encoding === null) {
    res.writeHead(200, headers)
    if (req.method === 'HEAD') res.end()
    else createReadStream(file).pipe(res)
    return
  }
  const mtime = statSync(file).mtimeMs
  const key = `${encoding}:${file}`
  let cached = compressedFiles.get(key)
  if (cached === undefined || cached.mtime !== mtime) {
    const raw = readFileSync(file)
    const body =
      encoding === 'br'
        ? brotliCompressSync(raw, { params: { [zlibConstants.BROTLI_PARAM_QUALITY]: 9 } })
        : gzipSync(raw, { level: 9 })
    cached = { mtime, body }
    compressedFiles.set(key, cached)
  }
  res.writeHead(200, {
    ...headers,
    'content-encoding': encoding,
    vary: 'accept-encoding',
    'content-length': String(cached.body.length),
  })
  res.end(req.method === 'HEAD' ? undefined : cached.body)
}
const compressedFiles = new Map<string, { mtime: number; body: Buffer }>()
