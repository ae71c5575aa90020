export default definePageConfig({ navigationBarTitleText: '牵头服务企业诉求', onReachBottomDistance: 80 })
