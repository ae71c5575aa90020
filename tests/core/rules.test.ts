/**
 * Grading and routing by the default rules (DESIGN.md §4): track, level, route, time limits, and the rule
 * ids that explain each decision.
 */
import { BUILT_IN_CALENDAR } from '../../cloudfunctions/core/clock'
import { CATEGORIES, type Category, type Track } from '../../types/domain'
import type { Rule } from '../../types/rules'
import { decide, type GradingFacts } from '../../cloudfunctions/core/rules'
import { makeDraft, rules, rulesWith, sh } from './factories'

const SUBMITTED = sh('2026-09-30T10:00:00')
const END = 'T23:59:59.999'

describe('track (the highest that applies)', () => {
  it.each<[string, Parameters<typeof makeDraft>[0], GradingFacts, Track, string[]]>([
    ['nothing special: timed', {}, {}, 'timed', ['R-TRACK-TIMED']],
    ['flag major: reception', { flags: ['major'] }, {}, 'reception', ['R-TRACK-RECEPTION-MAJOR']],
    [
      'projectBlocking on a key enterprise: reception',
      { flags: ['projectBlocking'], enterprise: { name: '重点企业', isKey: true } },
      {},
      'reception',
      ['R-TRACK-RECEPTION-BLOCKING'],
    ],
    [
      'projectBlocking on an ordinary enterprise: still timed',
      { flags: ['projectBlocking'] },
      {},
      'timed',
      ['R-TRACK-TIMED'],
    ],
    [
      'major and projectBlocking on a key enterprise: both rules named',
      { flags: ['major', 'projectBlocking'], enterprise: { name: '重点企业', isKey: true } },
      {},
      'reception',
      ['R-TRACK-RECEPTION-MAJOR', 'R-TRACK-RECEPTION-BLOCKING'],
    ],
    ['two units: coordination', { units: ['hrss', 'education'] }, {}, 'coordination', ['R-COORD-MULTI']],
    [
      'major beats two units',
      { units: ['hrss', 'education'], flags: ['major'] },
      {},
      'reception',
      ['R-TRACK-RECEPTION-MAJOR'],
    ],
    ['reopened twice: coordination', { reopenCount: 2 }, {}, 'coordination', ['R-COORD-REOPENED']],
    ['reopened once: still timed', { reopenCount: 1 }, {}, 'timed', ['R-TRACK-TIMED']],
    [
      'timed and 5 working days overdue: coordination',
      {},
      { currentTrack: 'timed', overdueWorkingDays: 5 },
      'coordination',
      ['R-COORD-OVERDUE'],
    ],
    [
      'timed and 4 working days overdue: stays timed',
      {},
      { currentTrack: 'timed', overdueWorkingDays: 4 },
      'timed',
      ['R-TRACK-TIMED'],
    ],
    [
      'coordination and 5 overdue: reception',
      {},
      { currentTrack: 'coordination', overdueWorkingDays: 5 },
      'reception',
      ['R-TRACK-RECEPTION-OVERDUE'],
    ],
    [
      'coordination and 4 overdue: stays coordination',
      {},
      { currentTrack: 'coordination', overdueWorkingDays: 4 },
      'coordination',
      ['R-COORD-KEEP'],
    ],
    [
      'coordination reopened: reception',
      { reopenCount: 1 },
      { currentTrack: 'coordination', isReopening: true },
      'reception',
      ['R-TRACK-RECEPTION-REOPENED'],
    ],
    [
      'timed reopened once: stays timed',
      { reopenCount: 1 },
      { currentTrack: 'timed', isReopening: true },
      'timed',
      ['R-TRACK-TIMED'],
    ],
    ['reception never goes down', {}, { currentTrack: 'reception' }, 'reception', ['R-TRACK-RECEPTION-KEEP']],
    [
      'solved on the spot at a visit: onsite',
      { channel: 'visit' },
      { resolvedOnSite: true },
      'onsite',
      ['R-TRACK-ONSITE'],
    ],
    [
      'solved on the spot at a reception day: onsite',
      { channel: 'reception' },
      { resolvedOnSite: true },
      'onsite',
      ['R-TRACK-ONSITE'],
    ],
    [
      '"solved on the spot" through the app: not onsite',
      { channel: 'app' },
      { resolvedOnSite: true },
      'timed',
      ['R-TRACK-TIMED'],
    ],
    ['a visit not solved on the spot: timed', { channel: 'visit' }, {}, 'timed', ['R-TRACK-TIMED']],
  ])('%s', (_why, draft, facts, track, trackRuleIds) => {
    const decision = decide(makeDraft(draft), rules, BUILT_IN_CALENDAR, facts, SUBMITTED)
    expect(decision.track).toBe(track)
    expect(decision.ruleIds.filter((id) => !id.startsWith('R-CAT-') && !id.startsWith('R-LEVEL-'))).toEqual(
      trackRuleIds,
    )
  })

  it('explains itself: one "id: reason" line per rule id, for the UI', () => {
    const decision = decide(makeDraft({ units: ['hrss', 'education'] }), rules, BUILT_IN_CALENDAR, {}, SUBMITTED)
    expect(decision.ruleIds).toEqual(['R-COORD-MULTI', 'R-CAT-LABOR'])
    expect(decision.reasons).toEqual([
      'R-COORD-MULTI: 涉及2个以上单位，召开专题协调会',
      'R-CAT-LABOR: 用工招工由市人力资源和社会保障局牵头',
    ])
  })

  it('takes the escalation threshold from the named limit, not a number in the rule', () => {
    const facts: GradingFacts = { currentTrack: 'timed', overdueWorkingDays: 3 }
    expect(decide(makeDraft(), rules, BUILT_IN_CALENDAR, facts, SUBMITTED).track).toBe('timed')
    expect(decide(makeDraft(), rulesWith({ 'escalate.overdue': 3 }), BUILT_IN_CALENDAR, facts, SUBMITTED).track).toBe(
      'coordination',
    )
  })
})

describe('level (the highest among the units, raised by flags)', () => {
  it.each<[string, Parameters<typeof makeDraft>[0], GradingFacts, string, string[]]>([
    ['the default city units', {}, {}, 'city', []],
    ['a county unit alone', { units: ['county-lingui'] }, {}, 'county', []],
    ['county and city units: city', { units: ['county-lingui', 'hrss'] }, {}, 'city', []],
    ['a region unit', { units: ['hrss', 'region-drug-admin'] }, {}, 'region', []],
    ['an unknown unit code defaults to city', { units: ['county', 'new-office'] }, {}, 'city', []],
    [
      'upstream raises a county matter to region',
      { units: ['county-lingui'], flags: ['upstream'] },
      {},
      'region',
      ['R-LEVEL-UPSTREAM'],
    ],
    ['national', { flags: ['national'] }, {}, 'national', ['R-LEVEL-NATIONAL']],
    [
      'upstream and national: national, both named',
      { flags: ['upstream', 'national'] },
      {},
      'national',
      ['R-LEVEL-UPSTREAM', 'R-LEVEL-NATIONAL'],
    ],
    ["the directory's word wins over the rules' table", {}, { unitLevels: { hrss: 'county' } }, 'county', []],
  ])('%s → %s', (_why, draft, facts, level, levelRuleIds) => {
    const decision = decide(makeDraft(draft), rules, BUILT_IN_CALENDAR, facts, SUBMITTED)
    expect(decision.level).toBe(level)
    expect(decision.ruleIds.filter((id) => id.startsWith('R-LEVEL-'))).toEqual(levelRuleIds)
  })
})

describe('route', () => {
  // DESIGN.md §4, "Category → lead unit, task force"
  const TABLE: Record<Category, [string, string | null]> = {
    financing: ['finance-office', 'tf-financing'],
    land: ['natural-resources', 'tf-land'],
    approval: ['approval-bureau', 'tf-approval'],
    factors: ['industry-it', 'tf-factors'],
    labor: ['hrss', null],
    infrastructure: ['housing-construction', null],
    schooling: ['education', null],
    policy: ['industry-it', null],
    other: ['key-projects-office', null],
  }

  it.each(CATEGORIES.map((category) => [category, ...TABLE[category]] as const))(
    'no units named: %s goes to %s, task force %s',
    (category, leadUnit, taskForce) => {
      const decision = decide(makeDraft({ category }), rules, BUILT_IN_CALENDAR, {}, SUBMITTED)
      expect(decision).toMatchObject({ leadUnit, coUnits: [], taskForce })
      expect(decision.ruleIds.at(-1)).toBe(`R-CAT-${category.toUpperCase()}`)
    },
  )

  it('named units: the first leads, the rest assist, the task force still comes from the category', () => {
    const decision = decide(
      makeDraft({ category: 'land', units: ['county-lingui', 'natural-resources'] }),
      rules,
      BUILT_IN_CALENDAR,
      {},
      SUBMITTED,
    )
    expect(decision).toMatchObject({ leadUnit: 'county-lingui', coUnits: ['natural-resources'], taskForce: 'tf-land' })
  })
})

describe('time limits', () => {
  it.each<[string, Parameters<typeof makeDraft>[0], GradingFacts, string | null, string | null]>([
    ['timed: reply 5 (counting the make-up Saturday)', {}, {}, '2026-10-13', null],
    ['timed urgent: reply 2', { urgency: 'urgent' }, {}, '2026-10-09', null],
    ['coordination: reply 20, meeting within 10', { units: ['hrss', 'education'] }, {}, '2026-11-03', '2026-10-20'],
    ['reception, day unknown: no reply due yet', { flags: ['major'] }, {}, null, null],
    [
      'reception: reply 20 after the reception day',
      { flags: ['major'] },
      { receptionDayAt: sh('2026-10-20T09:00:00') },
      '2026-11-17',
      null,
    ],
  ])('%s', (_why, draft, facts, replyDate, meetingDate) => {
    const decision = decide(makeDraft(draft), rules, BUILT_IN_CALENDAR, facts, SUBMITTED)
    expect(decision.acceptDueAt).toEqual(sh(`2026-10-08${END}`))
    expect(decision.replyDueAt).toEqual(replyDate === null ? null : sh(`${replyDate}${END}`))
    expect(decision.meetingDueAt).toEqual(meetingDate === null ? null : sh(`${meetingDate}${END}`))
    expect(decision.calendarMissing).toBe(false)
  })

  it('counts accept from the submission and the handling dues from the decision (the dispatch)', () => {
    const dispatchedAt = sh('2026-10-09T16:00:00')
    const decision = decide(makeDraft(), rules, BUILT_IN_CALENDAR, {}, dispatchedAt)
    expect(decision.acceptDueAt).toEqual(sh(`2026-10-08${END}`))
    expect(decision.signDueAt).toEqual(sh(`2026-10-10${END}`)) // make-up Saturday
    expect(decision.sendBackDueAt).toEqual(sh(`2026-10-12${END}`))
    expect(decision.replyDueAt).toEqual(sh(`2026-10-15${END}`))
  })

  it('onsite is already answered: no handling dues', () => {
    const decision = decide(
      makeDraft({ channel: 'visit' }),
      rules,
      BUILT_IN_CALENDAR,
      { resolvedOnSite: true },
      SUBMITTED,
    )
    expect(decision).toMatchObject({ signDueAt: null, sendBackDueAt: null, replyDueAt: null, meetingDueAt: null })
  })

  it('reads T as a Shanghai date: 2026-09-30T17:00Z is 1 October in Shanghai', () => {
    const at = new Date('2026-09-30T17:00:00Z')
    const decision = decide(makeDraft({ submittedAt: at }), rules, BUILT_IN_CALENDAR, {}, at)
    expect(decision.acceptDueAt).toEqual(sh(`2026-10-08${END}`))
    expect(decision.replyDueAt).toEqual(sh(`2026-10-13${END}`))
  })

  it('a limit shrunk in the rules shortens the due (limits are data)', () => {
    expect(decide(makeDraft(), rulesWith({ 'reply.timed': 1 }), BUILT_IN_CALENDAR, {}, SUBMITTED).replyDueAt).toEqual(
      sh(`2026-10-08${END}`),
    )
  })

  it('a due in a year without calendar data is counted Mon–Fri and marked calendarMissing', () => {
    const at = sh('2026-12-28T10:00:00')
    const decision = decide(makeDraft({ submittedAt: at }), rules, BUILT_IN_CALENDAR, {}, at)
    expect(decision.acceptDueAt).toEqual(sh(`2026-12-29${END}`))
    expect(decision.replyDueAt).toEqual(sh(`2027-01-04${END}`)) // 29, 30, 31 Dec, 1 Jan (a Friday), 4 Jan
    expect(decision.calendarMissing).toBe(true)
  })
})

describe('conditions', () => {
  /** The default rules plus one level rule (recorded whenever it holds, whatever the track). */
  function withRule(when: Rule['when']) {
    const rule: Rule = { id: 'R-TEST', priority: 10, reason: '测试规则', when, then: { raiseLevel: 'national' } }
    return { ...rules, rules: [...rules.rules, rule] }
  }
  const holds = (when: Rule['when'], draft: Parameters<typeof makeDraft>[0] = {}) =>
    decide(makeDraft(draft), withRule(when), BUILT_IN_CALENDAR, {}, SUBMITTED).ruleIds.includes('R-TEST')

  it.each<[string, boolean, Rule['when'], Parameters<typeof makeDraft>[0]]>([
    ['all of nothing holds', true, { all: [] }, {}],
    [
      'any: one of them',
      true,
      {
        any: [
          { fact: 'category', operator: 'equal', value: 'land' },
          { fact: 'category', operator: 'equal', value: 'labor' },
        ],
      },
      {},
    ],
    ['any: none of them', false, { any: [{ fact: 'category', operator: 'equal', value: 'land' }] }, {}],
    ['not: none of them holds', true, { not: [{ fact: 'flags', operator: 'contains', value: 'major' }] }, {}],
    ['not: one holds', false, { not: [{ fact: 'flags', operator: 'contains', value: 'major' }] }, { flags: ['major'] }],
    ['notEqual', true, { all: [{ fact: 'urgency', operator: 'notEqual', value: 'urgent' }] }, {}],
    ['in', true, { all: [{ fact: 'category', operator: 'in', value: ['labor', 'land'] }] }, {}],
    ['notIn', false, { all: [{ fact: 'category', operator: 'notIn', value: ['labor', 'land'] }] }, {}],
    [
      'doesNotContain',
      true,
      { all: [{ fact: 'flags', operator: 'doesNotContain', value: 'upstream' }] },
      { flags: ['major'] },
    ],
    ['lessThan', true, { all: [{ fact: 'reopenCount', operator: 'lessThan', value: 1 }] }, {}],
    [
      'a number compared with a named limit',
      true,
      { all: [{ fact: 'unitCount', operator: 'greaterThanInclusive', value: { limit: 'accept' } }] },
      {},
    ],
    [
      'nested groups',
      true,
      {
        all: [
          {
            any: [
              { fact: 'enterpriseIsKey', operator: 'equal', value: true },
              { not: [{ fact: 'category', operator: 'equal', value: 'land' }] },
            ],
          },
        ],
      },
      {},
    ],
  ])('%s → %s', (_why, expected, when, draft) => {
    expect(holds(when, draft)).toBe(expected)
  })
})
