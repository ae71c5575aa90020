export default definePageConfig({ navigationBarTitleText: '名录与账号' })
