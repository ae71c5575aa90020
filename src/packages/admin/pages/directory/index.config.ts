export default definePageConfig({ navigationBarTitleText: '名录管理', onReachBottomDistance: 80 })
