/**
 * User text passes WeChat's content check (security.msgSecCheck v2) before it is saved (issue 4 §6).
 * v2 needs the author's OPENID and a scene; scene 1 = 资料 (profile-like content), the closest to a 诉求.
 */
import { openapi } from './cloud'
import { AppError } from './errors'

const SCENE_PROFILE = 1

export async function assertTextIsSafe(openid: string, content: string): Promise<void> {
  if (!(await isSafe(openid, content))) {
    throw new AppError('INVALID_INPUT', '提交的内容含有不适宜的信息，请修改后再提交')
  }
}

/** msgSecCheck v2 takes at most 2500 characters of content per call. */
const MAX_CHECK_CHARS = 2500

async function isSafe(openid: string, content: string): Promise<boolean> {
  let suggest: string | undefined
  try {
    const res = await openapi.security.msgSecCheck({ openid, scene: SCENE_PROFILE, version: 2, content })
    suggest = (res as { result?: { suggest?: string } }).result?.suggest
  } catch (err) {
    // Fail closed: text the platform could not check is not saved (the user can simply retry).
    console.error('[contentSafety] msgSecCheck failed', err)
    throw new AppError('INTERNAL', '内容安全检查暂不可用，请稍后再试')
  }
  return suggest !== 'risky'
}

/**
 * Which of many texts fail the check (e.g. every name in an imported spreadsheet), with few calls: texts are
 * checked in batches of up to 2500 characters, and only a failing batch is split to find its culprits.
 * Returns the indexes of the failing texts.
 */
export async function findUnsafeTexts(openid: string, texts: readonly string[]): Promise<number[]> {
  const batches: number[][] = []
  let batch: number[] = []
  let size = 0
  texts.forEach((text, i) => {
    const length = Math.min(text.length, MAX_CHECK_CHARS) + 1
    if (size + length > MAX_CHECK_CHARS && batch.length > 0) {
      batches.push(batch)
      batch = []
      size = 0
    }
    batch.push(i)
    size += length
  })
  if (batch.length > 0) batches.push(batch)

  const unsafe: number[] = []
  const check = async (indexes: number[]): Promise<void> => {
    const content = indexes
      .map((i) => texts[i].slice(0, MAX_CHECK_CHARS))
      .join('\n')
      .slice(0, MAX_CHECK_CHARS)
    if (await isSafe(openid, content)) return
    if (indexes.length === 1) {
      unsafe.push(indexes[0])
      return
    }
    const half = Math.ceil(indexes.length / 2)
    await check(indexes.slice(0, half))
    await check(indexes.slice(half))
  }
  for (const b of batches) await check(b)
  return unsafe.sort((a, b) => a - b)
}
