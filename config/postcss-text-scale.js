/**
 * 大字模式 in the stylesheet (issue 11): every text size and tap-target height of the app's own CSS follows one
 * CSS variable, --hq-scale (1 = normal, 1.25 = 大字模式, up to 1.5 when WeChat's font size is larger still).
 *
 *   font-size: 32rpx            →  font-size: calc(32rpx*var(--hq-scale,1))
 *   min-height: 88rpx           →  min-height: calc(88rpx*var(--hq-scale,1))
 *   line-height: 84rpx          →  line-height: calc(84rpx*var(--hq-scale,1))      (unitless line-heights stay)
 *
 * Why a variable and not the root font size: in weapp Taro's pxtransform turns every design px into rpx at build
 * time, and rpx follows the screen width only, so no runtime switch can reach it; H5 used to scale its rem root.
 * A custom property inherits from the page root to every node (also into custom components, since inheritance
 * crosses their boundary), so one value on `page` (weapp: page-meta's page-style) or on <html> (H5) rescales
 * the whole page. `var(--hq-scale,1)` falls back to the normal size where nothing sets it.
 *
 * Taro runs the plugins it is given after its own (node_modules/@tarojs/webpack5-runner/dist/postcss/postcss.mini.js
 * and postcss.h5.js: `...Object.entries(options)` come after postcss-pxtransform; a key that starts with `./` is a
 * local file resolved from the project root), so this sees the converted units: rpx in weapp, rem in H5. Widths,
 * paddings and margins are left alone: the page keeps the phone's width and nothing scrolls sideways.
 * Only files under src/ are touched (Taro's own component CSS is not ours to scale); `PX` (upper case, which
 * pxtransform leaves as device px) is left alone too.
 */
const path = require('node:path')

const SCALED = new Set(['font-size', 'line-height', 'min-height'])
const ONE_LENGTH = /^-?(\d+\.?\d*|\.\d+)(rpx|rem|px)$/
const SRC = path.join(path.resolve(__dirname, '..'), 'src') + path.sep

/** The scaled form of one declaration value, or null when it is not a plain length in our units. */
function scaledValue(value) {
  const v = value.trim()
  return ONE_LENGTH.test(v) ? `calc(${v}*var(--hq-scale,1))` : null
}

/** @param {{ include?: string }} [options] include: the folder whose CSS is scaled (default: the app's src/) */
function textScale(options = {}) {
  const include = options.include ?? SRC
  return {
    postcssPlugin: 'hq-text-scale',
    Declaration(decl) {
      if (!SCALED.has(decl.prop.toLowerCase())) return
      const file = decl.source?.input?.file
      if (!file || !path.resolve(file).startsWith(include)) return
      const scaled = scaledValue(decl.value)
      if (scaled) decl.value = scaled
    },
  }
}
textScale.postcss = true
textScale.scaledValue = scaledValue

module.exports = textScale
