export default definePageConfig({ navigationBarTitleText: '惠企通' })
