/** Where an export goes: cloud storage under exports/, and a temporary URL the app downloads it from. */
import { randomBytes } from 'node:crypto'
import type { SpreadsheetFile } from '../../types/export'
import { temporaryUrls, uploadFile } from '../shared/cloud'

/** 20261204-1330: Beijing wall clock, for file names */
export function stamp(now: Date): string {
  const local = new Date(now.getTime() + 8 * 60 * 60 * 1000).toISOString()
  return `${local.slice(0, 10).replace(/-/g, '')}-${local.slice(11, 16).replace(':', '')}`
}

/** Uploads the bytes under an unguessable path and answers the file with its download URL. */
export async function saveSpreadsheet(
  kind: string,
  label: string,
  bytes: Buffer,
  rows: number,
  now: Date,
): Promise<SpreadsheetFile> {
  const fileID = await uploadFile(`exports/${kind}/${stamp(now)}-${randomBytes(6).toString('hex')}.xlsx`, bytes)
  const urls = await temporaryUrls([fileID])
  return { fileID, url: urls[fileID] ?? '', fileName: `惠企通${label}-${stamp(now)}.xlsx`, rows, bytes: bytes.length }
}
