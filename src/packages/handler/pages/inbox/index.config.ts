export default definePageConfig({ navigationBarTitleText: '承办工单', onReachBottomDistance: 80 })
