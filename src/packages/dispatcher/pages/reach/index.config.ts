export default definePageConfig({ navigationBarTitleText: '消息触达', onReachBottomDistance: 80 })
