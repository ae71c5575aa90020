/**
 * Where the app uploads a user's attachments in cloud storage. The function accepts only fileIDs under the
 * actor's own folder (cloudfunctions/shared/attachments.ts), so both sides build the path here.
 */
export function attachmentFolderOf(openid: string): string {
  return `attachments/${openid}/`
}
