export default definePageConfig({ navigationBarTitleText: '专班工作台', onReachBottomDistance: 80 })
