/**
 * Subscribe-message consent (DESIGN.md §6): asked inside a tap, at most 3 templates a call, weapp only (H5 and
 * the local cloud record nothing). WeChat refuses the request unless it comes straight from the tap, so the
 * template ids are fetched when the page opens and the tap asks with what it already has.
 */
import Taro from '@tarojs/taro'
import { useEffect, useRef } from 'react'
import type { SubscribeOccasion } from '../../types/actions'
import { callCloud } from './cloud'

/** WeChat's cap on templates per requestSubscribeMessage call. */
const MAX_TEMPLATES_PER_REQUEST = 3

/**
 * For a page with a tap that should ask for consent: returns `ask()`, to call first thing in the tap handler
 * (before any await). It never throws and never blocks the tap's real work.
 */
export function useSubscribeConsent(occasion: SubscribeOccasion) {
  const templateIds = useRef<string[]>([])
  useEffect(() => {
    if (process.env.TARO_ENV !== 'weapp') return
    void callCloud('subscriptions.templateIds', { group: occasion }).then((res) => {
      templateIds.current = res.ok ? res.data.templateIds.slice(0, MAX_TEMPLATES_PER_REQUEST) : []
    })
  }, [occasion])

  return function ask(): void {
    if (process.env.TARO_ENV !== 'weapp' || templateIds.current.length === 0) return
    Taro.requestSubscribeMessage({ tmplIds: templateIds.current, entityIds: [] } as Parameters<
      typeof Taro.requestSubscribeMessage
    >[0])
      .then((result) => {
        const { errMsg: _errMsg, ...answers } = result as unknown as Record<string, string>
        return callCloud('subscriptions.record', { result: answers })
      })
      .catch(() => undefined) // the user closed the dialog or WeChat refused: the app works without it
  }
}

/** After a submit or an action: deliver what it planned now rather than at the next timer run. */
export function flushNotifications(ticketId: string): void {
  void callCloud('notifications.flush', { ticketId })
}
