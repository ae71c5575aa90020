export default definePageConfig({ navigationBarTitleText: '邀请码', onReachBottomDistance: 80 })
