// Main package = the enterprise journey; each role's workspace is a subpackage (2 MB each, DESIGN.md §6).
const DESK_PRELOAD = { network: 'all' as const, packages: ['desk'] }

export default defineAppConfig({
  pages: ['pages/index/index', 'pages/tickets/index', 'pages/messages/index', 'pages/me/index', 'pages/ticket/index'],
  subPackages: [
    // 提交诉求: the enterprise's form and its schema checks (zod), fetched while the home page shows
    { root: 'packages/enterprise', name: 'enterprise', pages: ['pages/submit/index'] },
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
    // the staff ticket page: every staff action's form (src/staff/), which the main package never carries
    { root: 'packages/desk', name: 'desk', pages: ['pages/ticket/index'] },
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
  // Staff open tickets from their workspaces: the staff ticket page is fetched while they look at the list.
  // pages/ticket/index (every link's address) sends staff on to it, so it is fetched there too, alongside the
  // ticket (an enterprise's phone downloads it there without ever running it: ~15 KiB, once).
  preloadRule: {
    'pages/index/index': { network: 'all', packages: ['enterprise'] },
    'pages/tickets/index': { network: 'all', packages: ['enterprise'] },
    'pages/ticket/index': DESK_PRELOAD,
    'packages/dispatcher/pages/queue/index': DESK_PRELOAD,
    'packages/dispatcher/pages/hotline/index': DESK_PRELOAD,
    'packages/handler/pages/inbox/index': DESK_PRELOAD,
    'packages/leader/pages/linked/index': DESK_PRELOAD,
    'packages/leader/pages/proxy/index': DESK_PRELOAD,
    'packages/leader/pages/drill/index': DESK_PRELOAD,
    'packages/leader/pages/items/index': DESK_PRELOAD,
    'packages/meetings/pages/detail/index': DESK_PRELOAD,
    'packages/service/pages/taskforce/index': DESK_PRELOAD,
    'packages/service/pages/followed/index': DESK_PRELOAD,
    'packages/service/pages/visits/index': DESK_PRELOAD,
  },
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
