/**
 * User text passes WeChat's content check (security.msgSecCheck v2) before it is saved (issue 4 §6).
 * v2 needs the author's OPENID and a scene; scene 1 = 资料 (profile-like content), the closest to a 诉求.
 */
import { openapi } from './cloud'
import { AppError } from './errors'

const SCENE_PROFILE = 1

export async function assertTextIsSafe(openid: string, content: string): Promise<void> {
  let suggest: string | undefined
  try {
    const res = await openapi.security.msgSecCheck({ openid, scene: SCENE_PROFILE, version: 2, content })
    suggest = (res as { result?: { suggest?: string } }).result?.suggest
  } catch (err) {
    // Fail closed: text the platform could not check is not saved (the user can simply retry).
    console.error('[contentSafety] msgSecCheck failed', err)
    throw new AppError('INTERNAL', '内容安全检查暂不可用，请稍后再试')
  }
  if (suggest === 'risky') {
    throw new AppError('INVALID_INPUT', '提交的内容含有不适宜的信息，请修改后再提交')
  }
}
