/**
 * The one module that talks to wx-server-sdk (STYLE.md §8). Everything else imports `db`, `_`,
 * `callerOpenId` and `openapi` from here, so the local cloud has exactly one door to replace.
 */
import * as cloud from 'wx-server-sdk'

// DYNAMIC_CURRENT_ENV: the environment the function is deployed in, so one bundle serves test and prod envs
// (typed `symbol`; the init typings want a string but the SDK resolves the symbol itself).
cloud.init({ env: cloud.DYNAMIC_CURRENT_ENV as unknown as string })

// throwOnNotFound false: a missing doc reads as null instead of an exception (wx-db-contract item 31;
// the SDK reads it from the database config, index.js:1345, though the typings omit it).
export const db = cloud.database({ throwOnNotFound: false } as Parameters<typeof cloud.database>[0])
export const _ = db.command

/** The caller's OPENID from the platform; never a value the client sends (DESIGN.md §1). */
export function callerOpenId(): string | undefined {
  const openid = cloud.getWXContext().OPENID
  return openid ? openid : undefined
}

export const openapi = cloud.openapi

// The SDK's typings allow a callback style (`void | string` results); without a callback every call is a
// Promise (wx-db-contract item 64). These two read results with the types the callers expect.
interface Readable {
  get(): unknown
}

/** `doc(id).get()` → the document, or null when missing (throwOnNotFound: false above). */
export async function readDoc<T>(ref: Readable): Promise<T | null> {
  const res = (await ref.get()) as { data: T | null }
  return res.data ?? null
}

/** `where(...)....get()` → the matching documents. */
export async function readMany<T>(query: Readable): Promise<T[]> {
  const res = (await query.get()) as { data: T[] }
  return res.data
}

/** Cloud storage: the bytes go up under `cloudPath`; the fileID comes back (e.g. a generated export). */
export async function uploadFile(cloudPath: string, fileContent: Buffer): Promise<string> {
  const res = (await cloud.uploadFile({ cloudPath, fileContent })) as { fileID: string }
  return res.fileID
}

/** Cloud storage: the bytes of a file the app uploaded (e.g. a directory spreadsheet to import). */
export async function downloadFile(fileID: string): Promise<Buffer> {
  const res = (await cloud.downloadFile({ fileID })) as { fileContent: Buffer }
  return res.fileContent
}

/**
 * Temporary download URLs for files the caller may see (getTempFileURL takes at most 50 files a call);
 * a file that is gone answers no URL rather than failing the whole list, and so does a file the storage
 * refuses outright: a failed batch is asked again file by file, so one bad fileID never hides the others.
 */
export async function temporaryUrls(fileIDs: readonly string[]): Promise<Record<string, string>> {
  const urls: Record<string, string> = {}
  const ask = async (fileList: string[]) => {
    const res = (await cloud.getTempFileURL({ fileList })) as {
      fileList: Array<{ fileID: string; tempFileURL: string; status: number }>
    }
    for (const file of res.fileList) if (file.status === 0 && file.tempFileURL) urls[file.fileID] = file.tempFileURL
  }
  for (let i = 0; i < fileIDs.length; i += 50) {
    const batch = fileIDs.slice(i, i + 50)
    try {
      await ask(batch)
    } catch (err) {
      console.error('[storage] getTempFileURL failed; asking file by file', err)
      for (const fileID of batch) await ask([fileID]).catch(() => undefined)
    }
  }
  return urls
}

/** What cloud.openapi.cloudbase.sendSms takes (camelCase: the SDK turns keys into the API's snake_case). */
export interface CloudSmsRequest {
  env: string
  phoneNumberList: string[]
  smsType: 'Marketing' | 'Notification'
  content?: string
  path?: string
  templateId?: string
  templateParamList?: string[]
  useShortName: boolean
}

/**
 * One SMS through the cloud's SMS capability (needs `cloudbase.sendSms` in the function's config.json and an SMS
 * resource package in the environment). Not in the SDK's typings; the SDK calls any openapi by its path. A
 * refusal comes back as the rejected error (with errCode), like subscribeMessage.send's.
 */
export async function sendCloudSms(request: CloudSmsRequest): Promise<unknown> {
  const api = openapi as unknown as { cloudbase: { sendSms(data: CloudSmsRequest): Promise<unknown> } }
  try {
    return await api.cloudbase.sendSms(request)
  } catch (err) {
    return err
  }
}
