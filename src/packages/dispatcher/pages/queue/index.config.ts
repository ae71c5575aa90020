export default definePageConfig({ navigationBarTitleText: '受理派单', onReachBottomDistance: 80 })
