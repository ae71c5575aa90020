/** The unread count on the 消息 tab, refreshed when a page shows and after reading. */
import Taro from '@tarojs/taro'
import { callCloud } from './cloud'

/** The 消息 tab's position in app.config.ts tabBar.list. */
export const MESSAGES_TAB_INDEX = 2

export function refreshUnreadBadge(): void {
  void callCloud('notifications.unreadCount', {}).then(async (res) => {
    const count = res.ok ? res.data.count : 0
    try {
      if (count > 0) await Taro.setTabBarBadge({ index: MESSAGES_TAB_INDEX, text: count > 99 ? '99+' : String(count) })
      else await Taro.removeTabBarBadge({ index: MESSAGES_TAB_INDEX })
    } catch {
      // not on a tab page (the badge API answers only there): the next tab page shown refreshes it
    }
  })
}
