export default definePageConfig({ navigationBarTitleText: '联系企业诉求', onReachBottomDistance: 80 })
