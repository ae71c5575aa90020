/**
 * 大字模式 (issue 11): the switch on 我的 changes the app's text scale and is remembered; in the mini-program the
 * scale otherwise follows WeChat's own font size, and every page gets it when it loads and shows.
 */
import { act, fireEvent, render, waitFor } from '@testing-library/react'
import Taro from '@tarojs/taro'
import * as TaroH5 from '@tarojs/taro'
import Me from '../../src/pages/me/index'
import { scaleFromWeChat, scalePages, setLargeText, textScale } from '../../src/services/largeText'

// The Taro build rewrites Taro.getStorageSync() & co. into named imports of @tarojs/taro-h5 and takes the page
// hooks from @tarojs/runtime; jest has neither: give the default export the calls these modules make, and 我的
// a useDidShow (the module has none to replace, so one is added).
Object.assign(Taro, {
  getStorageSync: TaroH5.getStorageSync,
  setStorageSync: TaroH5.setStorageSync,
  getSystemInfoSync: TaroH5.getSystemInfoSync,
})
Object.assign(TaroH5, { useDidShow: () => undefined })
// the profile and subscriptions stay loading: this is about the switch
jest.mock('../../src/services/useProfile', () => ({
  useProfile: () => ({ profile: null, error: null, loading: true, reload: jest.fn() }),
}))
jest.mock('../../src/services/cloud', () => ({ callCloud: jest.fn(() => new Promise(() => undefined)) }))

const pageScale = () => document.documentElement.style.getPropertyValue('--hq-scale')

beforeEach(() => {
  window.localStorage.clear()
  document.documentElement.style.removeProperty('--hq-scale')
})

async function largeTextSwitch(container: HTMLElement): Promise<HTMLInputElement> {
  await waitFor(() => expect(container.querySelector('#me-large-text .weui-switch')).not.toBeNull())
  return container.querySelector('#me-large-text .weui-switch') as HTMLInputElement
}

it('the switch on 我的 scales the whole app by 1.25, and a later visit finds it on', async () => {
  const first = render(<Me />)
  const toggle = await largeTextSwitch(first.container)
  expect(toggle.checked).toBe(false)
  expect(textScale()).toBe(1)

  await act(async () => {
    fireEvent.click(toggle)
  })
  expect(pageScale()).toBe('1.25')
  expect(textScale()).toBe(1.25)
  expect(Taro.getStorageSync('hq-large-text')).toBe(true)
  first.unmount()

  const again = render(<Me />)
  const remembered = await largeTextSwitch(again.container)
  expect(remembered.checked).toBe(true)
  await act(async () => {
    fireEvent.click(remembered)
  })
  expect(pageScale()).toBe('1')
  expect(textScale()).toBe(1)
  expect(Taro.getStorageSync('hq-large-text')).toBe(false)
})

it.each([
  ['iOS 标准', { fontSizeSetting: 17, platform: 'ios' }, 1],
  ['iOS 缩小', { fontSizeSetting: 16, platform: 'ios' }, 1],
  ['iOS +3 on a 375 screen', { fontSizeSetting: 21, platform: 'ios' }, 1.24],
  ['iOS 关怀模式 on a 414 screen (+4)', { fontSizeSetting: 23.8, platform: 'ios' }, 1.4],
  ['iPad largest, capped', { fontSizeSetting: 29.75, platform: 'ios' }, 1.5],
  ['Android 标准 (16 px)', { fontSizeSetting: 16, platform: 'android' }, 1],
  ['Android 20 px', { fontSizeSetting: 20, platform: 'android' }, 1.25],
  ['the factor, when WeChat gives it', { fontSizeSetting: 20, fontSizeScaleFactor: 1.12, platform: 'ios' }, 1.12],
  ['nothing reported', {}, 1],
])("maps WeChat's font size (%s) to a scale", (_, info, scale) => {
  expect(scaleFromWeChat(info)).toBe(scale)
})

/** A mini-program page instance: setData merges into data. */
function nativePage() {
  const data: { hqScale?: number } = {}
  return { data, setData: jest.fn((d: { hqScale: number }) => void Object.assign(data, d)) }
}

describe('in the mini-program', () => {
  // taro-h5's default export stands in for wx here: give it what WeChat reports
  const wx = Taro as unknown as Record<string, unknown>
  const saved = { env: process.env.TARO_ENV, getAppBaseInfo: wx.getAppBaseInfo, getCurrentPages: wx.getCurrentPages }
  let factor = 1
  beforeEach(() => {
    process.env.TARO_ENV = 'weapp'
    factor = 1
    wx.getAppBaseInfo = () => ({ language: 'zh_CN', fontSizeScaleFactor: factor })
  })
  afterEach(() => {
    process.env.TARO_ENV = saved.env
    wx.getAppBaseInfo = saved.getAppBaseInfo
    wx.getCurrentPages = saved.getCurrentPages
  })

  it("follows WeChat's font size until the switch says otherwise", () => {
    factor = 1.3
    expect(textScale()).toBe(1.3)
    Taro.setStorageSync('hq-large-text', false)
    expect(textScale()).toBe(1)
    Taro.setStorageSync('hq-large-text', true)
    expect(textScale()).toBe(1.3)
    factor = 1
    expect(textScale()).toBe(1.25)
  })

  it('gives every page the scale when it loads and shows, and every open page at once when 我的 switches', () => {
    const onLoad = jest.fn()
    const onShow = jest.fn()
    const pageObject: Record<string, unknown> = { onLoad, onShow }
    scalePages(pageObject)
    const page = nativePage()

    factor = 1.2
    ;(pageObject.onLoad as (this: unknown, options: object) => void).call(page, { id: 't1' })
    expect(page.data.hqScale).toBe(1.2)
    expect(onLoad).toHaveBeenCalledWith({ id: 't1' }, undefined)

    // WeChat's setting changed while the app was in the background
    factor = 1.4
    ;(pageObject.onShow as (this: unknown) => void).call(page)
    expect(page.data.hqScale).toBe(1.4)
    expect(onShow).toHaveBeenCalled()
    ;(pageObject.onShow as (this: unknown) => void).call(page)
    expect(page.setData).toHaveBeenCalledTimes(2) // unchanged: no setData

    const other = nativePage()
    wx.getCurrentPages = () => [page, other]
    setLargeText(false)
    expect([page.data.hqScale, other.data.hqScale]).toEqual([1, 1])
  })
})
