/**
 * 大字模式 at build time (issue 11): the stylesheet's text sizes and tap-target heights survive Taro's
 * pxtransform as calc(<rpx or rem> * var(--hq-scale, 1)), and every page's WXML carries the <page-meta> that
 * puts the variable on the page root in the mini-program.
 */
import path from 'node:path'
import postcss from 'postcss'

const pxtransform = require('postcss-pxtransform') as (options: object) => postcss.AcceptedPlugin
const textScale = require('../../config/postcss-text-scale.js') as ((options?: object) => postcss.AcceptedPlugin) & {
  scaledValue(value: string): string | null
}
const pageTextScale = require('../../config/page-text-scale.js') as {
  withPageMeta(wxml: string): string
  pagesOf(appJson: string): string[]
  PAGE_META: string
}

const ROOT = path.resolve(__dirname, '..', '..')
const CSS = `
page { font-size: 32px; color: #1f2937; }
.action-button { font-size: 32px !important; line-height: 84px !important; min-height: 88px; padding: 0 28px; }
.ticket-detail-body { line-height: 1.6; width: 200px; border: 1PX solid #eee; }
`

/** What Taro's pipeline does with a stylesheet: pxtransform for the platform, then the project's plugin. */
async function build(platform: 'weapp' | 'h5', from = path.join(ROOT, 'src', 'app.css')): Promise<string> {
  const options = { platform, designWidth: 750, deviceRatio: { 640: 2.34 / 2, 750: 1, 375: 2, 828: 1.81 / 2 } }
  const result = await postcss([pxtransform(options), textScale()]).process(CSS, { from })
  return result.css
}

describe('postcss-text-scale', () => {
  it('scales font sizes, px line heights and min-heights in rpx for weapp, after pxtransform', async () => {
    const css = await build('weapp')
    expect(css).toContain('font-size: calc(32rpx*var(--hq-scale,1));')
    expect(css).toContain('font-size: calc(32rpx*var(--hq-scale,1)) !important;')
    expect(css).toContain('line-height: calc(84rpx*var(--hq-scale,1)) !important;')
    expect(css).toContain('min-height: calc(88rpx*var(--hq-scale,1));')
  })

  it('does the same in rem for H5', async () => {
    const css = await build('h5')
    expect(css).toContain('font-size: calc(0.8rem*var(--hq-scale,1));')
    expect(css).toContain('min-height: calc(2.2rem*var(--hq-scale,1));')
  })

  it('leaves widths, paddings, unitless line heights and device px alone, so nothing grows sideways', async () => {
    const css = await build('weapp')
    expect(css).toContain('padding: 0 28rpx;')
    expect(css).toContain('line-height: 1.6;')
    expect(css).toContain('width: 200rpx;')
    expect(css).toMatch(/border: 1PX solid #eee;/i)
    expect(textScale.scaledValue('inherit')).toBeNull()
    expect(textScale.scaledValue('calc(10px + 2px)')).toBeNull()
  })

  it('touches only the app’s own stylesheets (not Taro’s components in node_modules)', async () => {
    const css = await build('weapp', path.join(ROOT, 'node_modules', '@tarojs', 'components', 'x.css'))
    expect(css).not.toContain('--hq-scale')
    expect(css).toContain('font-size: 32rpx;')
  })
})

describe('page-text-scale', () => {
  const taroPage = '<import src="../../base.wxml"/>\n<template is="taro_tmpl" data="{{root:root}}" />'

  it('puts the page-meta line before the page template of every page, subpackages included', () => {
    const wxml = pageTextScale.withPageMeta(taroPage)
    expect(wxml).toBe(
      '<import src="../../base.wxml"/>\n' +
        '<page-meta page-style="--hq-scale:{{hqScale||1}}"></page-meta>\n' +
        '<template is="taro_tmpl" data="{{root:root}}" />',
    )
    const appJson = JSON.stringify({
      pages: ['pages/index/index', 'pages/me/index'],
      subPackages: [{ root: 'packages/leader/', pages: ['pages/summary/index'] }],
    })
    expect(pageTextScale.pagesOf(appJson)).toEqual([
      'pages/index/index',
      'pages/me/index',
      'packages/leader/pages/summary/index',
    ])
  })

  it('refuses a page it does not recognise, or one that has a page-meta already, rather than guess', () => {
    expect(() => pageTextScale.withPageMeta('<view>not Taro</view>')).toThrow('not a Taro page template')
    expect(() => pageTextScale.withPageMeta(pageTextScale.withPageMeta(taroPage))).toThrow('already has a page-meta')
  })
})
