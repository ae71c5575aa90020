export default definePageConfig({ navigationBarTitleText: '消息', onReachBottomDistance: 80 })
