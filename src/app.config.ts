// Main package = the enterprise journey; each role's workspace is a subpackage (2 MB each, DESIGN.md §6).
export default defineAppConfig({
  pages: [
    'pages/index/index',
    'pages/tickets/index',
    'pages/messages/index',
    'pages/me/index',
    'pages/submit/index',
    'pages/ticket/index',
  ],
  subPackages: [
    // first-time users only: binding, privacy notice and phone verification
    { root: 'packages/account', name: 'account', pages: ['pages/bind/index'] },
    {
      root: 'packages/dispatcher',
      name: 'dispatcher',
      pages: ['pages/queue/index', 'pages/hotline/index', 'pages/exports/index', 'pages/reach/index'],
    },
    { root: 'packages/handler', name: 'handler', pages: ['pages/inbox/index'] },
    {
      root: 'packages/leader',
      name: 'leader',
      pages: [
        'pages/summary/index',
        'pages/linked/index',
        'pages/proxy/index',
        'pages/drill/index',
        'pages/items/index',
      ],
    },
    // reception days and coordination meetings: the office convenes and records, leaders prepare theirs
    { root: 'packages/meetings', name: 'meetings', pages: ['pages/list/index', 'pages/detail/index'] },
    // 专班 workspace, the lead service unit's followed tickets, commissioners' visits, the office's coverage
    {
      root: 'packages/service',
      name: 'service',
      pages: [
        'pages/taskforce/index',
        'pages/followed/index',
        'pages/visits/index',
        'pages/visit/index',
        'pages/coverage/index',
      ],
    },
    {
      root: 'packages/admin',
      name: 'admin',
      pages: [
        'pages/home/index',
        'pages/directory/index',
        'pages/edit/index',
        'pages/transfer/index',
        'pages/invites/index',
        'pages/bindings/index',
        'pages/calendar/index',
      ],
    },
  ],
  window: {
    backgroundTextStyle: 'light',
    navigationBarBackgroundColor: '#1f4e8c',
    navigationBarTitleText: '惠企通',
    navigationBarTextStyle: 'white',
    backgroundColor: '#f3f5f8',
  },
  // WeChat's privacy authorization: the getPhoneNumber button asks for consent to the notice (weapp ≥ 2.32.3)
  __usePrivacyCheck__: true,
  tabBar: {
    color: '#6b7280',
    selectedColor: '#1f4e8c',
    backgroundColor: '#ffffff',
    borderStyle: 'black',
    list: [
      {
        pagePath: 'pages/index/index',
        text: '首页',
        iconPath: 'assets/tab/home.png',
        selectedIconPath: 'assets/tab/home-active.png',
      },
      {
        pagePath: 'pages/tickets/index',
        text: '我的诉求',
        iconPath: 'assets/tab/tickets.png',
        selectedIconPath: 'assets/tab/tickets-active.png',
      },
      {
        pagePath: 'pages/messages/index',
        text: '消息',
        iconPath: 'assets/tab/messages.png',
        selectedIconPath: 'assets/tab/messages-active.png',
      },
      {
        pagePath: 'pages/me/index',
        text: '我的',
        iconPath: 'assets/tab/me.png',
        selectedIconPath: 'assets/tab/me-active.png',
      },
    ],
  },
})
