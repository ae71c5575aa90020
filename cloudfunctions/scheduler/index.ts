/**
 * The `scheduler` cloud function: the timer trigger `every10min` (config.json; 7-field cron in UTC+8) runs
 * reminders, overdue 督办, escalation and the closing of unrated tickets, and delivers the notifications
 * (run.ts). A function of its own because it needs a longer timeout (60 s) and a timer trigger (DESIGN.md §5).
 */
import { callerOpenId } from '../shared/cloud'
import { runScheduler, type SchedulerReport } from './run'

export async function main(): Promise<SchedulerReport | { refused: string }> {
  // any mini-program user could callFunction('scheduler'); only the timer (no OPENID) may run it
  if (callerOpenId() !== undefined) return { refused: '定时任务只由定时触发器运行' }
  const report = await runScheduler(new Date())
  console.log('[scheduler]', JSON.stringify(report))
  return report
}
