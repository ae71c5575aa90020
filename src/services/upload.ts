/**
 * Photos for a ticket (reply, supplement, on-site record): chosen in WeChat and uploaded straight to cloud
 * storage under `attachments/<OPENID>/`, the only folder the function accepts attachments from. The mini-program
 * only: H5 has no Taro.cloud (DESIGN.md §6).
 */
import Taro from '@tarojs/taro'
import { attachmentFolderOf } from '../../types/storage'
import { callCloud } from './cloud'

/** The function refuses more (core/events.ts). */
export const MAX_PHOTOS = 9

export const canUploadPhotos = process.env.TARO_ENV === 'weapp'

/** Lets the user pick up to `room` photos and uploads them; resolves the fileIDs ([] when cancelled). */
export async function choosePhotos(room: number): Promise<string[]> {
  // a constant branch: the H5 build leaves chooseMedia (and the code it pulls in) out
  if (process.env.TARO_ENV === 'weapp') return room > 0 ? chooseAndUpload(room) : []
  return []
}

async function chooseAndUpload(room: number): Promise<string[]> {
  const profile = await callCloud('me.profile', {})
  if (!profile.ok) throw new Error(profile.error.message)
  let picked: Taro.chooseMedia.SuccessCallbackResult
  try {
    picked = await Taro.chooseMedia({
      count: Math.min(room, MAX_PHOTOS),
      mediaType: ['image'],
      sizeType: ['compressed'],
    })
  } catch {
    return [] // cancelled
  }
  const folder = attachmentFolderOf(profile.data.openid)
  const uploads = picked.tempFiles.map((file, i) => {
    const extension = file.tempFilePath.split('.').pop() ?? 'jpg'
    return Taro.cloud.uploadFile({ cloudPath: `${folder}${Date.now()}-${i}.${extension}`, filePath: file.tempFilePath })
  })
  return (await Promise.all(uploads)).map((res) => res.fileID)
}
