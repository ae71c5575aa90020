/**
 * Database round trips of every user action, counted by the local cloud (issue 3 budget: ≤ 3 for any
 * transition), over the demo directory, with `requireIndexes` on so every query also proves its index.
 *
 *   npm run --silent bench:actions [loops=10]
 *
 * Runs the whole loop (submit → accept → dispatch → sign → reply → rate) `loops` times plus the reads,
 * prints per action the median and maximum round trips and the median wall time, and exits 1 if any
 * transition took more than 3 round trips.
 */
import path from 'node:path'
import { IN_MEMORY, openLocalCloud, type DbManifest } from '../emulator'
import { seedDemoData } from '../emulator/project'
import manifestJson from '../cloudfunctions/db-manifest.json'

const TRANSITION_BUDGET = 3
const CONTACT = 'demo-ent-liquan'
const DISPATCHER = 'demo-dispatcher'
const HRSS = 'demo-handler-hrss'

type Envelope =
  | { ok: true; data: { _id: string; version: number } & Record<string, unknown> }
  | { ok: false; error: { code: string; message: string } }

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b)
  return sorted[Math.floor(sorted.length / 2)]
}

async function main(): Promise<number> {
  const loops = Number(process.argv[2] ?? 10)
  const cloud = openLocalCloud({
    dataDir: IN_MEMORY,
    manifest: manifestJson as unknown as DbManifest,
    functions: { api: path.join(__dirname, '..', 'cloudfunctions', 'api', 'index.ts') },
    requireIndexes: true,
  })
  seedDemoData(cloud)
  const samples = new Map<string, { trips: number[]; ms: number[]; transition: boolean }>()

  async function call(
    openid: string,
    label: string,
    action: string,
    payload: object,
    extra: object = {},
    transition = false,
  ) {
    const { result, dbRoundTrips, durationMs } = await cloud.invoke('api', { action, payload, ...extra }, { openid })
    const envelope = result as Envelope
    if (!envelope.ok) throw new Error(`${label}: ${envelope.error.code} ${envelope.error.message}`)
    const sample = samples.get(label) ?? { trips: [], ms: [], transition }
    sample.trips.push(dbRoundTrips)
    sample.ms.push(durationMs)
    samples.set(label, sample)
    return envelope.data
  }
  const act = (openid: string, t: { _id: string; version: number }, event: object) =>
    call(
      openid,
      `ticket.act ${(event as { type: string }).type}`,
      'ticket.act',
      { ticketId: t._id, version: t.version, event },
      {},
      true,
    )

  for (let i = 0; i < loops; i++) {
    let t = await call(
      CONTACT,
      'ticket.submit',
      'ticket.submit',
      { category: 'labor', title: `招工难 ${i}`, description: '缺技术工人', urgency: 'normal' },
      { requestId: `bench-request-${i}` },
    )
    await call(CONTACT, 'ticket.listMine', 'ticket.listMine', {})
    await call(DISPATCHER, 'ticket.queue', 'ticket.queue', { tab: 'new' })
    t = await act(DISPATCHER, t, { type: 'accept' })
    t = await act(DISPATCHER, t, { type: 'dispatch' })
    await call(HRSS, 'ticket.inbox', 'ticket.inbox', { tab: 'toSign' })
    await call(HRSS, 'ticket.get', 'ticket.get', { ticketId: t._id })
    t = await act(HRSS, t, { type: 'sign' })
    t = await act(HRSS, t, { type: 'reply', outcome: 'solved', text: '已组织专场招聘会' })
    t = await act(CONTACT, t, { type: 'rate', rating: 'satisfied' })
  }
  cloud.close()

  let over = 0
  console.log(
    `database round trips per action (local cloud, ${loops} loops over the demo directory, every query indexed)`,
  )
  console.log('action'.padEnd(24) + 'median  max  budget  median ms')
  for (const [label, s] of samples) {
    const max = Math.max(...s.trips)
    const budget = s.transition ? String(TRANSITION_BUDGET) : '-'
    if (s.transition && max > TRANSITION_BUDGET) over++
    console.log(
      `${label.padEnd(24)}${String(median(s.trips)).padStart(6)}${String(max).padStart(5)}${budget.padStart(8)}${median(s.ms).toFixed(1).padStart(11)}`,
    )
  }
  console.log(over === 0 ? 'every transition within budget' : `${over} transition(s) over budget`)
  return over === 0 ? 0 : 1
}

main().then(
  (code) => process.exit(code),
  (err) => {
    console.error(err instanceof Error ? err.message : err)
    process.exit(1)
  },
)
