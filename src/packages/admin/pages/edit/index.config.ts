export default definePageConfig({ navigationBarTitleText: '名录' })
