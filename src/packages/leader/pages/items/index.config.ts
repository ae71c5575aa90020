export default definePageConfig({ navigationBarTitleText: '需市领导关注的事项', onReachBottomDistance: 80 })
