/**
 * Photos and files on a ticket. The app uploads them straight to cloud storage under
 * `attachments/<uploader's OPENID>/…` and passes the fileIDs with the event; a fileID outside the actor's own
 * folder is refused, so nobody can attach (and then read through ticket.files) a file someone else uploaded.
 */
import type { Ticket } from '../../types/domain'
import { attachmentFolderOf } from '../../types/storage'
import { AppError } from './errors'

export function assertOwnAttachments(event: Record<string, unknown>, openid: string): void {
  if (event.attachments === undefined) return
  const folder = `/${attachmentFolderOf(openid)}`
  const files = Array.isArray(event.attachments) ? event.attachments : [event.attachments]
  if (
    files.some((fileID) => typeof fileID !== 'string' || !fileID.startsWith('cloud://') || !fileID.includes(folder))
  ) {
    throw new AppError('INVALID_INPUT', '附件无效，请重新上传后再提交', { attachments: '附件无效，请重新上传' })
  }
}

/** Every file attached to a ticket: the reply's and each supplement's. */
export function attachmentsOf(ticket: Pick<Ticket, 'reply' | 'supplements'>): string[] {
  return [...(ticket.reply?.attachments ?? []), ...ticket.supplements.flatMap((round) => round.attachments)]
}
