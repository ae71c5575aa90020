import path from 'node:path'
import { defineConfig, type UserConfigExport } from '@tarojs/cli'
import devConfig from './dev'
import prodConfig from './prod'

// Taro build for weapp and H5 (webpack5 runner). Output per platform so one folder never mixes them:
// dist/weapp is project.config.json's miniprogramRoot; dist/h5 is what `npm start` serves.
// types/ sits outside src/ because the cloud functions share it; Taro must compile it too.
const sharedTypes = path.resolve(__dirname, '..', 'types')
// 大字模式: text sizes and tap-target heights follow var(--hq-scale) (config/postcss-text-scale.js explains why).
// Taro resolves a postcss key that starts with ./ as a file of the project and runs it after pxtransform.
const textScale = { './config/postcss-text-scale.js': { enable: true, config: {} } }
export default defineConfig<'webpack5'>(async (merge) => {
  const baseConfig: UserConfigExport<'webpack5'> = {
    projectName: 'huiqitong',
    date: '2026-11-27',
    designWidth: 750,
    deviceRatio: { 640: 2.34 / 2, 750: 1, 375: 2, 828: 1.81 / 2 },
    sourceRoot: 'src',
    outputRoot: `dist/${process.env.TARO_ENV}`,
    // 大字模式 in weapp: <page-meta page-style="--hq-scale:…"> on every page (config/page-text-scale.js);
    // Taro takes a plugin as a package name or an absolute path
    plugins: [path.join(__dirname, 'page-text-scale.js')],
    // The WeChat cloud environment id for Taro.cloud.init; empty = the mini-program's default env (README: Deploy).
    defineConstants: { CLOUD_ENV: JSON.stringify(process.env.HQ_CLOUD_ENV ?? '') },
    copy: { patterns: [], options: {} },
    framework: 'react',
    compiler: 'webpack5',
    cache: { enable: false },
    mini: {
      compile: { include: [sharedTypes] },
      postcss: {
        pxtransform: { enable: true, config: {} },
        cssModules: { enable: false },
        ...textScale,
      },
    },
    h5: {
      compile: { include: [sharedTypes] },
      publicPath: '/',
      staticDirectory: 'static',
      output: {
        filename: 'js/[name].[contenthash:8].js',
        chunkFilename: 'js/[name].[chunkhash:8].js',
      },
      miniCssExtractPluginOption: {
        ignoreOrder: true,
        filename: 'css/[name].[contenthash:8].css',
        chunkFilename: 'css/[name].[chunkhash].css',
      },
      postcss: {
        autoprefixer: { enable: true, config: {} },
        cssModules: { enable: false },
        ...textScale,
      },
    },
  }
  if (process.env.NODE_ENV === 'development') return merge({}, baseConfig, devConfig)
  return merge({}, baseConfig, prodConfig)
})
