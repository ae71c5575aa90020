/**
 * The scheduler against a large database: does a timer run fit its timeout, and do its database round trips
 * grow with the tickets that are DUE (in the reminder window or overdue), not with the open ones?
 *
 *   npx tsx scripts/bench-scheduler.ts [runs=5]
 *
 * For each scenario, a local cloud in a temporary folder (SQLite file, every query indexed: requireIndexes)
 * gets the demo directory and `open` open tickets with a realistic spread of due times: most dues weeks or
 * months ahead, some long overdue (older than the timer's catch-up window, left to the office's lists), and
 * `due` tickets whose dues fall in the window (reply due tomorrow, reply or sign overdue, rating due tomorrow).
 * Then the scheduler's timer fires `runs` times on a working day at 10:00 Shanghai: the first run fires the
 * 督办, plans the reminders and sends; the next ones find them done. Prints per scenario the round trips and
 * the wall time (median) of the first run and of the steady runs.
 */
import { BUILT_IN_CALENDAR } from '../cloudfunctions/core/clock'
import { mkdtempSync, rmSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { openLocalCloud, type DbManifest, type LocalCloud } from '../emulator'
import { seedDemoData } from '../emulator/project'
import manifestJson from '../cloudfunctions/db-manifest.json'
import type { Actor, TicketEventInput } from '../cloudfunctions/core/events'
import type { Category, Enterprise, Ticket } from '../types/domain'

/** The instant every scenario runs at: Tuesday 24 Nov 2026, 10:00 in Shanghai (a working day, in the send window). */
const NOW = new Date('2026-11-24T10:00:00+08:00')
const SCENARIOS = [
  { open: 100_000, due: 50 },
  { open: 100_000, due: 500 },
  { open: 10_000, due: 50 },
]
const INSERT_CHUNK = 5_000
const SCHEDULER = path.join(__dirname, '..', 'cloudfunctions', 'scheduler', 'index.ts')

/**
 * The functions read `new Date()`: move this process's clock to NOW (it keeps ticking), so the run is the
 * same whenever the bench is started. Real Dates stay instances of the shifted class.
 */
function shiftClockTo(target: Date): void {
  const RealDate = Date
  const offset = target.getTime() - RealDate.now()
  class ShiftedDate extends RealDate {
    constructor(...args: unknown[]) {
      if (args.length === 0) super(RealDate.now() + offset)
      else super(...(args as [string | number | Date]))
    }
    static override now(): number {
      return RealDate.now() + offset
    }
    static override [Symbol.hasInstance](value: unknown): boolean {
      return value instanceof RealDate
    }
  }
  globalThis.Date = ShiftedDate as DateConstructor
}

/** A small deterministic generator (mulberry32), so every scenario is the same data. */
function random(seed: number): () => number {
  let a = seed >>> 0
  return () => {
    a = (a + 0x6d2b79f5) >>> 0
    let t = a
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b)
  return sorted[Math.floor(sorted.length / 2)]
}

async function main(): Promise<void> {
  const runs = Math.max(2, Number(process.argv[2] ?? 5))
  shiftClockTo(NOW)
  // loaded after the clock moved; the core is pure, it only needs the same Date as the functions
  const { openTicket } = await import('../cloudfunctions/core/intake')
  const { transition } = await import('../cloudfunctions/core/lifecycle')
  const { defaultRulesDocument } = await import('../cloudfunctions/core/rules')
  const { reminderTimeFor } = await import('../cloudfunctions/core/clock')
  const { defaultTemplateRegistry, dueWindow } = await import('../cloudfunctions/core/reminders')
  const { handlerIdOf } = await import('../emulator/demo/directory')
  const rules = defaultRulesDocument()
  const registry = defaultTemplateRegistry()
  for (const template of Object.values(registry.templates))
    process.env[template.templateIdEnv] = `tpl-${template.templateIdEnv.toLowerCase()}-${'x'.repeat(40)}`.slice(0, 43)
  const window = dueWindow(rules.limits, BUILT_IN_CALENDAR, NOW, registry.scheduler)
  const DAY = 86_400_000
  /** k working days before today, at 10:00 Shanghai */
  const workingDaysAgo = (k: number) =>
    new Date(reminderTimeFor(BUILT_IN_CALENDAR, NOW, k).at.getTime() + 10 * 3_600_000)

  const dispatcher: Actor = {
    id: 'demo-dispatcher',
    name: '唐晓敏',
    role: 'dispatcher',
    unitCode: 'key-projects-office',
  }
  const CATEGORIES: Category[] = [
    'labor',
    'factors',
    'financing',
    'land',
    'approval',
    'policy',
    'infrastructure',
    'schooling',
  ]

  function fire(ticket: Ticket, event: TicketEventInput, actor: Actor, at: Date): Ticket {
    const result = transition(ticket, event, actor, rules, BUILT_IN_CALENDAR, at)
    if (!result.ok) throw new Error(`${event.type} refused: ${result.message}`)
    return result.ticket
  }

  /** A ticket of `enterprise` taken through the real lifecycle to `stage`, dispatched at `dispatchedAt`. */
  function ticketAt(
    n: number,
    enterprise: Enterprise,
    category: Category,
    stage: 'submitted' | 'dispatched' | 'signed' | 'replied',
    dispatchedAt: Date,
    repliedAt?: Date,
  ): Ticket {
    const submittedAt = new Date(dispatchedAt.getTime() - 3_600_000)
    let ticket = openTicket(
      {
        ticketId: `B${String(n).padStart(7, '0')}`,
        no: `HQ20261124-${String(n).padStart(6, '0')}`,
        enterprise,
        channel: 'app',
        category,
        title: `第${n}号诉求：生产线扩产需要协调解决的问题`,
        description: '企业二期项目投产在即，需相关部门协助解决用工、用电和审批等问题，具体情况见附件说明。'.repeat(3),
        urgency: 'normal',
        flags: [],
        submitter: { openid: `demo-ent-x`, name: '企业联系人', role: 'enterprise' },
        requestId: `bench-${n}`,
      },
      rules,
      BUILT_IN_CALENDAR,
      submittedAt,
    )
    if (stage === 'submitted') return ticket
    ticket = fire(ticket, { type: 'accept' }, dispatcher, new Date(submittedAt.getTime() + 60_000))
    ticket = fire(ticket, { type: 'dispatch', units: [] }, dispatcher, dispatchedAt)
    if (stage === 'dispatched') return ticket
    const handler: Actor = {
      id: handlerIdOf(ticket.units[0]),
      name: '经办人',
      role: 'handler',
      unitCode: ticket.units[0],
    }
    ticket = fire(ticket, { type: 'sign' }, handler, new Date(dispatchedAt.getTime() + 3_600_000))
    if (stage === 'signed') return ticket
    return fire(
      ticket,
      { type: 'reply', outcome: 'solved', text: '已协调解决，详见答复。', attachments: [] },
      handler,
      repliedAt!,
    )
  }

  async function scenario(open: number, due: number) {
    const dataDir = mkdtempSync(path.join(os.tmpdir(), 'hq-bench-scheduler-'))
    const cloud: LocalCloud = openLocalCloud({
      dataDir,
      manifest: manifestJson as unknown as DbManifest,
      functions: { scheduler: SCHEDULER },
      requireIndexes: true,
    })
    try {
      seedDemoData(cloud)
      cloud.store.clear('tickets')
      const enterprises = cloud.store.find('enterprises') as Enterprise[]
      const users = cloud.store.find('users').map((user: { _id: string }) => user._id)
      const next = random(20261124)
      // half of the accounts accepted one-time consents for every template
      const counts = Object.fromEntries(
        Object.keys(registry.templates).map((key) => [key, { oneTime: 9, longTerm: false }]),
      )
      cloud.store.insertMany(
        'consents',
        users.filter((_, i) => i % 2 === 0).map((openid: string) => ({ _id: openid, ...counts })),
      )

      // the open tickets whose dues are outside the window: one lifecycle-made ticket per state and category, copied
      const started = Date.now()
      const longAgo = workingDaysAgo(40)
      const bases = CATEGORIES.flatMap((category, i) =>
        (['submitted', 'dispatched', 'signed', 'replied'] as const).map((stage) =>
          ticketAt(
            i * 10 + ['submitted', 'dispatched', 'signed', 'replied'].indexOf(stage),
            enterprises[i],
            category,
            stage,
            longAgo,
            new Date(longAgo.getTime() + 5 * DAY),
          ),
        ),
      )
      const STAGE_WEIGHTS = [0.15, 0.2, 0.5, 0.15] // submitted, dispatched, signed, replied (accepted has no live due)
      const outside = () =>
        next() < 0.8
          ? new Date(window.to.getTime() + 3_600_000 + next() * 180 * DAY) // weeks or months ahead
          : new Date(window.from.getTime() - 3_600_000 - next() * 365 * DAY) // long overdue, past the catch-up window
      const notDue = open - due
      for (let start = 0; start < notDue; start += INSERT_CHUNK) {
        const chunk: Ticket[] = []
        for (let n = start; n < Math.min(notDue, start + INSERT_CHUNK); n++) {
          const pick = next()
          const stage =
            pick < STAGE_WEIGHTS[0] ? 0 : pick < STAGE_WEIGHTS[0] + STAGE_WEIGHTS[1] ? 1 : pick < 0.85 ? 2 : 3
          const base = bases[Math.floor(next() * CATEGORIES.length) * 4 + stage]
          const enterprise = enterprises[Math.floor(next() * enterprises.length)]
          const dues = {
            acceptDueAt: base.acceptDueAt && outside(),
            signDueAt: base.signDueAt && outside(),
            replyDueAt: base.replyDueAt && outside(),
            meetingDueAt: base.meetingDueAt && outside(),
            ratingDueAt: base.ratingDueAt && outside(),
            sendBackDueAt: base.sendBackDueAt && outside(),
          }
          chunk.push({
            ...base,
            _id: `O${String(n).padStart(7, '0')}`,
            no: `HQ-O-${n}`,
            enterpriseId: enterprise._id,
            enterpriseName: enterprise.name,
            enterpriseIsKey: enterprise.isKey,
            ...dues,
          })
        }
        cloud.store.insertMany('tickets', chunk)
      }

      // the due tickets, each made through the lifecycle so that the timer's events apply to them
      const dueTickets: Ticket[] = []
      for (let n = 0; n < due; n++) {
        const enterprise = enterprises[n % enterprises.length]
        const category = CATEGORIES[n % CATEGORIES.length]
        const kind = n % 10
        const id = 1_000_000 + n
        if (kind < 4)
          dueTickets.push(ticketAt(id, enterprise, category, 'signed', workingDaysAgo(4))) // reply due tomorrow: reminded
        else if (kind < 7)
          dueTickets.push(ticketAt(id, enterprise, category, 'signed', workingDaysAgo(7))) // reply 2 working days overdue: 督办
        else if (kind < 9)
          dueTickets.push(ticketAt(id, enterprise, category, 'replied', workingDaysAgo(10), workingDaysAgo(4))) // rating due tomorrow
        else dueTickets.push(ticketAt(id, enterprise, category, 'dispatched', workingDaysAgo(2))) // sign overdue: 督办
      }
      cloud.store.insertMany('tickets', dueTickets)
      const seededMs = Date.now() - started

      const samples: Array<{ trips: number; ms: number; report: any }> = []
      const log = console.log
      for (let i = 0; i < runs; i++) {
        console.log = () => undefined // the function's one line per run, for the cloud console
        try {
          const { result, dbRoundTrips, durationMs } = await cloud.runTimer('scheduler')
          samples.push({ trips: dbRoundTrips, ms: durationMs, report: result })
        } finally {
          console.log = log
        }
      }
      const [first, ...steady] = samples
      const r = first.report
      console.log(
        [
          `${String(open).padStart(7)} open ${String(due).padStart(4)} due`,
          `seeded in ${(seededMs / 1000).toFixed(1)} s`,
          `first run: ${first.trips} round trips, ${first.ms.toFixed(0)} ms ` +
            `(due tickets ${r.dueTickets}, events ${r.events.fired}/${r.events.planned}, reminders ${r.reminders.inserted}, ` +
            `moved ${r.swept.inserted}, sent ${r.delivery.sent}, no consent ${r.delivery.skippedNoConsent})`,
          `steady runs: ${median(steady.map((s) => s.trips))} round trips, ${median(steady.map((s) => s.ms)).toFixed(0)} ms (median of ${steady.length})`,
        ].join(' | '),
      )
      return { open, due, first, steady }
    } finally {
      cloud.close()
      rmSync(dataDir, { recursive: true, force: true })
    }
  }

  console.log(
    `scheduler runs at ${NOW.toISOString()} (Tue 10:00 Shanghai); due window ${window.from.toISOString()} … ${window.to.toISOString()}`,
  )
  const results = []
  for (const { open, due } of SCENARIOS) results.push(await scenario(open, due))
  const [big50, big500, small50] = results
  console.log(
    `round trips follow the due tickets: first run ${small50.first.trips} (10k/50) vs ${big50.first.trips} (100k/50) vs ${big500.first.trips} (100k/500); ` +
      `steady ${median(small50.steady.map((s) => s.trips))} / ${median(big50.steady.map((s) => s.trips))} / ${median(big500.steady.map((s) => s.trips))}`,
  )
}

main().then(
  () => process.exit(0),
  (err) => {
    console.error(err instanceof Error ? err.stack : err)
    process.exit(1)
  },
)
