export default definePageConfig({ navigationBarTitleText: '我的企业与走访' })
