/**
 * How many drafts a second the rules engine grades (target ≥ 10,000/s).
 *
 *   npx tsx scripts/bench-rules.ts [drafts=20000] [runs=7]
 *
 * Drafts are made by a seeded generator (same drafts every time) across 2025–2027, so holidays, make-up
 * days and the year without calendar data are all on the path. Prints the median of the runs.
 */
import { BUILT_IN_CALENDAR } from '../cloudfunctions/core/clock'
import { CATEGORIES, TICKET_FLAGS, URGENCIES } from '../types/domain'
import type { TicketDraft } from '../types/rules'
import { decide, defaultRulesDocument } from '../cloudfunctions/core/rules'

/** mulberry32: a tiny seeded generator, so every run grades the same drafts (the core's tests use it too). */
export function seededRandom(seed: number): () => number {
  let state = seed >>> 0
  return () => {
    state = (state + 0x6d2b79f5) >>> 0
    let t = state
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296
  }
}

const UNIT_POOL = [
  'hrss',
  'finance-office',
  'natural-resources',
  'county-lingui',
  'county-yangshuo',
  'region-drug-admin',
]
const START = Date.parse('2025-01-01T00:00:00+08:00')
const SPAN = Date.parse('2027-06-30T00:00:00+08:00') - START

/** `count` varied drafts, the same for the same seed. */
export function makeDrafts(count: number, seed = 2021_11_18): TicketDraft[] {
  const random = seededRandom(seed)
  const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)]
  return Array.from({ length: count }, (_, index) => ({
    id: `bench-${index}`,
    enterprise: { name: `企业${index % 70}`, isKey: random() < 0.3 },
    category: pick(CATEGORIES),
    title: '诉求',
    description: '',
    units:
      random() < 0.5
        ? []
        : Array.from({ length: 1 + Math.floor(random() * 3) }, () => pick(UNIT_POOL)).filter(
            (u, i, all) => all.indexOf(u) === i,
          ),
    flags: TICKET_FLAGS.filter(() => random() < 0.1),
    urgency: pick(URGENCIES),
    reopenCount: random() < 0.1 ? 2 : 0,
    submittedAt: new Date(START + Math.floor(random() * SPAN)),
  }))
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b)
  const middle = Math.floor(sorted.length / 2)
  return sorted.length % 2 === 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2
}

function main(): void {
  const count = Number(process.argv[2] ?? 20_000)
  const runs = Number(process.argv[3] ?? 7)
  const rules = defaultRulesDocument()
  const drafts = makeDrafts(count)
  // One warm-up pass: JIT and the calendar caches, as in a warm cloud function.
  for (const draft of drafts) decide(draft, rules, BUILT_IN_CALENDAR, {}, draft.submittedAt)

  const rates: number[] = []
  for (let run = 0; run < runs; run += 1) {
    const started = process.hrtime.bigint()
    for (const draft of drafts) decide(draft, rules, BUILT_IN_CALENDAR, {}, draft.submittedAt)
    const seconds = Number(process.hrtime.bigint() - started) / 1e9
    rates.push(count / seconds)
  }
  const rounded = rates.map((rate) => Math.round(rate))
  console.log(
    `decide: median ${Math.round(median(rates))} drafts/s (${runs} runs of ${count} drafts: ${rounded.join(', ')})`,
  )
}

// Run only as a script; the tests import the generators.
if (require.main === module) main()
