/**
 * The grading and routing engine (DESIGN.md §4). Pure: rules are data (types/rules.ts), facts are looked up
 * by the providers below, time is injected. Every decision names the rules that made it.
 */
import defaultRulesJson from '../../config/rules/default-rules.json'
import type { ApiError, ErrorCode } from '../../types/api'
import { LEVELS, TRACKS, type Level, type Track, type UnitLevel, type Urgency } from '../../types/domain'
import {
  ZOD_ERRORS_IN_CHINESE,
  describeIssues,
  rulesDocumentSchema,
  ticketDraftInputSchema,
  type ComparedValue,
  type Condition,
  type FactName,
  type LimitName,
  type Limits,
  type Rule,
  type RulesDocument,
  type TicketDraft,
} from '../../types/rules'
import { addWorkingDays, type WorkingCalendar } from './clock'

const INVALID_INPUT: ErrorCode = 'INVALID_INPUT'

/** A rules document that does not validate; the message lists every problem, in Chinese. */
export class RulesDocumentError extends Error {
  readonly code = INVALID_INPUT
  constructor(readonly problems: readonly string[]) {
    super(`规则文档校验失败（${problems.length} 处问题）：${problems.join('；')}`)
    this.name = 'RulesDocumentError'
  }
}

/** Validates a rules document (the default file or the database's active copy); throws RulesDocumentError. */
export function loadRulesDocument(input: unknown): RulesDocument {
  const parsed = rulesDocumentSchema.safeParse(input, ZOD_ERRORS_IN_CHINESE)
  if (!parsed.success) {
    throw new RulesDocumentError(describeIssues(parsed.error.issues))
  }
  return parsed.data
}

let defaultRules: RulesDocument | undefined

/** config/rules/default-rules.json, validated once on first use (not at cold start). */
export function defaultRulesDocument(): RulesDocument {
  defaultRules ??= loadRulesDocument(defaultRulesJson)
  return defaultRules
}

/** Validates one JSON draft (the simulator's input) into a TicketDraft, or an INVALID_INPUT error in Chinese. */
export function parseTicketDraft(input: unknown): { ok: true; draft: TicketDraft } | { ok: false; error: ApiError } {
  const parsed = ticketDraftInputSchema.safeParse(input, ZOD_ERRORS_IN_CHINESE)
  if (parsed.success) return { ok: true, draft: parsed.data }
  return {
    ok: false,
    error: { code: INVALID_INPUT, message: `诉求草稿不符合要求：${describeIssues(parsed.error.issues).join('；')}` },
  }
}

/**
 * Facts the caller looked up (json-rules-engine's "almanac"): the unit directory and the ticket's history.
 * Everything is optional; a new draft needs none.
 */
export interface GradingFacts {
  /** unit code → level from the directory; wins over the rules document's own table */
  unitLevels?: Readonly<Record<string, UnitLevel>>
  /** the track before this decision (regrading a ticket); none for a new draft */
  currentTrack?: Track | null
  /** working days the reply is overdue now */
  overdueWorkingDays?: number
  /** this decision regrades a reopened ticket */
  isReopening?: boolean
  /** recorded as solved on the spot */
  resolvedOnSite?: boolean
  /** reception track: the 接待日 the ticket goes to, when it is known */
  receptionDayAt?: Date | null
}

/** The due times of handling a ticket dispatched at a given moment. */
export interface HandlingDues {
  signDueAt: Date | null
  sendBackDueAt: Date | null
  /** null for onsite (already answered) and for reception until the reception day is known */
  replyDueAt: Date | null
  /** coordination track only: the 专题协调会 must be held by then */
  meetingDueAt: Date | null
  calendarMissing: boolean
}

export interface GradingDecision extends HandlingDues {
  track: Track
  level: Level
  leadUnit: string
  coUnits: string[]
  taskForce: string | null
  acceptDueAt: Date
  /** the rules that made the decision: the winning track rules, the level rules, the category route */
  ruleIds: string[]
  /** "R-COORD-MULTI: 涉及2个以上单位，召开专题协调会", one per rule id, for the UI */
  reasons: string[]
}

/** What a fact provider may read. */
interface FactSource {
  draft: TicketDraft
  facts: GradingFacts
  document: RulesDocument
  units: readonly string[]
}

type FactValue = string | number | boolean | readonly string[]

/** How each fact a rule may test is looked up (the keys are exactly the facts types/rules.ts declares). */
const FACT_PROVIDERS: { readonly [F in FactName]: (source: FactSource) => FactValue } = {
  category: ({ draft }) => draft.category,
  flags: ({ draft }) => draft.flags,
  urgency: ({ draft }) => draft.urgency,
  channel: ({ draft }) => draft.channel ?? 'app',
  enterpriseIsKey: ({ draft }) => draft.enterprise.isKey,
  unitCount: ({ units }) => units.length,
  reopenCount: ({ draft }) => draft.reopenCount,
  currentTrack: ({ facts }) => facts.currentTrack ?? 'none',
  overdueWorkingDays: ({ facts }) => facts.overdueWorkingDays ?? 0,
  isReopening: ({ facts }) => facts.isReopening ?? false,
  resolvedOnSite: ({ facts }) => facts.resolvedOnSite ?? false,
  unitLevel: ({ units, document, facts }) => highestUnitLevel(units, document, facts.unitLevels),
}

// Levels order county < city < region < national; a unit level is a level of the same name.
const LEVEL_RANK: Readonly<Record<Level, number>> = Object.fromEntries(
  LEVELS.map((level, rank) => [level, rank]),
) as Record<Level, number>
const TRACK_RANK: Readonly<Record<Track, number>> = Object.fromEntries(
  TRACKS.map((track, rank) => [track, rank]),
) as Record<Track, number>

export function isHigherLevel(candidate: Level, than: Level): boolean {
  return LEVEL_RANK[candidate] > LEVEL_RANK[than]
}

/** Tracks in escalation order onsite < timed < coordination < reception (types/domain.ts TRACKS). */
export function isHigherTrack(candidate: Track, than: Track): boolean {
  return TRACK_RANK[candidate] > TRACK_RANK[than]
}

/** The track one step up (升级), or null from the top. */
export function nextTrackUp(track: Track): Track | null {
  return TRACKS[TRACK_RANK[track] + 1] ?? null
}

/**
 * A unit's level: the directory's word, else the rules document's table, else the longest matching code
 * prefix (county-lingui → county), else the document's default (city).
 */
export function unitLevelOf(
  unitCode: string,
  document: RulesDocument,
  directory?: Readonly<Record<string, UnitLevel>>,
): UnitLevel {
  const known = directory?.[unitCode] ?? document.unitLevels[unitCode]
  if (known !== undefined) return known
  let matched: { prefix: string; level: UnitLevel } | null = null
  for (const [prefix, level] of Object.entries(document.unitLevelPrefixes)) {
    if (unitCode.startsWith(prefix) && (matched === null || prefix.length > matched.prefix.length))
      matched = { prefix, level }
  }
  return matched?.level ?? document.defaultUnitLevel
}

function highestUnitLevel(
  units: readonly string[],
  document: RulesDocument,
  directory?: Readonly<Record<string, UnitLevel>>,
): UnitLevel {
  let highest: UnitLevel = unitLevelOf(units[0], document, directory)
  for (const unit of units.slice(1)) {
    const level = unitLevelOf(unit, document, directory)
    if (isHigherLevel(level, highest)) highest = level
  }
  return highest
}

function comparedValueOf(value: ComparedValue, limits: Limits): Exclude<ComparedValue, { limit: LimitName }> {
  return typeof value === 'object' && !Array.isArray(value) ? limits[value.limit] : value
}

function conditionHolds(condition: Condition, factOf: (name: FactName) => FactValue, limits: Limits): boolean {
  if ('all' in condition) return condition.all.every((member) => conditionHolds(member, factOf, limits))
  if ('any' in condition) return condition.any.some((member) => conditionHolds(member, factOf, limits))
  if ('not' in condition) return !condition.not.some((member) => conditionHolds(member, factOf, limits))
  const actual = factOf(condition.fact)
  const expected = comparedValueOf(condition.value, limits)
  switch (condition.operator) {
    case 'equal':
      return actual === expected
    case 'notEqual':
      return actual !== expected
    case 'in':
      return Array.isArray(expected) && expected.includes(actual as string)
    case 'notIn':
      return Array.isArray(expected) && !expected.includes(actual as string)
    case 'contains':
      return Array.isArray(actual) && actual.includes(expected as string)
    case 'doesNotContain':
      return Array.isArray(actual) && !actual.includes(expected as string)
    case 'greaterThanInclusive':
      return typeof actual === 'number' && typeof expected === 'number' && actual >= expected
    case 'lessThan':
      return typeof actual === 'number' && typeof expected === 'number' && actual < expected
  }
}

// Sorted once per document (documents are immutable once loaded): higher priority first, file order on ties.
const rulesByPriority = new WeakMap<RulesDocument, readonly Rule[]>()

function sortedRules(document: RulesDocument): readonly Rule[] {
  let sorted = rulesByPriority.get(document)
  if (sorted === undefined) {
    sorted = [...document.rules].sort((a, b) => b.priority - a.priority)
    rulesByPriority.set(document, sorted)
  }
  return sorted
}

/** The reply limit of a track; reception counts from the reception day instead, onsite has none. */
function replyLimitName(track: 'timed' | 'coordination', urgency: Urgency): LimitName {
  if (track === 'coordination') return 'reply.coordination'
  return urgency === 'urgent' ? 'reply.timed.urgent' : 'reply.timed'
}

/**
 * The due times of handling, counted from the dispatch (派单): sign 1, send back 2, reply by track
 * (timed 5 / urgent 2, coordination 20 with its meeting within 10, reception 20 after the reception day).
 * An onsite ticket is already answered, so it has none.
 */
export function handlingDues(
  track: Track,
  urgency: Urgency,
  limits: Limits,
  calendar: WorkingCalendar,
  dispatchedAt: Date,
  receptionDayAt: Date | null,
): HandlingDues {
  if (track === 'onsite') {
    return { signDueAt: null, sendBackDueAt: null, replyDueAt: null, meetingDueAt: null, calendarMissing: false }
  }
  const sign = addWorkingDays(calendar, dispatchedAt, limits.sign)
  const sendBack = addWorkingDays(calendar, dispatchedAt, limits.sendBack)
  const reply =
    track === 'reception'
      ? receptionDayAt === null
        ? null
        : addWorkingDays(calendar, receptionDayAt, limits['reply.reception'])
      : addWorkingDays(calendar, dispatchedAt, limits[replyLimitName(track, urgency)])
  const meeting =
    track === 'coordination' ? addWorkingDays(calendar, dispatchedAt, limits['meeting.coordination']) : null
  return {
    signDueAt: sign.at,
    sendBackDueAt: sendBack.at,
    replyDueAt: reply?.at ?? null,
    meetingDueAt: meeting?.at ?? null,
    calendarMissing:
      sign.calendarMissing || sendBack.calendarMissing || !!reply?.calendarMissing || !!meeting?.calendarMissing,
  }
}

/**
 * Grades and routes a draft. `now` is the moment of the decision, taken as the dispatch time for the
 * handling dues (the simulator passes the submission time); the accept due counts from the submission.
 */
export function decide(
  draft: TicketDraft,
  document: RulesDocument,
  calendar: WorkingCalendar,
  facts: GradingFacts,
  now: Date,
): GradingDecision {
  const categoryRoute = document.categories[draft.category]
  const units = draft.units.length > 0 ? draft.units : [categoryRoute.leadUnit]
  const source: FactSource = { draft, facts, document, units }
  const factCache = new Map<FactName, FactValue>()
  const factOf = (name: FactName): FactValue => {
    let value = factCache.get(name)
    if (value === undefined) {
      value = FACT_PROVIDERS[name](source)
      factCache.set(name, value)
    }
    return value
  }

  let track: Track | null = null
  const trackRules: Rule[] = []
  const levelRules: Rule[] = []
  let level: Level = factOf('unitLevel') as UnitLevel
  for (const rule of sortedRules(document)) {
    const proposesTrack = rule.then.track !== undefined && (track === null || rule.then.track === track)
    const raisesLevel = rule.then.raiseLevel !== undefined
    if (!proposesTrack && !raisesLevel) continue
    if (!conditionHolds(rule.when, factOf, document.limits)) continue
    if (proposesTrack) {
      track = rule.then.track!
      trackRules.push(rule)
    }
    if (raisesLevel) {
      levelRules.push(rule)
      if (isHigherLevel(rule.then.raiseLevel!, level)) level = rule.then.raiseLevel!
    }
  }
  // The document is validated to hold an unconditional track rule, so a track is always found.
  const decidedTrack = track ?? 'timed'

  const accept = addWorkingDays(calendar, draft.submittedAt, document.limits.accept)
  const dues = handlingDues(decidedTrack, draft.urgency, document.limits, calendar, now, facts.receptionDayAt ?? null)
  const cited = [...trackRules, ...levelRules, categoryRoute]
  return {
    track: decidedTrack,
    level,
    leadUnit: units[0],
    coUnits: units.slice(1),
    taskForce: categoryRoute.taskForce,
    acceptDueAt: accept.at,
    ...dues,
    calendarMissing: accept.calendarMissing || dues.calendarMissing,
    ruleIds: cited.map((rule) => rule.id),
    reasons: cited.map((rule) => `${rule.id}: ${rule.reason}`),
  }
}

/**
 * The Chinese reason of each rule id a decision cites ("R-COORD-MULTI: 涉及2个以上单位…"), for the detail
 * page. An id the current document no longer has (rules changed since) is shown as the bare id.
 */
export function describeRuleIds(ruleIds: readonly string[], document: RulesDocument): string[] {
  const reasonById = new Map<string, string>()
  for (const rule of [...document.rules, ...Object.values(document.categories)]) reasonById.set(rule.id, rule.reason)
  return ruleIds.map((id) => {
    const reason = reasonById.get(id)
    return reason === undefined ? id : `${id}: ${reason}`
  })
}

/** The rule ids without those that chose the track (a person changed the track: those no longer explain it). */
export function withoutTrackRules(ruleIds: readonly string[], document: RulesDocument): string[] {
  const trackRuleIds = new Set(document.rules.filter((rule) => rule.then.track !== undefined).map((rule) => rule.id))
  return ruleIds.filter((id) => !trackRuleIds.has(id))
}

/**
 * The reasons of a decision in plain Chinese, without rule ids (what an enterprise, a unit or a leader reads;
 * the office also sees the ids, describeRuleIds). An id the current document no longer has is left out.
 */
export function plainReasonsOf(ruleIds: readonly string[], document: RulesDocument): string[] {
  const reasonById = new Map<string, string>()
  for (const rule of [...document.rules, ...Object.values(document.categories)]) reasonById.set(rule.id, rule.reason)
  return ruleIds.flatMap((id) => {
    const reason = reasonById.get(id)
    return reason === undefined ? [] : [reason]
  })
}

/**
 * Why a ticket has its grade, as everyone but the office reads it: a person's 升级 first (gradeNote), then the
 * rules that still hold. The detail view and the event preview (core/preview.ts) read the same.
 */
export function gradeReasonsOf(
  ticket: { ruleIds: readonly string[]; gradeNote?: string | null },
  document: RulesDocument,
) {
  const plain = plainReasonsOf(ticket.ruleIds, document)
  return ticket.gradeNote ? [ticket.gradeNote, ...plain] : plain
}
