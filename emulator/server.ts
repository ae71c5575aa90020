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
/** Cloud storage downloads (getTempFileURL's URLs here, LocalCloudOptions.storageUrlBase) */
export const STORAGE_ROUTE = '/api/storage/'
/** Stricter than callFunction's own event size limit; no user action needs more. */
const MAX_BODY_BYTES = 1024 * 1024
/** How much of an oversized body is read and dropped before answering 413 (see readBody). */
const DRAIN_LIMIT_BYTES = 64 * 1024 * 1024
/** No action's payload nests deeper than a few levels; this leaves room and keeps every walker safe. */
const MAX_EVENT_DEPTH = 64

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

/** A body the server refuses, with the HTTP status and the envelope's Chinese message. */
class BadBody extends Error {
  constructor(
    readonly status: 400 | 413,
    message: string,
  ) {
    super(message)
  }
}

/**
 * The whole body, or BadBody(413) once it passes MAX_BODY_BYTES. The rest is still read (and dropped) so
 * the client, still sending, receives the 413 instead of a reset connection; past DRAIN_LIMIT_BYTES the
 * sender is not worth waiting for and the answer goes out at once.
 */
function readBody(req: http.IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = []
    let size = 0
    const tooLarge = () => new BadBody(413, '请求内容过大（不超过 1 MB）')
    req.on('data', (chunk: Buffer) => {
      size += chunk.length
      if (size <= MAX_BODY_BYTES) chunks.push(chunk)
      else if (size > DRAIN_LIMIT_BYTES) reject(tooLarge())
    })
    req.on('end', () => (size > MAX_BODY_BYTES ? reject(tooLarge()) : resolve(Buffer.concat(chunks).toString('utf8'))))
    req.on('error', reject)
  })
}

/**
 * The event a body carries: a JSON object, as callFunction's data must be, nested no deeper than
 * MAX_EVENT_DEPTH (a 10,000-deep body would overflow the stack of whatever walks it next).
 */
function parseEvent(body: string): Record<string, unknown> {
  if (!body.trim()) return {}
  let event: unknown
  try {
    event = JSON.parse(body)
  } catch {
    throw new BadBody(400, '请求内容不是有效的 JSON')
  }
  if (typeof event !== 'object' || event === null || Array.isArray(event)) {
    throw new BadBody(400, '请求内容必须是一个 JSON 对象')
  }
  if (depthExceeds(event, MAX_EVENT_DEPTH)) throw new BadBody(400, `请求内容嵌套过深（不超过 ${MAX_EVENT_DEPTH} 层）`)
  return event as Record<string, unknown>
}

/** Whether `value` nests objects or arrays deeper than `max`; iterative, so any depth is safe to measure. */
function depthExceeds(value: unknown, max: number): boolean {
  const pending: Array<[unknown, number]> = [[value, 1]]
  while (pending.length) {
    const [node, depth] = pending.pop() as [unknown, number]
    if (typeof node !== 'object' || node === null) continue
    if (depth > max) return true
    for (const child of Object.values(node)) pending.push([child, depth + 1])
  }
  return false
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
  let event: Record<string, unknown>
  try {
    event = parseEvent(await readBody(req))
  } catch (err) {
    // the connection failed while reading: nobody is left to answer
    if (!(err instanceof BadBody)) return void req.destroy()
    // a refused body is the caller's mistake: 4xx with the envelope, never a 5xx (issue 8 item 7)
    res.setHeader('connection', 'close')
    fail(res, err.status, 'INVALID_INPUT', err.message)
    // a sender past DRAIN_LIMIT_BYTES is cut off once it has its answer
    if (!req.complete) res.on('finish', () => req.destroy())
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

/**
 * A stored file as a download. The path is the unguessable one the function chose (as the cloud's temporary
 * URL is a capability too); a name like 惠企通诉求清单-….xlsx comes in the `name` query.
 */
function serveStorage(opts: DevServerOptions, pathname: string, res: http.ServerResponse): void {
  let cloudPath: string
  try {
    cloudPath = decodeURIComponent(pathname.slice(STORAGE_ROUTE.length))
  } catch {
    return fail(res, 400, 'INVALID_INPUT', '文件路径不正确')
  }
  const file = opts.cloud.storageFile(cloudPath)
  if (!file) return fail(res, 404, 'NOT_FOUND', '文件不存在或已过期')
  const type = file.endsWith('.xlsx')
    ? 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet'
    : (CONTENT_TYPES[path.extname(file)] ?? 'application/octet-stream')
  res.writeHead(200, {
    'content-type': type,
    'content-disposition': `attachment; filename*=UTF-8''${encodeURIComponent(path.basename(file))}`,
    'cache-control': 'no-store',
  })
  createReadStream(file).pipe(res)
}

export function createDevServer(opts: DevServerOptions): http.Server {
  return http.createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://localhost')
    const fn = FUNCTION_ROUTE.exec(url.pathname)
    if (fn) {
      if (req.method !== 'POST') return fail(res, 405, 'INVALID_INPUT', '请使用 POST 调用云函数')
      if (!opts.cloud.functionNames().includes(fn[1])) {
        req.resume() // the body is not needed, but must be read for the answer to reach the client
        return fail(res, 404, 'NOT_FOUND', `没有名为 ${fn[1]} 的云函数`)
      }
      void invokeFunction(opts, fn[1], req, res)
      return
    }
    if (url.pathname === '/api/dev/identities') return sendJson(res, 200, opts.identities)
    if (url.pathname === '/api/dev/invites') return sendJson(res, 200, opts.invites ?? [])
    if (url.pathname === '/api/dev/records') return sendJson(res, 200, opts.cloud.records)
    if (url.pathname.startsWith(STORAGE_ROUTE)) return serveStorage(opts, url.pathname, res)
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
