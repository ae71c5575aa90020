export default definePageConfig({ navigationBarTitleText: '接待日与协调会' })
