/**
 * Prints, as JSON, what the clock and the rules answer for fixed instants, plus what this process's own
 * time zone makes of one instant (proof that TZ took effect). clock-tz.test.ts runs it under other TZs.
 * With the argument `compare-calendar` it instead compares chinese-days' own isWorkday with the clock's for
 * every day of 2004–2026 and prints the dates where they disagree.
 */
import { BUILT_IN_CALENDAR } from '../../../cloudfunctions/core/clock'
import chineseDays from 'chinese-days'
import {
  addWorkingDays,
  formatShanghaiInstant,
  isWorkingDay,
  reminderTimeFor,
  shanghaiDateOf,
  workingDaysOverdue,
} from '../../../cloudfunctions/core/clock'
import { decide, defaultRulesDocument } from '../../../cloudfunctions/core/rules'

export function clockAnswers() {
  const iso = (date: Date) => date.toISOString()
  const submittedAt = new Date('2026-09-30T10:00:00+08:00')
  const decision = decide(
    {
      id: 'tz',
      enterprise: { name: '企业', isKey: false },
      category: 'labor',
      title: '招工',
      description: '',
      units: ['hrss', 'education'],
      flags: [],
      urgency: 'normal',
      reopenCount: 0,
      submittedAt,
    },
    defaultRulesDocument(),
    BUILT_IN_CALENDAR,
    {},
    submittedAt,
  )
  return {
    shanghaiDates: ['2026-09-30T15:59:59.999Z', '2026-09-30T16:00:00Z', '2026-10-31T20:00:00Z'].map((t) =>
      shanghaiDateOf(new Date(t)),
    ),
    dues: [
      ['2026-09-30T10:00:00+08:00', 5],
      ['2026-10-09T00:00:00+08:00', 1],
      ['2026-10-23T18:00:00+08:00', 10], // across New York's DST change (1 Nov 2026)
      ['2026-12-31T10:00:00+08:00', 1],
    ].map(([from, days]) =>
      formatShanghaiInstant(addWorkingDays(BUILT_IN_CALENDAR, new Date(from as string), days as number).at),
    ),
    overdue: workingDaysOverdue(
      BUILT_IN_CALENDAR,
      new Date('2026-10-13T23:59:59.999+08:00'),
      new Date('2026-10-20T09:00:00+08:00'),
    ).days,
    remindAt: iso(reminderTimeFor(BUILT_IN_CALENDAR, new Date('2026-10-12T23:59:59.999+08:00'), 1).at),
    decision: {
      accept: iso(decision.acceptDueAt),
      reply: iso(decision.replyDueAt!),
      meeting: iso(decision.meetingDueAt!),
    },
  }
}

function calendarDisagreements(): { checked: number; disagreements: string[] } {
  const disagreements: string[] = []
  let checked = 0
  for (let day = Date.UTC(2004, 0, 1); day <= Date.UTC(2026, 11, 31); day += 86_400_000) {
    const date = new Date(day).toISOString().slice(0, 10)
    checked += 1
    if (chineseDays.isWorkday(date) !== isWorkingDay(BUILT_IN_CALENDAR, date)) disagreements.push(date)
  }
  return { checked, disagreements }
}

if (require.main === module && process.argv[2] === 'compare-calendar') {
  process.stdout.write(JSON.stringify(calendarDisagreements()))
} else if (require.main === module) {
  const probe = new Date('2026-10-08T16:00:00Z') // 9 Oct 00:00 in Shanghai
  process.stdout.write(
    JSON.stringify({
      timeZone: Intl.DateTimeFormat().resolvedOptions().timeZone,
      offsetMinutes: probe.getTimezoneOffset(),
      localDayOfMonth: probe.getDate(),
      answers: clockAnswers(),
    }),
  )
}
