/**
 * stats.summary over a city's worth of tickets in the local cloud (issue 10 budget: ≤ 3 round trips,
 * the caller's record included, over any number of tickets). Printed, never asserted in a test.
 *
 *   npm run --silent bench:stats [tickets=100000] [runs=5]
 *
 * The demo year is seeded, then copied (new ids and numbers, same facts) until the store holds `tickets`
 * tickets; the summary is called `runs` times as the mayor, and the round trips and median wall time are
 * printed, with the seed's figures multiplied by the number of copies as a check that nothing was lost.
 * The old page-by-page design (102 round trips and 570 s over 100,000 tickets, issue 10) is not re-run.
 */
import path from 'node:path'
import { IN_MEMORY, openLocalCloud, type DbManifest } from '../emulator'
import { seedDemoData } from '../emulator/project'
import manifestJson from '../cloudfunctions/db-manifest.json'
import { COLLECTIONS } from '../cloudfunctions/shared/collections'

type Envelope = { ok: true; data: { figures: { collected: number; solved: number } } } | { ok: false; error: unknown }

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b)
  return sorted[Math.floor(sorted.length / 2)]
}

async function main(): Promise<number> {
  const wanted = Number(process.argv[2] ?? 100_000)
  const runs = Number(process.argv[3] ?? 5)
  const cloud = openLocalCloud({
    dataDir: IN_MEMORY,
    manifest: manifestJson as unknown as DbManifest,
    functions: { api: path.join(__dirname, '..', 'cloudfunctions', 'api', 'index.ts') },
    requireIndexes: true,
  })
  seedDemoData(cloud)
  const demo = cloud.store.find(COLLECTIONS.tickets) as Array<{ _id: string; no: string } & Record<string, unknown>>
  const seeding = Date.now()
  let copies = 1
  for (let copy = 1; cloud.store.count(COLLECTIONS.tickets) < wanted; copy++) {
    const room = wanted - cloud.store.count(COLLECTIONS.tickets)
    const batch = demo.slice(0, room).map((t) => ({ ...t, _id: `${t._id}-c${copy}`, no: `${t.no}-c${copy}` }))
    cloud.store.insertMany(COLLECTIONS.tickets, batch)
    if (batch.length === demo.length) copies += 1
  }
  const total = cloud.store.count(COLLECTIONS.tickets)
  console.log(`seeded ${total} tickets (${copies} whole copies of the demo year) in ${Date.now() - seeding} ms`)

  const trips: number[] = []
  const ms: number[] = []
  let figures = { collected: 0, solved: 0 }
  for (let i = 0; i < runs; i++) {
    const { result, dbRoundTrips, durationMs } = await cloud.invoke(
      'api',
      { action: 'stats.summary', payload: { to: '2021-12-31T16:00:00.000Z' } },
      { openid: 'demo-leader-mayor' },
    )
    const envelope = result as Envelope
    if (!envelope.ok) throw new Error(`stats.summary failed: ${JSON.stringify(envelope.error)}`)
    figures = envelope.data.figures
    trips.push(dbRoundTrips)
    ms.push(durationMs)
  }
  cloud.close()
  console.log(`stats.summary over ${total} tickets, ${runs} runs (local cloud: SQLite + mingo)`)
  console.log(`  round trips: ${Math.max(...trips)} (budget 3, the caller's record included)`)
  console.log(
    `  median ms:   ${median(ms).toFixed(0)} (min ${Math.min(...ms).toFixed(0)}, max ${Math.max(...ms).toFixed(0)})`,
  )
  console.log(`  collected ${figures.collected}, solved ${figures.solved}`)
  console.log('  old page-by-page design (issue 10): 102 round trips, 570 s')
  return Math.max(...trips) <= 3 ? 0 : 1
}

main().then(
  (code) => process.exit(code),
  (err) => {
    console.error(err instanceof Error ? err.message : err)
    process.exit(1)
  },
)
