/**
 * The `scheduler` cloud function: the timer trigger `every10min` (config.json; 7-field cron in UTC+8) runs
 * reminders, overdue 督办, escalation and the closing of unrated tickets, and delivers the notifications
 * (run.ts). A function of its own because it needs a longer timeout (60 s) and a timer trigger (DESIGN.md §5).
 */
import type { ApiError } from '../../types/api'
import { callerOpenId } from '../shared/cloud'
import config from './config.json'
import { runScheduler, type SchedulerReport } from './run'

/** The timer trigger of config.json: the only trigger a timer event may name. */
const TIMER_TRIGGER = config.triggers[0].name

/**
 * Did the timer trigger start this run? A timer passes `{Type:'Timer', TriggerName, Time, Message}` and no
 * caller (Tencent SCF timer trigger event; the console's 云端测试 can send the same to run it by hand).
 * Any other start is refused: a mini-program's callFunction carries the caller's OPENID and the platform
 * adds `userInfo` to its event, so a user cannot pass for the timer by copying its event.
 */
export function isTimerStart(event: unknown, openid: string | undefined): boolean {
  if (typeof event !== 'object' || event === null || openid !== undefined) return false
  const { Type, TriggerName } = event as Record<string, unknown>
  return Type === 'Timer' && TriggerName === TIMER_TRIGGER && !('userInfo' in event)
}

export async function main(event: unknown): Promise<SchedulerReport | { ok: false; error: ApiError }> {
  if (!isTimerStart(event, callerOpenId())) {
    return { ok: false, error: { code: 'FORBIDDEN', message: '定时任务只由定时触发器运行，不接受其他调用' } }
  }
  const report = await runScheduler(new Date())
  console.log('[scheduler]', JSON.stringify(report))
  return report
}
