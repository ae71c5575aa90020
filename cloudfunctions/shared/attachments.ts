/**
 * Photos and files on a ticket. The app uploads them straight to cloud storage under
 * `attachments/<uploader's OPENID>/…` and passes the fileIDs with the event; a fileID outside the actor's own
 * folder is refused, so nobody can attach (and then read through ticket.files) a file someone else uploaded.
 *
 * The fileID is parsed, never matched by substring (issue 8 §4): `…/attachments/<me>/../<other>/x` names
 * the other user's file once the storage resolves the path, so a path with an empty, `.` or `..` segment,
 * a percent-encoded or backslash character, a query or fragment, or a control character is refused outright.
 */
import type { Ticket } from '../../types/domain'
import { attachmentFolderOf } from '../../types/storage'
import { AppError } from './errors'

const FILE_ID_SCHEME = 'cloud://'
/** 512 is well above the cloud's fileIDs (env + bucket + our folder + a file name), and bounds the parse. */
const MAX_FILE_ID_LENGTH = 512
// eslint-disable-next-line no-control-regex -- refusing control characters is the point
const UNSAFE_SEGMENT = /[\u0000-\u001f\u007f%\\?#]/
/** with the u flag a proper pair is one code point, so this finds only halves of a pair */
const LONE_SURROGATE = /\p{Cs}/u
/** `attachments`: the top folder of attachmentFolderOf(openid) */
const ATTACHMENT_ROOT = attachmentFolderOf('-').split('/')[0]

/** The path segments of a well-formed attachment fileID (`cloud://<env>.<bucket>/<segments>`), or null. */
export function attachmentPathOf(fileID: unknown): string[] | null {
  if (typeof fileID !== 'string' || fileID.length > MAX_FILE_ID_LENGTH || !fileID.startsWith(FILE_ID_SCHEME)) {
    return null
  }
  const [bucket, ...segments] = fileID.slice(FILE_ID_SCHEME.length).split('/')
  if (!bucket || UNSAFE_SEGMENT.test(bucket) || !/^[\w.-]+$/.test(bucket)) return null
  const wellFormed = segments.every(
    (segment) => segment !== '' && segment !== '.' && segment !== '..' && !UNSAFE_SEGMENT.test(segment),
  )
  if (!wellFormed || LONE_SURROGATE.test(fileID)) return null
  // attachments/<openid>/<file name>: exactly one owner folder, a file below it
  const [root, owner] = segments
  if (root !== ATTACHMENT_ROOT || !owner || segments.length < 3) return null
  return segments
}

/** The OPENID whose folder a well-formed attachment fileID lies in, or null. */
export function attachmentOwnerOf(fileID: unknown): string | null {
  return attachmentPathOf(fileID)?.[1] ?? null
}

export function assertOwnAttachments(event: Record<string, unknown>, openid: string): void {
  if (event.attachments === undefined) return
  const files = Array.isArray(event.attachments) ? event.attachments : [event.attachments]
  if (files.some((fileID) => attachmentOwnerOf(fileID) !== openid)) {
    throw new AppError('INVALID_INPUT', '附件无效，请重新上传后再提交', { attachments: '附件无效，请重新上传' })
  }
}

/** Every file attached to a ticket: the reply's and each supplement's. */
export function attachmentsOf(ticket: Pick<Ticket, 'reply' | 'supplements'>): string[] {
  return [...(ticket.reply?.attachments ?? []), ...ticket.supplements.flatMap((round) => round.attachments)]
}
