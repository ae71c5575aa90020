/**
 * The local cloud's database at the scale of a city's tickets: 100,000 ticket-like documents in an in-memory
 * store with the project's manifest indexes, queried through the database server exactly as the SDK sends
 * requests (EJSON in, EJSON out). Wall times only, printed, never asserted (timings belong in no test).
 *
 *   npm run --silent bench:store [documents=100000]
 *
 * Prints the median of 5 runs of: the first page and the 10th cursor page of a paged, sorted query
 * (`where({createdAt: _.lt(cursor)}).orderBy('createdAt','desc').limit(20)`), an indexed count,
 * an aggregate `$match` + `$group`, and an aggregate without a leading `$match`.
 *
 * Measured on the shared dev machine (2 cores, load 18-22, so ±2x): before the indexes served sorts and
 * counts, a sorted page took 2.2-13 s at any cursor depth, the count 0.24-1.4 s, `$sort`+`$limit` 4.6-12 s;
 * after, each 1-2 ms. `$match`+`$group` reads the 12,500 matches either way (0.6-2.8 s).
 */
import { performance } from 'node:perf_hooks'
import manifestJson from '../cloudfunctions/db-manifest.json'
import { DocumentStore } from '../emulator/database/document-store'
import { DatabaseServer, type DbRequest } from '../emulator/database/server'
import { WireCodec } from '../emulator/database/wire'
import { installSeam } from '../emulator/sdk-seam'
import type { DbManifest } from '../emulator'

const RUNS = 5
const PAGE = 20
const STATES = ['submitted', 'accepted', 'dispatched', 'signed', 'replied', 'closed', 'rejected', 'withdrawn']
const CATEGORIES = ['financing', 'land', 'approval', 'factors', 'labor', 'infrastructure', 'schooling', 'policy']
const UNITS = ['finance-office', 'natural-resources', 'approval-bureau', 'industry-it', 'hrss', 'education']
const START = Date.UTC(2024, 0, 1)
const MINUTE = 60_000

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b)
  return sorted[Math.floor(sorted.length / 2)]
}

function ticket(i: number) {
  const createdAt = new Date(START + i * 7 * MINUTE)
  return {
    _id: `t${String(i).padStart(8, '0')}`,
    no: `HQT-${i}`,
    enterpriseId: `ent-${i % 500}`,
    state: STATES[i % STATES.length],
    category: CATEGORIES[(i * 7) % CATEGORIES.length],
    units: [UNITS[i % UNITS.length], ...(i % 5 === 0 ? [UNITS[(i + 1) % UNITS.length]] : [])],
    createdAt,
    replyDueAt: new Date(createdAt.getTime() + 5 * 24 * 60 * MINUTE),
    title: `企业诉求 ${i}：用电报装进度咨询`,
    description: '企业反映新建厂房用电报装进度缓慢，影响投产计划，请协调供电部门加快办理。'.repeat(8),
    version: 3,
    timeline: [
      { type: 'submit', at: createdAt, actorId: `o-${i % 500}`, role: 'enterprise' },
      { type: 'accept', at: new Date(createdAt.getTime() + 60 * MINUTE), actorId: 'o-dispatcher', role: 'dispatcher' },
    ],
  }
}

function timed<T>(work: () => T): { ms: number; value: T } {
  const started = performance.now()
  const value = work()
  return { ms: performance.now() - started, value }
}

function main(): void {
  const count = Number(process.argv[2] ?? 100_000)
  const { bson } = installSeam()
  const wire = new WireCodec(bson, () => new Date())
  const store = new DocumentStore(':memory:', manifestJson as unknown as DbManifest)
  const server = new DatabaseServer(store, wire)
  const ejson = (value: unknown) => bson.EJSON.stringify(value, { relaxed: false })
  const send = (request: DbRequest) => {
    const body = server.handle(request) as { data?: { list?: string[]; total?: number }; code?: string }
    if (body.code) throw new Error(`${request.action}: ${JSON.stringify(body)}`)
    return body.data ?? {}
  }

  const inserted = timed(() =>
    store.atomically(() => {
      for (let i = 0; i < count; i++) store.insert('tickets', ticket(i))
    }),
  )
  console.log(`inserted ${count} tickets in ${inserted.ms.toFixed(0)} ms`)

  /** One page of the sorted, cursor-paged list: created before `before`, newest first. */
  const page = (before: Date) =>
    send({
      action: 'database.getDocument',
      collectionName: 'tickets',
      queryType: 'WHERE',
      query: ejson({ createdAt: { $lt: before } }),
      order: ejson({ createdAt: -1 }),
      limit: PAGE,
    }).list ?? []
  const lastCreatedAt = (list: string[]) =>
    (bson.EJSON.parse(list[list.length - 1], { relaxed: true }) as { createdAt: Date }).createdAt
  const afterAll = new Date(START + count * 7 * MINUTE)

  let tenthCursor = afterAll
  for (let i = 0; i < 9; i++) tenthCursor = lastCreatedAt(page(tenthCursor))

  const rows: Array<[string, () => unknown]> = [
    ['first page (createdAt < now, desc, 20)', () => page(afterAll)],
    ['10th cursor page', () => page(tenthCursor)],
    [
      "count where state = 'dispatched'",
      () =>
        send({
          action: 'database.calculateDocument',
          collectionName: 'tickets',
          queryType: 'WHERE',
          query: ejson({ state: 'dispatched' }),
        }).total,
    ],
    [
      "aggregate $match state = 'closed' + $group by category",
      () =>
        send({
          action: 'database.aggregateDocuments',
          collectionName: 'tickets',
          stages: [
            { stageKey: '$match', stageValue: ejson({ state: 'closed' }) },
            { stageKey: '$group', stageValue: ejson({ _id: '$category', n: { $sum: 1 } }) },
            { stageKey: '$limit', stageValue: ejson(100) },
          ],
        }).list,
    ],
    [
      'aggregate $sort createdAt desc + $limit 20 (no $match)',
      () =>
        send({
          action: 'database.aggregateDocuments',
          collectionName: 'tickets',
          stages: [
            { stageKey: '$sort', stageValue: ejson({ createdAt: -1 }) },
            { stageKey: '$limit', stageValue: ejson(PAGE) },
          ],
        }).list,
    ],
  ]
  for (const [label, work] of rows) {
    const samples = Array.from({ length: RUNS }, () => timed(work).ms)
    console.log(`${label.padEnd(56)} median ${median(samples).toFixed(1).padStart(8)} ms`)
  }
  store.close()
}

main()
