/**
 * The `export` function over 10,000 tickets in the local cloud (issue 10 item 5: "10,000 tickets in a few
 * seconds, streaming"): wall time, database round trips, file size, and the process's peak RSS.
 *
 *   npm run --silent bench:export [tickets=10000]
 *
 * The demo directory and year, then copies of the demo tickets with new ids and creation times up to the
 * count; export.tickets with no filter (every ticket), then the year's report.
 */
import path from 'node:path'
import { IN_MEMORY, openLocalCloud, type DbManifest } from '../emulator'
import { seedDemoData } from '../emulator/project'
import { COLLECTIONS } from '../cloudfunctions/shared/collections'
import manifestJson from '../cloudfunctions/db-manifest.json'

const DISPATCHER = 'demo-dispatcher'

async function main(): Promise<void> {
  const count = Number(process.argv[2] ?? 10_000)
  const cloud = openLocalCloud({
    dataDir: IN_MEMORY,
    manifest: manifestJson as unknown as DbManifest,
    functions: { export: path.join(__dirname, '..', 'cloudfunctions', 'export', 'index.ts') },
    requireIndexes: true,
  })
  seedDemoData(cloud)
  const demo = cloud.store.find(COLLECTIONS.tickets) as Array<Record<string, unknown> & { createdAt: Date }>
  const start = Date.parse('2026-01-01T00:00:00Z')
  const copies = Array.from({ length: Math.max(0, count - demo.length) }, (_, i) => {
    const { _id: _ignored, ...ticket } = demo[i % demo.length]
    return {
      ...ticket,
      _id: `BENCH${String(i).padStart(8, '0')}`,
      no: `HQ20260101-${String(i).padStart(4, '0')}`,
      title: i % 50 === 0 ? `=HYPERLINK("x") ${String(ticket.title)}` : ticket.title,
      createdAt: new Date(start + i * 60_000),
    }
  })
  cloud.store.insertMany(COLLECTIONS.tickets, copies)
  const total = cloud.store.count(COLLECTIONS.tickets)

  // a first call loads the function (its cold start is the require, measured separately)
  await cloud.invoke(
    'export',
    { action: 'export.monthlyReport', payload: { month: '2021-01' } },
    { openid: DISPATCHER },
  )
  for (const [label, action, payload] of [
    ['export.tickets (all)', 'export.tickets', {}],
    ['export.monthlyReport (2021)', 'export.monthlyReport', { year: '2021' }],
  ] as const) {
    const { result, dbRoundTrips, durationMs } = await cloud.invoke(
      'export',
      { action, payload },
      { openid: DISPATCHER },
    )
    const envelope = result as { ok: boolean; data?: { rows: number; bytes: number }; error?: { message: string } }
    if (!envelope.ok) throw new Error(`${label}: ${envelope.error?.message}`)
    console.log(
      `${label.padEnd(28)} tickets ${total}  rows ${envelope.data!.rows}  ${Math.round(durationMs)} ms  ` +
        `${dbRoundTrips} round trips  ${(envelope.data!.bytes / 1024).toFixed(0)} KiB`,
    )
  }
  console.log(`peak RSS ${(process.resourceUsage().maxRSS / 1024).toFixed(0)} MiB`)
  cloud.close()
}

main().catch((err) => {
  console.error(err)
  process.exit(1)
})
