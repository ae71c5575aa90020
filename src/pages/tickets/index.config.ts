export default definePageConfig({ navigationBarTitleText: '我的诉求', onReachBottomDistance: 80 })
