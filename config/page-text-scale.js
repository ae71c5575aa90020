/**
 * 大字模式 in the mini-program, build side: every page's WXML gets, as its first node,
 *
 *   <page-meta page-style="--hq-scale:{{hqScale||1}}"></page-meta>
 *
 * which puts the text scale on the page's root node, "the ancestor of every node of the page, like body in HTML"
 * (page-meta, WeChat base library ≥ 2.9.0: "页面属性配置节点 … 只能是页面内的第一个节点"; page-style = "页面根节点样式").
 * Every font size, line height and min-height multiplies var(--hq-scale) (config/postcss-text-scale.js), and
 * src/services/largeText.ts keeps each page's `hqScale` data up to date (onLoad, onShow and when 我的 switches).
 *
 * Why not Taro's own <PageMeta>: Taro ≥ 3.6.19 emits page-meta only for pages whose config says
 * enablePageMeta: true, and then always with a <navigation-bar> bound to a NavigationBar element (front-color
 * defaults to '#000000': black text on our blue bar unless every page renders one) and all eleven page-meta
 * attributes, about 1 KB of WXML per page (@tarojs/plugin-platform-weapp buildPageTemplate); this is one line,
 * and no page has to remember anything. Taro runs modifyBuildAssets after its own processing of the assets
 * (@tarojs/webpack5-runner MiniPlugin, PROCESS_ASSETS_STAGE_REPORT); a local plugin path starting with ./ is
 * resolved from the project root (@tarojs/service resolvePresetsOrPlugins).
 */
const PAGE_META = '<page-meta page-style="--hq-scale:{{hqScale||1}}"></page-meta>'
const TARO_PAGE = /<template is="taro_tmpl"/

/** A page's WXML with the page-meta line in front of Taro's page template (an import is not a node). */
function withPageMeta(wxml) {
  if (wxml.includes('<page-meta')) throw new Error('page-text-scale: the page already has a page-meta node')
  if (!TARO_PAGE.test(wxml)) throw new Error('page-text-scale: not a Taro page template')
  return wxml.replace(TARO_PAGE, `${PAGE_META}\n$&`)
}

/** Every page of app.json, main package and subpackages, as asset paths without extension. */
function pagesOf(appJson) {
  const app = JSON.parse(appJson)
  const subPackages = app.subPackages ?? app.subpackages ?? []
  return [...app.pages, ...subPackages.flatMap((p) => p.pages.map((page) => `${p.root.replace(/\/$/, '')}/${page}`))]
}

function pageTextScale(ctx) {
  ctx.modifyBuildAssets(({ assets }) => {
    if (process.env.TARO_ENV !== 'weapp') return
    const { RawSource } = require('webpack').sources
    const source = (name) => {
      const asset = assets[name]
      if (!asset) throw new Error(`page-text-scale: ${name} is not in the build`)
      return asset.source().toString()
    }
    for (const page of pagesOf(source('app.json'))) {
      const name = `${page}.wxml`
      assets[name] = new RawSource(withPageMeta(source(name)))
    }
  })
}
pageTextScale.withPageMeta = withPageMeta
pageTextScale.pagesOf = pagesOf
pageTextScale.PAGE_META = PAGE_META

module.exports = pageTextScale
