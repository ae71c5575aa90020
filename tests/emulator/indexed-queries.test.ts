/**
 * The SQLite indexes serve sorts, ranges and counts on indexed paths, so the local cloud scales as the real
 * one does (issue 8: a sorted page over 100,000 documents must not parse and sort them all), and the answers
 * stay exactly MongoDB's: items 9 (orderBy), 14 (count), 41 (comparisons within a type, a scalar matching an
 * array element), 45 and 52 (Dates compare as dates). mingo over every document is the reference.
 */
import { find as mingoFind } from 'mingo'
import { DocumentStore } from '../../emulator/database/document-store'
import { DatabaseServer } from '../../emulator/database/server'
import { WireCodec } from '../../emulator/database/wire'
import { installSeam } from '../../emulator/sdk-seam'
import { promised, TEST_MANIFEST, useRunnerCloud, type Command } from './harness'

/** The MongoDB operators the SDK's commands stand for, to run the same conditions through mingo. */
const REFERENCE_COMMAND = {
  in: (values: unknown[]) => ({ $in: values }),
  gte: (value: unknown) => ({ $gte: value }),
  gt: (value: unknown) => ({ $gt: value }),
  neq: (value: unknown) => ({ $ne: value }),
} as unknown as Command

const DAY = 24 * 60 * 60 * 1000
const at = (day: number) => new Date(Date.UTC(2024, 0, 1) + day * DAY)

/** replyDueAt (indexed with state) holding every type MongoDB orders: the sort must follow BSON order. */
const MIXED = [
  { _id: 'date-3', state: 'open', replyDueAt: at(3) },
  { _id: 'missing', state: 'open' },
  { _id: 'number-7', state: 'open', replyDueAt: 7 },
  { _id: 'date-1', state: 'open', replyDueAt: at(1) },
  { _id: 'null', state: 'open', replyDueAt: null },
  { _id: 'string-b', state: 'open', replyDueAt: 'b' },
  { _id: 'true', state: 'open', replyDueAt: true },
  { _id: 'number-2.5', state: 'open', replyDueAt: 2.5 },
  { _id: 'string-A', state: 'open', replyDueAt: 'A' },
  { _id: 'false', state: 'open', replyDueAt: false },
  { _id: 'date-1-again', state: 'open', replyDueAt: at(1) },
  { _id: 'closed-date-0', state: 'closed', replyDueAt: at(0) },
]

describe('through the SDK, the same answers as MongoDB semantics over every document', () => {
  const env = useRunnerCloud()

  const reference = (filter: object, sort: Record<string, 1 | -1>) =>
    mingoFind(env.cloud.store.find('tickets'), filter, {})
      .sort(sort)
      .all()
      .map((doc) => doc._id)

  it.each([
    ['asc', 1],
    ['desc', -1],
  ] as const)(
    'item 9: orderBy %s on an indexed path across types (null/missing < numbers < strings < booleans < Dates)',
    async (direction, sign) => {
      env.cloud.store.insertMany('tickets', MIXED)
      const res = await env.run(({ db }) =>
        db.collection('tickets').where({ state: 'open' }).orderBy('replyDueAt', direction).get(),
      )
      expect(res.data.map((doc) => doc._id)).toEqual(reference({ state: 'open' }, { replyDueAt: sign }))
    },
  )

  it('items 41, 45: a Date range matches Dates only, and pages by a cursor in order', async () => {
    env.cloud.store.insertMany('tickets', MIXED)
    const page = (before: Date) =>
      env.run(({ db, _ }) =>
        db
          .collection('tickets')
          .where({ state: 'open', replyDueAt: _.lt(before) })
          .orderBy('replyDueAt', 'desc')
          .limit(2)
          .get(),
      )
    const first = await page(at(10))
    expect(first.data.map((doc) => doc._id)).toEqual(['date-3', 'date-1'])
    const second = await page(first.data[1].replyDueAt as Date)
    expect(second.data.map((doc) => doc._id)).toEqual([])
    expect(first.data[0].replyDueAt).toEqual(at(3)) // read back as a Date (item 52)
  })

  it('a sort on a path holding a sub-document or an array anywhere is still exact (mingo orders those)', async () => {
    env.cloud.store.insertMany('tickets', [
      ...MIXED,
      { _id: 'object', state: 'open', replyDueAt: { x: 1 } },
      { _id: 'array', state: 'open', replyDueAt: [9, 0.5] },
    ])
    for (const [direction, sign] of [
      ['asc', 1],
      ['desc', -1],
    ] as const) {
      const res = await env.run(({ db }) =>
        db.collection('tickets').where({ state: 'open' }).orderBy('replyDueAt', direction).get(),
      )
      expect(res.data.map((doc) => doc._id)).toEqual(reference({ state: 'open' }, { replyDueAt: sign }))
    }
  })

  it('item 14: count on indexed equality and range equals the matches, arrays (multikey) included', async () => {
    env.cloud.store.insertMany('tickets', [
      ...MIXED,
      { _id: 'units-1', state: 'open', units: ['hrss', 'education'] },
      { _id: 'units-2', state: 'closed', units: 'hrss' },
    ])
    const wheres = (_: Command) => [
      { state: 'open' },
      { state: _.in(['open', 'closed']) },
      { state: 'open', replyDueAt: _.gte(at(1)) },
      { state: 'open', replyDueAt: _.gt(2) },
      { replyDueAt: _.gt(false) },
      { units: 'hrss' },
      { state: 'open', replyDueAt: _.neq(7) },
    ]
    const res = await env.run(async ({ db, _ }) => {
      const totals: number[] = []
      for (const where of wheres(_)) totals.push((await promised(db.collection('tickets').where(where).count())).total)
      return totals
    })
    const all = env.cloud.store.find('tickets')
    const expected = wheres(REFERENCE_COMMAND).map((where) => mingoFind(all, where).all().length)
    expect(res).toEqual(expected)
    expect(expected).toEqual([12, 14, 3, 2, 1, 2, 11])
  })
})

describe('the index does the work (documents parsed, not time: no timings in tests)', () => {
  let store: DocumentStore
  beforeEach(() => {
    store = new DocumentStore(':memory:', TEST_MANIFEST)
    store.atomically(() => {
      for (let i = 0; i < 2000; i++) {
        store.insert('tickets', { _id: `t${i}`, state: i % 2 ? 'open' : 'closed', replyDueAt: at(i), units: ['u'] })
      }
    })
  })
  afterEach(() => store.close())

  it('a sorted page on an indexed key reads about one page of documents, at any depth of the cursor', () => {
    const before = store.documentsRead
    const page = store.find(
      'tickets',
      { state: 'open', replyDueAt: { $lt: at(1001) } },
      { sort: { replyDueAt: -1 }, limit: 20 },
    )
    expect(page.map((doc) => doc._id)).toEqual(Array.from({ length: 20 }, (_, i) => `t${999 - 2 * i}`))
    expect(store.documentsRead - before).toBe(20)
  })

  it('a count on indexed equality and range parses no document', () => {
    const before = store.documentsRead
    expect(store.count('tickets', { state: 'open', replyDueAt: { $gte: at(1000) } })).toBe(500)
    expect(store.documentsRead).toBe(before)
  })

  it('a count on a multikey path, or with a condition the index cannot hold, reads the documents instead', () => {
    expect(store.count('tickets', { units: 'u' })).toBe(2000)
    expect(store.count('tickets', { state: 'open', title: { $exists: false } })).toBe(1000)
    expect(store.documentsRead).toBe(2000 + 1000)
  })

  it('an aggregate starting with $sort + $limit reads one page through the index (no leading $match needed)', () => {
    const { bson } = installSeam()
    const server = new DatabaseServer(store, new WireCodec(bson, () => new Date()))
    const ejson = (value: unknown) => bson.EJSON.stringify(value, { relaxed: false })
    const before = store.documentsRead
    const body = server.handle({
      action: 'database.aggregateDocuments',
      collectionName: 'tickets',
      stages: [
        { stageKey: '$sort', stageValue: ejson({ replyDueAt: -1 }) },
        { stageKey: '$limit', stageValue: ejson(3) },
        { stageKey: '$project', stageValue: ejson({ _id: 1 }) },
      ],
    }) as { data: { list: string[] } }
    expect(body.data.list.map((text) => (bson.EJSON.parse(text) as { _id: string })._id)).toEqual([
      't1999',
      't1998',
      't1997',
    ])
    expect(store.documentsRead - before).toBe(3)
  })
})
