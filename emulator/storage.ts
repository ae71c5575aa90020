import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { dirname, isAbsolute, relative, resolve } from 'node:path'
import type { Readable } from 'node:stream'
import { pathToFileURL } from 'node:url'
import type { Invocation, TcbParams } from './invocation'
import type { RecordedCall } from './types'

/** fileIDs look like the cloud's `cloud://<env>.<bucket>/<cloudPath>`. */
const FILE_ID_PREFIX = 'cloud://local.local-bucket/'

type FileResult = { fileID: string; code: 'SUCCESS' | 'STORAGE_FILE_NONEXIST' }

/**
 * Cloud storage in a local folder. The TCB actions getTempFileURL and deleteFile send
 * (`storage.batchGetDownloadUrl`, `storage.batchDeleteFile`) are answered here; the bytes of uploadFile
 * and downloadFile never pass through the TCB API (node-sdk storage/index.js talks to COS directly),
 * so the seam hands those to upload() and download() instead.
 */
export class FileStorage {
  constructor(
    private readonly dir: string,
    private readonly uploads: RecordedCall[],
    private readonly now: () => Date,
    /** getTempFileURL answers `<urlBase><cloudPath>` when set (the dev server serves it), else a file:// URL */
    private readonly urlBase?: string,
  ) {
    mkdirSync(dir, { recursive: true })
  }

  async upload(cloudPath: string, content: Buffer | Readable, invocation: Invocation): Promise<string> {
    const file = this.fileFor(cloudPath)
    const bytes = Buffer.isBuffer(content) ? content : await readAll(content)
    mkdirSync(dirname(file), { recursive: true })
    writeFileSync(file, bytes)
    const fileID = `${FILE_ID_PREFIX}${cloudPath}`
    this.uploads.push({
      functionName: invocation.fn.name,
      api: 'uploadFile',
      data: { cloudPath, fileID, bytes: bytes.length },
      errCode: 0,
      at: this.now(),
    })
    return fileID
  }

  /** What node-sdk's downloadFile resolves: the bytes, or the error body the provider turns into errCode (W:685). */
  download(fileID: string): { fileContent: Buffer } | { code: string; message: string } {
    const file = this.existingFile(fileID)
    return file
      ? { fileContent: readFileSync(file) }
      : { code: 'STORAGE_FILE_NONEXIST', message: `${fileID} does not exist` }
  }

  answer(params: TcbParams): object {
    switch (params.action) {
      case 'storage.batchGetDownloadUrl': {
        const list = params.file_list as Array<{ fileid: string; max_age?: number }>
        // a file:// URL: the local file itself (the dev server may map it to an http URL)
        const download_list = list.map(({ fileid, max_age }) => {
          const file = this.existingFile(fileid)
          return {
            ...result(fileid, file),
            tempFileURL: file ? this.urlOf(fileid, file) : '',
            maxAge: max_age ?? 86400,
          }
        })
        return { data: { download_list } }
      }
      case 'storage.batchDeleteFile': {
        const delete_list = (params.fileid_list as string[]).map((fileid) => {
          const file = this.existingFile(fileid)
          if (file) rmSync(file)
          return result(fileid, file)
        })
        return { data: { delete_list } }
      }
      default:
        throw new Error(`local cloud does not emulate ${params.action}`)
    }
  }

  /** The local file of a cloud path, if it exists (never outside the storage folder). */
  localFile(cloudPath: string): string | undefined {
    try {
      const file = this.fileFor(cloudPath)
      return existsSync(file) ? file : undefined
    } catch {
      return undefined
    }
  }

  private urlOf(fileID: string, file: string): string {
    if (this.urlBase === undefined) return pathToFileURL(file).href
    const cloudPath = fileID.slice(FILE_ID_PREFIX.length)
    return this.urlBase + cloudPath.split('/').map(encodeURIComponent).join('/')
  }

  private existingFile(fileID: string): string | undefined {
    if (!fileID.startsWith(FILE_ID_PREFIX)) return undefined
    const file = this.fileFor(fileID.slice(FILE_ID_PREFIX.length))
    return existsSync(file) ? file : undefined
  }

  /** The local path of a cloud path, never outside the storage folder. */
  private fileFor(cloudPath: string): string {
    const file = resolve(this.dir, cloudPath)
    const inside = relative(this.dir, file)
    if (!inside || inside.startsWith('..') || isAbsolute(inside)) {
      throw new Error(`local cloud: cloudPath '${cloudPath}' leaves the storage folder`)
    }
    return file
  }
}

function result(fileID: string, file: string | undefined): FileResult {
  return { fileID, code: file ? 'SUCCESS' : 'STORAGE_FILE_NONEXIST' }
}

async function readAll(stream: Readable): Promise<Buffer> {
  const chunks: Buffer[] = []
  for await (const chunk of stream) chunks.push(Buffer.from(chunk as Uint8Array))
  return Buffer.concat(chunks)
}
