export default definePageConfig({ navigationBarTitleText: '录入热线诉求' })
