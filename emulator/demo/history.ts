/**
 * The year of 诉求 behind the seed's figures: 266 collected, 217 solved (81.6%), three reception days with
 * 11 enterprises and 29 problems solved. Every ticket is played through the real lifecycle
 * (ticket-script.ts); this module decides what happens to each and when.
 */
import { BUILT_IN_CALENDAR } from '../../cloudfunctions/core/clock'
import type { Category, Channel, Outcome, Rating, Ticket, TicketFlag, Urgency } from '../../types/domain'
import type { RulesDocument } from '../../types/rules'
import type { TicketEventInput } from '../../cloudfunctions/core/events'
import { enterpriseIdOf } from './directory'
import { ENTERPRISE_ROWS } from './enterprises'
import { LEADER_ROWS } from './leaders'
import { ENTERPRISE_COUNTY, PROBLEM_TEMPLATES, UNSOLVED_REPLIES, type ProblemTemplate } from './problem-templates'
import type { Random } from './random'
import { OUT_OF_SCOPE_REQUESTS, RECEPTION_SESSIONS, STORY_TICKETS, type StoryMoment } from './stories'
import { playTicketScript, ticketIdOf, type Cast, type Step, type TicketPlan, type Wait } from './ticket-script'
import { COUNTY_UNIT_BY_DISTRICT, TASK_FORCE_ROWS, UNIT_ROWS } from './units'
import {
  addCalendarDays,
  atShanghai,
  calendarDaysBetween,
  isWorkingDay,
  shanghaiDateOf,
  shanghaiHourOf,
  shiftWorkingDays,
} from './history-time'

/** What the seed reports (广西日报 2021-11-18). */
export const SEED_FIGURES = {
  collected: 266,
  solved: 217,
  solveRatePercent: 81.6,
  receptionSessions: 3,
  receptionEnterprises: 11,
  receptionSolved: 29,
} as const

/**
 * How every ticket of the history stands on its last day. The solved fates add up to 217, all collected
 * ones to 266; the last three are not collected, so the honest count visibly leaves them out.
 */
export const FATE_COUNTS = {
  // solved: 29 + 40 + 124 + 24 = 217
  reception: 29,
  onsite: 40,
  solvedTimed: 124,
  solvedCoordination: 24,
  // collected, not solved: 2 + 3 + 5 + 12 + 8 + 9 + 7 + 3 = 49
  submitted: 2,
  accepted: 3,
  dispatched: 5,
  signed: 12,
  replied: 8,
  explained: 9,
  planned: 7,
  unfeasible: 3,
  // not collected
  rejectedOutOfScope: 2,
  rejectedDuplicate: 2,
  withdrawn: 2,
} as const
export type Fate = keyof typeof FATE_COUNTS

/** The demo history's span (the seed article appeared 2021-11-18). */
export const DEMO_HISTORY = { start: '2021-01-04', end: '2021-11-15' } as const
export const HISTORY_DAYS = calendarDaysBetween(DEMO_HISTORY.start, DEMO_HISTORY.end)

export interface HistoryWindow {
  startDay: string
  endDay: string
  /** the moment the history stops: the end day's evening */
  now: Date
}

export function historyWindow(startDay: string): HistoryWindow {
  const endDay = addCalendarDays(startDay, HISTORY_DAYS)
  return { startDay, endDay, now: atShanghai(endDay, 18, 0) }
}

/** The same day of the shifted history as `day2021` is of the 2021 one. */
function mapDay(window: HistoryWindow, day2021: string): string {
  return addCalendarDays(window.startDay, calendarDaysBetween(DEMO_HISTORY.start, day2021))
}

function momentOf(window: HistoryWindow, [day, hour, minute]: StoryMoment): Date {
  return atShanghai(mapDay(window, day), hour, minute)
}

// ---------------------------------------------------------------------------------------------------------
// What the generated tickets are about

type Mix<T> = ReadonlyArray<readonly [T, number]>

/** The categories of each kind of ticket; labor, financing, infrastructure and schooling lead (seed). */
const CATEGORY_MIX: Readonly<
  Record<'timed' | 'coordination' | 'onsite' | 'open' | 'explained' | 'planned' | 'unfeasible', Mix<Category>>
> = {
  timed: [
    ['labor', 30],
    ['financing', 18],
    ['infrastructure', 20],
    ['schooling', 14],
    ['policy', 7],
    ['factors', 6],
    ['approval', 6],
    ['land', 2],
    ['other', 3],
  ],
  coordination: [
    ['land', 5],
    ['approval', 4],
    ['factors', 5],
    ['financing', 4],
    ['infrastructure', 4],
    ['schooling', 2],
    ['labor', 1],
  ],
  onsite: [
    ['labor', 14],
    ['policy', 6],
    ['financing', 6],
    ['infrastructure', 2],
    ['approval', 3],
    ['factors', 3],
    ['other', 2],
  ],
  open: [
    ['labor', 8],
    ['financing', 6],
    ['infrastructure', 5],
    ['schooling', 2],
    ['factors', 3],
    ['land', 2],
    ['approval', 2],
    ['policy', 2],
  ],
  explained: [
    ['policy', 4],
    ['financing', 3],
    ['schooling', 2],
    ['labor', 2],
  ],
  planned: [
    ['infrastructure', 5],
    ['land', 2],
    ['schooling', 1],
  ],
  unfeasible: [
    ['land', 2],
    ['factors', 1],
    ['financing', 1],
  ],
}

/** Fates of the generated tickets (reception days, rejections and duplicates are written apart). */
type GeneratedFate = Exclude<Fate, 'reception' | 'rejectedOutOfScope' | 'rejectedDuplicate'>

/** Per generated fate: the categories it draws from and how often it needs more than one unit (专题协调). */
const FATE_PROFILES: Readonly<Record<GeneratedFate, { mix: keyof typeof CATEGORY_MIX; coordinationChance: number }>> = {
  onsite: { mix: 'onsite', coordinationChance: 0 },
  solvedTimed: { mix: 'timed', coordinationChance: 0 },
  solvedCoordination: { mix: 'coordination', coordinationChance: 1 },
  explained: { mix: 'explained', coordinationChance: 0.25 },
  planned: { mix: 'planned', coordinationChance: 0.6 },
  unfeasible: { mix: 'unfeasible', coordinationChance: 0.6 },
  withdrawn: { mix: 'timed', coordinationChance: 0 },
  submitted: { mix: 'open', coordinationChance: 0 },
  accepted: { mix: 'open', coordinationChance: 0.25 },
  dispatched: { mix: 'open', coordinationChance: 0.25 },
  signed: { mix: 'open', coordinationChance: 0.25 },
  replied: { mix: 'open', coordinationChance: 0.25 },
}

/**
 * Relative weight of each month of the history (Jan … Nov) per category: hiring after the Spring Festival,
 * school places in summer, power in the autumn of 有序用电, works in the rainy season.
 */
const SEASONS: Partial<Record<Category, readonly number[]>> = {
  labor: [3, 4, 3, 1.5, 1, 1, 1, 1, 1, 1, 1],
  schooling: [0.3, 0.3, 0.5, 0.5, 0.8, 1.5, 3, 4, 3, 0.5, 0.3],
  factors: [0.5, 0.5, 0.5, 0.5, 1, 1, 1, 1, 3, 3, 1.5],
  infrastructure: [0.5, 0.5, 1, 1.5, 2, 2, 1.5, 1, 1, 1, 1],
}

/** A plausible wrong first route per category, for the 退回 stories. */
const MISROUTES: Readonly<Record<Category, string>> = {
  financing: 'finance-bureau',
  land: 'housing-construction',
  approval: 'natural-resources',
  factors: 'development-reform',
  labor: 'industry-it',
  infrastructure: 'natural-resources',
  schooling: 'hrss',
  policy: 'hrss',
  other: 'commerce',
}

/**
 * When each kind of ticket may be submitted. Finished ones: days since the history's start. Open ones:
 * working days before its last working day, so they are fresh whatever holiday the history ends in.
 */
type SubmitWindow = { daysFromStart: readonly [number, number] } | { workingDaysBeforeEnd: readonly [number, number] }

const SUBMIT_WINDOWS: Readonly<Record<GeneratedFate | 'rejectedOutOfScope', SubmitWindow>> = {
  onsite: { daysFromStart: [0, 312] },
  solvedTimed: { daysFromStart: [0, 300] },
  solvedCoordination: { daysFromStart: [0, 270] },
  explained: { daysFromStart: [0, 300] },
  planned: { daysFromStart: [0, 280] },
  unfeasible: { daysFromStart: [0, 280] },
  rejectedOutOfScope: { daysFromStart: [0, 310] },
  withdrawn: { daysFromStart: [0, 300] },
  submitted: { workingDaysBeforeEnd: [0, 0] },
  accepted: { workingDaysBeforeEnd: [0, 2] },
  dispatched: { workingDaysBeforeEnd: [0, 3] },
  signed: { workingDaysBeforeEnd: [1, 10] },
  replied: { workingDaysBeforeEnd: [2, 7] },
}

/** Fixed parts of a few generated tickets, so each demo identity finds work waiting (DEMO_IDENTITIES). */
interface Pin {
  enterprise?: string
  category?: Category
  channel?: Channel
  coordination?: boolean
  outcome?: Outcome
  window?: SubmitWindow
  /** signed with an extension asked for and not yet decided (the unit head's inbox) */
  extensionPending?: boolean
  /** sent back by a wrongly named unit, waiting to be dispatched again */
  sentBack?: boolean
}

const PINS: Partial<Record<Fate, readonly Pin[]>> = {
  submitted: [{ enterprise: 'huaxin', channel: 'app', category: 'financing' }],
  accepted: [{ category: 'policy', sentBack: true }],
  dispatched: [
    { category: 'labor' },
    { category: 'labor' },
    { category: 'schooling', enterprise: 'liquan', channel: 'app' },
  ],
  signed: [
    { enterprise: 'huaxin', category: 'financing', coordination: true },
    { category: 'labor', extensionPending: true, window: { workingDaysBeforeEnd: [3, 6] } },
    // dispatched about seven working days ago: its 5-day reply due has passed, the timer has sent a 督办
    { category: 'labor', window: { workingDaysBeforeEnd: [6, 8] } },
    { category: 'schooling' },
    // an open 专题协调 at an enterprise the mayor serves, for the leader's 批示
    { enterprise: 'sanjin', category: 'land', coordination: true },
  ],
  replied: [
    { enterprise: 'liquan', category: 'labor', channel: 'app', outcome: 'solved' },
    { enterprise: 'huaxin', category: 'policy', channel: 'app', outcome: 'explained' },
    { outcome: 'solved' },
    { outcome: 'solved' },
    { outcome: 'planned' },
    { outcome: 'solved' },
    { outcome: 'explained' },
    { outcome: 'solved' },
  ],
  solvedTimed: [
    { enterprise: 'liquan', channel: 'app' },
    { enterprise: 'huaxin', channel: 'app' },
  ],
}

/** How many of the solved timed tickets took a detour on the way (the rest went straight through). */
const DETOURS = { reopened: 4, sentBack: 4, extended: 6, late: 10, unrated: 12 } as const

const unitNameOf = new Map(UNIT_ROWS.map((row) => [row.code, row.name]))
const enterpriseRowOf = new Map(ENTERPRISE_ROWS.map((row) => [row.slug, row]))
const leaderSlugOf = new Map<string, string>()
for (const row of LEADER_ROWS) for (const slug of row.enterprises) leaderSlugOf.set(slug, row.slug)

// ---------------------------------------------------------------------------------------------------------
// Building blocks of scripts

const step = (wait: Wait, event: TicketEventInput, leader?: string): Step =>
  leader ? { wait, event, leader } : { wait, event }

const nameOf = (unitCode: string) => unitNameOf.get(unitCode) ?? unitCode

/** 派单 to `units`; naming others than the rules graded needs a reason (lifecycle guard explainsOverride). */
function dispatchTo(
  units: string[],
  graded: readonly string[],
  reason: () => string,
): Extract<TicketEventInput, { type: 'dispatch' }> {
  return units.join() === graded.join() ? { type: 'dispatch', units } : { type: 'dispatch', units, reason: reason() }
}

/** Why the office named other units than the category's default lead. */
function routeReason(units: readonly string[]): string {
  if (units.length > 1) return `涉及${units.map(nameOf).join('、')}，需多部门协同办理`
  if (units[0].startsWith('county-')) return `属${nameOf(units[0])}属地事项`
  return `该事项由${nameOf(units[0])}主管`
}

/** The office accepts on the day of a morning submission, else the next working day. */
function acceptWait(submittedAt: Date, random: Random): Wait {
  const day = shanghaiDateOf(submittedAt)
  const sameDay = isWorkingDay(BUILT_IN_CALENDAR, day) && shanghaiHourOf(submittedAt) < 16 && random.chance(0.75)
  return { workingDays: sameDay || !isWorkingDay(BUILT_IN_CALENDAR, day) ? 0 : 1 }
}

/** The enterprise rates within a few working days; null = it never does and the timer closes it (未评价). */
function ratingSteps(random: Random, rating: Rating | null): Step[] {
  if (rating === null) return [step({ fromDue: 'ratingDueAt', days: 1, at: [1, 0] }, { type: 'expireRating' })]
  return [step({ workingDays: random.int(0, 3) }, { type: 'rate', rating })]
}

function fillTemplate(
  template: ProblemTemplate,
  random: Random,
): { title: string; description: string; solvedReply: string } {
  const n = template.n ? String(random.int(template.n[0], template.n[1])) : ''
  const fill = (text: string) => text.replace(/\{n\}/g, n)
  return {
    title: fill(template.title),
    description: fill(template.description),
    solvedReply: fill(template.solvedReply),
  }
}

// ---------------------------------------------------------------------------------------------------------

interface GenerationContext {
  window: HistoryWindow
  rules: RulesDocument
  cast: Cast
  random: Random
}

/** A generated ticket's subject and route before its script is written. */
interface Subject {
  enterprise: string
  channel: Channel
  category: Category
  title: string
  description: string
  solvedReply: string
  urgency: Urgency
  flags: TicketFlag[]
  units: string[]
}

function pickEnterprise(random: Random, needsCommissioner: boolean): string {
  const candidates = ENTERPRISE_ROWS.filter((row) => row.isKey || !needsCommissioner)
  // the two demo contacts' enterprises get a little more traffic, so their lists are worth opening
  return random.weighted(
    candidates.map(
      (row) => [row.slug, row.slug === 'liquan' || row.slug === 'huaxin' ? 5 : row.isKey ? 3 : 1] as const,
    ),
  )
}

function coUnitFor(
  template: ProblemTemplate,
  category: Category,
  lead: string,
  district: string,
  rules: RulesDocument,
): string {
  const county = COUNTY_UNIT_BY_DISTRICT[district]
  const named = template.coUnit === ENTERPRISE_COUNTY ? county : template.coUnit
  const taskForce = TASK_FORCE_ROWS.find((row) => row.code === rules.categories[category].taskForce)
  const candidates = [named, county, ...(taskForce?.memberUnitCodes ?? []), 'key-projects-office']
  return candidates.find((code): code is string => code !== undefined && code !== lead)!
}

function subjectFor(fate: GeneratedFate, pin: Pin, ctx: GenerationContext): Subject {
  const { random, rules } = ctx
  const profile = FATE_PROFILES[fate]
  const category = pin.category ?? random.weighted(CATEGORY_MIX[profile.mix])
  const channel: Channel =
    pin.channel ??
    (fate === 'onsite'
      ? 'visit'
      : random.weighted<Channel>([
          ['app', 50],
          ['hotline', 25],
          ['proxy', 25],
        ]))
  const enterprise = pin.enterprise ?? pickEnterprise(random, channel === 'visit' || channel === 'proxy')
  const row = enterpriseRowOf.get(enterprise)!
  const template = random.pick(PROBLEM_TEMPLATES[category])
  const text = fillTemplate(template, random)

  const coordination = pin.coordination ?? random.chance(profile.coordinationChance)
  let lead = template.leadUnit ?? rules.categories[category].leadUnit
  // works and public order outside the city proper are the county's to do; the office routes them there
  const county = COUNTY_UNIT_BY_DISTRICT[row.district]
  if (!coordination && county && (category === 'infrastructure' || category === 'other') && random.chance(0.4))
    lead = county
  const units = coordination ? [lead, coUnitFor(template, category, lead, row.district, rules)] : [lead]

  const flags: TicketFlag[] =
    coordination && ['land', 'factors', 'approval'].includes(category) && random.chance(0.2) ? ['upstream'] : []
  const urgency: Urgency = random.chance(category === 'factors' || category === 'financing' ? 0.2 : 0.08)
    ? 'urgent'
    : 'normal'
  return { enterprise, channel, category, ...text, urgency, flags, units }
}

/** Fates whose tickets are still open when the history stops. */
const OPEN_FATES: readonly Fate[] = ['submitted', 'accepted', 'dispatched', 'signed', 'replied']

/** A window as day offsets from the history's start, both ends included. */
function offsetsOf(submitWindow: SubmitWindow, window: HistoryWindow): readonly [number, number] {
  if ('daysFromStart' in submitWindow) return submitWindow.daysFromStart
  const lastWorkingDay = shiftWorkingDays(addCalendarDays(window.endDay, 1), -1)
  const [nearest, farthest] = submitWindow.workingDaysBeforeEnd
  const offsetOf = (workingDaysBack: number) =>
    calendarDaysBetween(
      window.startDay,
      workingDaysBack === 0 ? lastWorkingDay : shiftWorkingDays(lastWorkingDay, -workingDaysBack),
    )
  return [offsetOf(farthest), offsetOf(nearest)]
}

/** The day and time a ticket comes in: a day of the window, weighted by the season of its category. */
function submissionTime(
  submitWindow: SubmitWindow,
  category: Category,
  channel: Channel,
  fate: Fate,
  ctx: GenerationContext,
): Date {
  const { random, window } = ctx
  const range = offsetsOf(submitWindow, window)
  // commissioners enter visits and 代录 at work; the app and the hotline take problems any day
  const officeOnly = channel === 'visit' || channel === 'proxy'
  const season = SEASONS[category]
  const days: Array<readonly [string, number]> = []
  for (let offset = range[0]; offset <= range[1]; offset++) {
    const day = addCalendarDays(window.startDay, offset)
    const working = isWorkingDay(BUILT_IN_CALENDAR, day)
    if (officeOnly && !working) continue
    const seasonWeight = season ? season[Math.min(season.length - 1, Math.floor(offset / 30.5))] : 1
    days.push([day, seasonWeight * (working ? 1 : 0.3)])
  }
  // a shifted history may put a short window on holidays only; then the office works that day
  const day = days.length > 0 ? random.weighted(days) : addCalendarDays(window.startDay, range[1])
  // open tickets come in during the day, so that those of the last day are there before the history stops
  const [earliest, latest] =
    officeOnly || OPEN_FATES.includes(fate)
      ? [8 * 60 + 30, 16 * 60 + 30]
      : channel === 'hotline'
        ? [8 * 60, 21 * 60]
        : [7 * 60, 22 * 60 + 30]
  const minutes = random.int(earliest, latest)
  return atShanghai(day, Math.floor(minutes / 60), minutes % 60)
}

/** The script of a generated ticket, by its fate. */
function stepsFor(
  fate: GeneratedFate,
  subject: Subject,
  submittedAt: Date,
  pin: Pin,
  detour: keyof typeof DETOURS | null,
  ctx: GenerationContext,
): Step[] {
  const { random } = ctx
  const leaderSlug = leaderSlugOf.get(subject.enterprise)
  const lead = subject.units[0]

  if (fate === 'onsite') {
    return [
      step({ minutes: [10, 90] }, { type: 'resolveOnSite', text: `特派员走访时现场协调：${subject.solvedReply}` }),
      ...ratingSteps(random, random.chance(0.1) ? null : random.chance(0.8) ? 'satisfied' : 'basicallySatisfied'),
    ]
  }

  if (fate === 'submitted') return []
  const intake: Step[] = [step(acceptWait(submittedAt, random), { type: 'accept' })]
  const graded = [ctx.rules.categories[subject.category].leadUnit]
  if (detour === 'sentBack' || pin.sentBack) {
    const wrong = MISROUTES[subject.category] === lead ? 'key-projects-office' : MISROUTES[subject.category]
    intake.push(
      step(
        { minutes: [20, 150] },
        dispatchTo([wrong], graded, () => `按诉求内容派${nameOf(wrong)}办理`),
      ),
      step(
        { workingDays: random.int(0, 1) },
        { type: 'sendBack', reason: `该事项不属于本单位职责，建议改派${nameOf(lead)}` },
      ),
    )
    if (fate === 'accepted') return intake
    intake.push(
      step(
        { minutes: [30, 180] },
        dispatchTo(subject.units, [wrong], () => `${nameOf(wrong)}退回，改派${nameOf(lead)}`),
      ),
    )
  } else {
    if (fate === 'accepted') return intake
    intake.push(
      step(
        { minutes: [20, 150] },
        dispatchTo(subject.units, graded, () => routeReason(subject.units)),
      ),
    )
  }
  if (fate === 'dispatched') return intake
  if (fate === 'withdrawn') {
    return random.chance(0.5)
      ? [intake[0], step({ workingDays: 1 }, { type: 'withdraw', reason: '问题已自行解决' })]
      : [
          ...intake,
          step({ workingDays: 1 }, { type: 'sign' }),
          step({ workingDays: 2 }, { type: 'withdraw', reason: '已通过其他渠道解决' }),
        ]
  }

  const handling: Step[] = [...intake, step({ workingDays: random.int(0, 1) }, { type: 'sign' })]
  const coordination = subject.units.length > 1
  if (coordination && leaderSlug && random.chance(0.4)) {
    const names = subject.units.map(nameOf)
    handling.push(
      step(
        { workingDays: random.int(1, 3) },
        { type: 'instruct', text: `请${names[0]}牵头，会同${names.slice(1).join('、')}尽快研究解决，结果报我。` },
        leaderSlug,
      ),
    )
  }
  if (detour === 'extended' || pin.extensionPending) {
    handling.push(
      step(
        { fromDue: 'replyDueAt', workingDays: -random.int(1, 2) },
        { type: 'requestExtension', days: random.int(5, 10), reason: '需协调相关单位会商，办理周期较长' },
      ),
    )
    if (pin.extensionPending) return handling
    handling.push(step({ minutes: [30, 300] }, { type: 'approveExtension' }))
  }
  if (fate === 'signed') return handling

  const outcome: Outcome =
    pin.outcome ?? (fate === 'explained' || fate === 'planned' || fate === 'unfeasible' ? fate : 'solved')
  const replyText = outcome === 'solved' ? subject.solvedReply : random.pick(UNSOLVED_REPLIES[outcome])
  const replyWait: Wait =
    fate === 'replied'
      ? { workingDays: random.int(1, 3) } // recently, so the enterprise has not rated it yet
      : detour === 'late'
        ? { fromDue: 'replyDueAt', workingDays: random.int(1, 3) }
        : { fromDue: 'replyDueAt', workingDays: -random.int(0, coordination ? 10 : 3) }
  handling.push(step(replyWait, { type: 'reply', outcome, text: replyText }))
  if (fate === 'replied') return handling

  if (detour === 'reopened') {
    handling.push(
      step({ workingDays: random.int(0, 2) }, { type: 'rate', rating: 'dissatisfied', comment: '问题尚未实际解决' }),
      step({ minutes: [5, 120] }, { type: 'reopen', reason: '企业反映问题仍未解决，申请重办' }),
      step({ workingDays: random.int(0, 1) }, { type: 'sign' }),
      step(
        { fromDue: 'replyDueAt', workingDays: -random.int(0, 2) },
        { type: 'reply', outcome: 'solved', text: `经重新办理，${subject.solvedReply}` },
      ),
    )
    return [...handling, ...ratingSteps(random, 'satisfied')]
  }
  const rating: Rating | null =
    detour === 'unrated'
      ? null
      : outcome === 'solved'
        ? random.weighted<Rating>([
            ['satisfied', 76],
            ['basicallySatisfied', 21],
            ['dissatisfied', 3],
          ])
        : // an answer that did not solve the problem does not always satisfy: some say so (不满意 without
          // asking to reopen), and so do a few whose fix came slowly: the demo's 满意率 is not a flat 100%
          random.weighted<Rating | null>([
            ['basicallySatisfied', 30],
            ['satisfied', 5],
            ['dissatisfied', 45],
            [null, 20],
          ])
  return [...handling, ...ratingSteps(random, rating)]
}

/** Plays a generated ticket, drawing new subjects and days until its script fits the window and the rules. */
function playGenerated(
  key: string,
  fate: GeneratedFate,
  pin: Pin,
  detour: keyof typeof DETOURS | null,
  ctx: GenerationContext,
): Ticket {
  let lastProblems: string[] = []
  for (let attempt = 0; attempt < 100; attempt++) {
    const subject = subjectFor(fate, pin, ctx)
    const submittedAt = submissionTime(pin.window ?? SUBMIT_WINDOWS[fate], subject.category, subject.channel, fate, ctx)
    const plan: TicketPlan = {
      key,
      enterpriseSlug: subject.enterprise,
      channel: subject.channel,
      category: subject.category,
      title: subject.title,
      description: subject.description,
      urgency: subject.urgency,
      flags: subject.flags,
      submittedAt,
      steps: stepsFor(fate, subject, submittedAt, pin, detour, ctx),
    }
    const { ticket, problems } = playTicketScript(plan, ctx.cast, ctx.rules, ctx.window.now, ctx.random)
    if (problems.length === 0) return ticket
    lastProblems = problems
  }
  throw new Error(`演示诉求 ${key} 排不进历史：${lastProblems.join('；')}`)
}

function playOrThrow(plan: TicketPlan, ctx: GenerationContext): Ticket {
  const { ticket, problems } = playTicketScript(plan, ctx.cast, ctx.rules, ctx.window.now, ctx.random)
  if (problems.length > 0) throw new Error(`演示诉求 ${plan.key} 不合规则：${problems.join('；')}`)
  return ticket
}

export interface PlayedReceptionDay {
  session: number
  heldAt: Date
  chairs: readonly string[]
  enterpriseSlugs: string[]
  ticketIds: string[]
}

/** The reception days: chaired by the Party secretary and the mayor, who take the problems in turns. */
function playReceptionDays(ctx: GenerationContext): { tickets: Ticket[]; days: PlayedReceptionDay[] } {
  const chairs = ['secretary', 'mayor'] as const
  const tickets: Ticket[] = []
  const days: PlayedReceptionDay[] = []
  RECEPTION_SESSIONS.forEach((session, sessionIndex) => {
    const heldAt = atShanghai(shiftWorkingDays(mapDay(ctx.window, session.day), 0), 14, 30)
    const ticketIds: string[] = []
    session.problems.forEach((problem, index) => {
      const chair = chairs[index % chairs.length]
      const key = `reception-${sessionIndex + 1}-${String(index + 1).padStart(2, '0')}`
      const submittedAt = new Date(heldAt.getTime() + index * 12 * 60_000)
      const steps: Step[] = problem.solvedOnSite
        ? [step({ minutes: [5, 10] }, { type: 'resolveOnSite', text: `接待日现场协调：${problem.resolution}` }, chair)]
        : [
            step(
              { minutes: [3, 8] },
              { type: 'instruct', text: `请${nameOf(problem.units![0])}牵头抓紧落实，限期办结。` },
              chair,
            ),
            step({ minutes: [60, 120] }, { type: 'accept', note: '接待日交办事项' }),
            step(
              { minutes: [20, 40] },
              {
                ...dispatchTo(
                  problem.units!,
                  [ctx.rules.categories[problem.category].leadUnit],
                  () => '按接待日议定的牵头和配合单位派单',
                ),
                receptionDayAt: heldAt,
              },
            ),
            step({ workingDays: 1 }, { type: 'sign' }),
            step(
              { fromDue: 'replyDueAt', workingDays: -(problem.replyWorkingDaysBeforeDue ?? ctx.random.int(3, 10)) },
              { type: 'reply', outcome: 'solved', text: problem.resolution },
            ),
          ]
      steps.push(step({ workingDays: ctx.random.int(0, 1) }, { type: 'rate', rating: 'satisfied' }))
      const ticket = playOrThrow(
        {
          key,
          enterpriseSlug: problem.enterprise,
          channel: 'reception',
          category: problem.category,
          title: problem.title,
          description: problem.description,
          urgency: 'normal',
          flags: problem.flags ?? [],
          submittedAt,
          steps,
        },
        ctx,
      )
      tickets.push(ticket)
      ticketIds.push(ticket._id)
    })
    days.push({
      session: sessionIndex + 1,
      heldAt,
      chairs,
      enterpriseSlugs: [...new Set(session.problems.map((problem) => problem.enterprise))],
      ticketIds,
    })
  })
  return { tickets, days }
}

/** Duplicates of earlier app submissions, merged into them (DESIGN.md §3 "duplicate → merged"). */
function playDuplicates(originals: readonly Ticket[], ctx: GenerationContext): Ticket[] {
  const { random } = ctx
  const candidates = originals.filter(
    (ticket) =>
      ticket.channel === 'app' &&
      ticket.state === 'closed' &&
      !STORY_TICKETS.some((story) => ticketIdOf(story.key) === ticket._id) &&
      calendarDaysBetween(ctx.window.startDay, shanghaiDateOf(ticket.createdAt)) < 300,
  )
  return random
    .shuffle(candidates)
    .slice(0, FATE_COUNTS.rejectedDuplicate)
    .map((original, index) => {
      const slug = ENTERPRISE_ROWS.find((row) => enterpriseIdOf(row.slug) === original.enterpriseId)!.slug
      const submittedAt = new Date(original.createdAt.getTime() + random.int(3, 30) * 3600_000)
      return playOrThrow(
        {
          key: `rejected-duplicate-${index + 1}`,
          enterpriseSlug: slug,
          channel: 'app',
          category: original.category,
          title: original.title,
          description: original.description,
          urgency: original.urgency,
          flags: [],
          submittedAt,
          steps: [
            step(acceptWait(submittedAt, random), {
              type: 'reject',
              reason: '与已受理的诉求重复，已合并办理',
              mergedInto: original._id,
            }),
          ],
        },
        ctx,
      )
    })
}

export interface PlayedHistory {
  tickets: Ticket[]
  receptionDays: PlayedReceptionDay[]
}

export function playHistory(window: HistoryWindow, rules: RulesDocument, cast: Cast, random: Random): PlayedHistory {
  const ctx: GenerationContext = { window, rules, cast, random }
  const tickets: Ticket[] = []

  const reception = playReceptionDays(ctx)
  tickets.push(...reception.tickets)

  const storyCount: Partial<Record<Fate, number>> = {}
  for (const story of STORY_TICKETS) {
    storyCount[story.fate] = (storyCount[story.fate] ?? 0) + 1
    tickets.push(
      playOrThrow(
        {
          key: story.key,
          enterpriseSlug: story.enterprise,
          channel: story.channel,
          category: story.category,
          title: story.title,
          description: story.description,
          urgency: story.urgency ?? 'normal',
          flags: story.flags ?? [],
          submittedAt: momentOf(window, story.submitted),
          steps: story.steps,
        },
        ctx,
      ),
    )
  }

  OUT_OF_SCOPE_REQUESTS.forEach((request, index) => {
    const submittedAt = submissionTime(
      SUBMIT_WINDOWS.rejectedOutOfScope,
      request.category,
      'app',
      'rejectedOutOfScope',
      ctx,
    )
    tickets.push(
      playOrThrow(
        {
          key: `rejected-out-of-scope-${index + 1}`,
          enterpriseSlug: request.enterprise,
          channel: 'app',
          category: request.category,
          title: request.title,
          description: request.description,
          urgency: 'normal',
          flags: [],
          submittedAt,
          steps: [step(acceptWait(submittedAt, random), { type: 'reject', reason: request.reason })],
        },
        ctx,
      ),
    )
  })

  for (const fate of Object.keys(FATE_PROFILES) as GeneratedFate[]) {
    const count = FATE_COUNTS[fate] - (storyCount[fate] ?? 0)
    const pins = PINS[fate] ?? []
    // detours are spread over the plain solved timed tickets, after the pinned ones
    const detours: Array<keyof typeof DETOURS | null> = []
    if (fate === 'solvedTimed')
      for (const [detour, n] of Object.entries(DETOURS))
        for (let i = 0; i < n; i++) detours.push(detour as keyof typeof DETOURS)
    for (let index = 0; index < count; index++) {
      const pin = pins[index] ?? {}
      const detour = index >= pins.length ? (detours[index - pins.length] ?? null) : null
      tickets.push(playGenerated(`${fate}-${String(index + 1).padStart(3, '0')}`, fate, pin, detour, ctx))
    }
  }

  tickets.push(...playDuplicates(tickets, ctx))
  return { tickets, receptionDays: reception.days }
}

/** The seed's figures, counted honestly (DESIGN.md §4); the build refuses a history that misses them. */
export function checkSeedFigures({ tickets, receptionDays }: PlayedHistory): void {
  const collected = tickets.filter((t) => t.state !== 'rejected' && t.state !== 'withdrawn')
  const solved = collected.filter((t) => (t.state === 'closed' && t.outcome === 'solved') || t.track === 'onsite')
  const raised = new Set(receptionDays.flatMap((day) => day.ticketIds))
  const solvedAtReception = solved.filter((t) => raised.has(t._id))
  const receptionEnterprises = new Set(receptionDays.flatMap((day) => day.enterpriseSlugs))
  const found = {
    collected: collected.length,
    solved: solved.length,
    receptionSessions: receptionDays.length,
    receptionEnterprises: receptionEnterprises.size,
    receptionSolved: solvedAtReception.length,
  }
  const wrong = (Object.keys(found) as (keyof typeof found)[]).filter((name) => found[name] !== SEED_FIGURES[name])
  if (wrong.length > 0) {
    throw new Error(
      `演示历史与报道不符：${wrong.map((name) => `${name} ${found[name]}（应为${SEED_FIGURES[name]}）`).join('，')}`,
    )
  }
}
