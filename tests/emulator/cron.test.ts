/** The 7-field cron of timer triggers, read in UTC+8 (DESIGN.md §6). */
import { parseCron } from '../../emulator/timers'

/** 2024-06-03 is a Monday; times are written in UTC+8. */
const at = (localTime: string) => new Date(`${localTime}+08:00`)

it.each<[string, string, boolean]>([
  ['0 0 9 * * * *', '2024-06-03T09:00:00', true],
  ['0 0 9 * * * *', '2024-06-03T09:00:01', false],
  ['0 0 9 * * * *', '2024-06-03T01:00:00', false], // 09:00 UTC is not 09:00 in UTC+8
  ['*/15 * * * * * *', '2024-06-03T10:20:45', true],
  ['*/15 * * * * * *', '2024-06-03T10:20:44', false],
  ['0 30 8-18/2 * * * *', '2024-06-03T12:30:00', true],
  ['0 30 8-18/2 * * * *', '2024-06-03T13:30:00', false],
  ['0 0 9 * * MON-FRI *', '2024-06-03T09:00:00', true],
  ['0 0 9 * * MON-FRI *', '2024-06-08T09:00:00', false], // Saturday
  ['0 0 9 * * 1,3,5 *', '2024-06-05T09:00:00', true], // Wednesday
  ['0 0 0 1 JAN,JUL * *', '2024-07-01T00:00:00', true],
  ['0 0 0 1 JAN,JUL * *', '2024-08-01T00:00:00', false],
  ['0 0 0 1 * ? 2025', '2024-06-01T00:00:00', false],
  ['0 0 0 15 * MON *', '2024-06-15T00:00:00', true], // a restricted day and weekday match when either does
  ['0 0 0 15 * MON *', '2024-06-10T00:00:00', true],
  ['0 0 0 15 * MON *', '2024-06-11T00:00:00', false],
])('%s at %s (UTC+8): %s', (expression, localTime, expected) => {
  expect(parseCron(expression).matches(at(localTime))).toBe(expected)
})

it.each([
  ['0 0 9 * * *', /expected 7 fields/],
  ['0 60 9 * * * *', /invalid minute field '60'/],
  ['0 0 9 * * FUNDAY *', /invalid weekday field/],
  ['*/0 * * * * * *', /invalid second field/],
  ['0 0 9-8 * * * *', /invalid hour field/],
])('refuses %s', (expression, message) => {
  expect(() => parseCron(expression)).toThrow(message)
})
