/**
 * 大字模式 (适老化): the whole app a quarter larger. On H5 every size is rem, so the root font size scales
 * everything (src/index.html applies it, capped so a PC is not a blown-up phone). In the mini-program the
 * switch starts from WeChat's own font size setting (设置 → 通用 → 字体大小): larger than standard turns it on.
 */
import Taro from '@tarojs/taro'

const LARGE_TEXT_KEY = 'hq-large-text'

/** WeChat's font size setting is 17 (px) at 标准; anything above means the person asked for larger text. */
const WECHAT_STANDARD_FONT = 17

export function isLargeText(): boolean {
  const stored: unknown = Taro.getStorageSync(LARGE_TEXT_KEY)
  if (typeof stored === 'boolean') return stored
  if (process.env.TARO_ENV === 'weapp') {
    const { fontSizeSetting } = Taro.getSystemInfoSync() as { fontSizeSetting?: number }
    return (fontSizeSetting ?? WECHAT_STANDARD_FONT) > WECHAT_STANDARD_FONT
  }
  return false
}

export function setLargeText(on: boolean): void {
  Taro.setStorageSync(LARGE_TEXT_KEY, on)
  if (process.env.TARO_ENV === 'h5') {
    const apply = (window as unknown as { hqApplyRootFont?: () => void }).hqApplyRootFont
    apply?.()
  }
}
