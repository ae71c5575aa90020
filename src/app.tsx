import { type PropsWithChildren } from 'react'
import Taro, { useLaunch } from '@tarojs/taro'
import { hooks } from '@tarojs/runtime'
import { scalePages } from './services/largeText'
import './app.css'

// 大字模式 in the mini-program: every page object Taro builds keeps the text scale in its data, which the
// <page-meta> the build adds to each page's WXML puts on the page root (src/services/largeText.ts). Tapped here,
// at app.js evaluation, before WeChat evaluates any page's JS.
if (process.env.TARO_ENV === 'weapp') hooks.tap('modifyPageObject', scalePages)

function App({ children }: PropsWithChildren) {
  useLaunch(() => {
    // Taro.cloud exists only in the mini-program; H5 talks to the local server (DESIGN.md §6).
    if (process.env.TARO_ENV === 'weapp') {
      Taro.cloud.init({ env: CLOUD_ENV || undefined, traceUser: true })
    }
  })
  return children
}

export default App
