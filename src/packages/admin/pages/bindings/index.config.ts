export default definePageConfig({ navigationBarTitleText: '绑定审批', onReachBottomDistance: 80 })
