/**
 * From 1 December, while next year's statutory holidays are not entered, the timer tells each admin in the
 * message center — once a week at most, whatever the number of runs or retries (issue 11).
 */
import { openTestCloud } from '../support/localCloud'
import { COLLECTIONS } from '../../cloudfunctions/shared/collections'
import { ok, PEOPLE, seedWorld } from '../directory/world'
import { quietLogs, setClock, sh } from './support'

let env: ReturnType<typeof openTestCloud>
beforeEach(() => {
  quietLogs()
  env = openTestCloud()
  const shared =
    require('../../cloudfunctions/shared/calendar') as typeof import('../../cloudfunctions/shared/calendar')
  shared.forgetWorkingCalendar()
  seedWorld(env)
})
afterEach(() => {
  env.close()
  jest.useRealTimers()
  jest.restoreAllMocks()
})

const notices = () => env.cloud.store.find(COLLECTIONS.outbox, { template: 'calendarYearMissing' })

async function runAt(wallTime: string) {
  setClock(sh(wallTime))
  return env.runScheduler()
}

it('says nothing in November', async () => {
  await runAt('2026-11-30T10:00')
  expect(notices()).toHaveLength(0)
})

it('tells each admin once a week in December until next year is entered', async () => {
  await runAt('2026-12-01T10:00')
  await runAt('2026-12-01T10:10')
  await runAt('2026-12-03T15:00')
  expect(notices().map((n) => n.recipientOpenId)).toEqual([PEOPLE.admin])
  const inbox = ok(await env.call(PEOPLE.admin, 'notifications.list', {}))
  expect(inbox.items[0]).toMatchObject({ title: '请录入明年法定节假日安排' })
  expect(JSON.stringify(inbox.items[0])).toContain('2027年法定节假日安排尚未录入')

  await runAt('2026-12-07T10:00')
  expect(notices()).toHaveLength(2)

  setClock(sh('2026-12-08T10:00'))
  ok(
    await env.call(
      PEOPLE.admin,
      'calendar.save',
      { year: 2027, holidays: [{ name: '元旦', from: '2027-01-01', to: '2027-01-03' }], workdays: [], version: 0 },
      { requestId: 'req-notice-save' },
    ),
  )
  await runAt('2026-12-14T10:00')
  expect(notices()).toHaveLength(2)
})
