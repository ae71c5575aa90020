/**
 * 大字模式 (适老化, issue 11): one number, the text scale, that every page applies through the CSS variable
 * --hq-scale (config/postcss-text-scale.js turns every font size, line height and min-height of src/ into
 * calc(<size> * var(--hq-scale, 1))).
 *   - H5: on <html> (src/index.html sets it before the first paint, setLargeText when the switch moves);
 *   - weapp: on each page's root node through <page-meta page-style="--hq-scale:{{hqScale||1}}">, which the
 *     build puts in every page's WXML (config/page-text-scale.js); scalePages() below keeps `hqScale` in every
 *     page's data: app.tsx hands it every page object Taro builds, so no page has code of its own for this.
 *
 * Where the scale comes from: the switch on 我的 when the person has used it (kept in storage), otherwise, in the
 * mini-program, WeChat's own font size (我 → 设置 → 通用 → 字体大小). WeChat's 适老化 guide
 * (developers.weixin.qq.com/miniprogram/design/elderly.html) says: read it from wx.getAppBaseInfo() (preferred;
 * wx.getSystemInfo is no longer maintained) as fontSizeSetting (px) and fontSizeScaleFactor; on iOS the standard
 * size is 17 px and the factor is fontSizeSetting / 17 (7 steps, up to 25.5 px on a 414 px screen), on Android
 * the standard is 16 px and fontSizeSetting = 16 × factor (8 steps). fontSizeSetting in getAppBaseInfo needs base
 * library ≥ 2.23.4 (wx.getAppBaseInfo doc), so getSystemInfoSync is the fallback.
 */
import Taro from '@tarojs/taro'

const LARGE_TEXT_KEY = 'hq-large-text'
/** The switch on 我的: a quarter larger (16.6 px body text on a 390 px phone becomes 20.8 px). */
export const LARGE_TEXT_SCALE = 1.25
/** WeChat's largest steps go to 1.5; beyond it a 390 px phone could not fit a row of two buttons. */
export const MAX_TEXT_SCALE = 1.5

/** What WeChat reports about its font size (wx.getAppBaseInfo / wx.getSystemInfoSync). */
export interface WeChatFontInfo {
  fontSizeSetting?: number
  fontSizeScaleFactor?: number
  platform?: string
}

/** The scale WeChat's font size asks for: 1 at 标准 (or smaller), its factor above, at most MAX_TEXT_SCALE. */
export function scaleFromWeChat(info: WeChatFontInfo): number {
  let factor = info.fontSizeScaleFactor
  if (!(typeof factor === 'number' && factor > 0) && typeof info.fontSizeSetting === 'number') {
    factor = info.fontSizeSetting / (info.platform === 'android' ? 16 : 17)
  }
  if (!(typeof factor === 'number' && Number.isFinite(factor))) return 1
  return Math.round(Math.min(MAX_TEXT_SCALE, Math.max(1, factor)) * 100) / 100
}

function weChatFontInfo(): WeChatFontInfo {
  // getAppBaseInfo: base library ≥ 2.20.1 (with fontSizeScaleFactor); getSystemInfoSync has the older fields
  const base = (Taro.getAppBaseInfo ? Taro.getAppBaseInfo() : {}) as WeChatFontInfo
  return typeof base.fontSizeScaleFactor === 'number' ? base : (Taro.getSystemInfoSync() as WeChatFontInfo)
}

/** The scale this person reads at: their 大字模式 choice if they made one, else (weapp) WeChat's font size. */
export function textScale(): number {
  const stored: unknown = Taro.getStorageSync(LARGE_TEXT_KEY)
  const system = process.env.TARO_ENV === 'weapp' ? scaleFromWeChat(weChatFontInfo()) : 1
  if (stored === true) return Math.max(LARGE_TEXT_SCALE, system)
  if (stored === false) return 1
  return system
}

/** Whether the switch on 我的 shows on: the app reads larger than normal, whoever asked for it. */
export function isLargeText(): boolean {
  return textScale() > 1
}

/** A mini-program page instance, as far as the scale needs it. */
interface NativePage {
  data?: { hqScale?: number }
  setData?: (data: { hqScale: number }) => void
}

function showScale(page: NativePage, scale: number): void {
  if (page.data?.hqScale !== scale) page.setData?.({ hqScale: scale })
}

/**
 * weapp: makes a page object (what Taro hands to Page()) keep `hqScale` in its data — set when the page loads,
 * checked again whenever it shows (WeChat's font size may have changed meanwhile). app.tsx applies it to every
 * page through Taro's modifyPageObject hook, which Taro's createPageConfig calls with each page's object
 * (@tarojs/runtime dsl/common.js) and which nothing else taps in a weapp build (it is a single-callback hook).
 */
export function scalePages(pageObject: Record<string, unknown>): void {
  type Lifecycle = (this: NativePage, options?: unknown, callback?: unknown) => unknown
  const { onLoad, onShow } = pageObject as { onLoad?: Lifecycle; onShow?: Lifecycle }
  pageObject.onLoad = function (this: NativePage, options?: unknown, callback?: unknown) {
    showScale(this, textScale())
    return onLoad?.call(this, options, callback)
  }
  pageObject.onShow = function (this: NativePage, options?: unknown) {
    showScale(this, textScale())
    return onShow?.call(this, options)
  }
}

/** The switch on 我的: remembered across launches, applied at once to every open page. */
export function setLargeText(on: boolean): void {
  Taro.setStorageSync(LARGE_TEXT_KEY, on)
  const scale = textScale()
  if (process.env.TARO_ENV === 'weapp') {
    ;(Taro.getCurrentPages() as NativePage[]).forEach((page) => showScale(page, scale))
  } else if (typeof document !== 'undefined') {
    document.documentElement.style.setProperty('--hq-scale', String(scale))
  }
}
