/**
 * An aggregation whose first stages name the fields it reads gets only those fields from the store
 * (emulator/database/fields.ts: SQLite cuts them from each document's JSON). The answers must be exactly
 * those of mingo over the whole documents: random documents holding every JSON type (true/false, reals,
 * Dates, null, missing, sub-documents, arrays), random pipelines, the plain run as reference.
 */
import { DocumentStore } from '../../emulator/database/document-store'
import { fieldsRead } from '../../emulator/database/fields'
import { runPipeline } from '../../emulator/database/pipeline'
import { DatabaseServer } from '../../emulator/database/server'
import { WireCodec } from '../../emulator/database/wire'
import { installSeam } from '../../emulator/sdk-seam'
import { TEST_MANIFEST } from './harness'

/** A small seeded generator, so that a failure can be replayed. */
function random(seed: number): () => number {
  let state = seed >>> 0
  return () => {
    state = (state * 1664525 + 1013904223) >>> 0
    return state / 2 ** 32
  }
}

const DAY = 24 * 60 * 60 * 1000

function randomDocs(next: () => number, count: number): Array<Record<string, unknown>> {
  const pick = <T>(values: readonly T[]): T => values[Math.floor(next() * values.length)]
  const scalar = () =>
    pick([
      () => pick(['open', 'closed', 'replied', '']),
      () => Math.floor(next() * 10),
      () => next() * 1e6 - 5e5,
      () => 0.1 + 0.2,
      () => next() < 0.5,
      () => null,
      () => new Date(Date.UTC(2024, 0, 1) + Math.floor(next() * 400) * DAY),
    ])()
  return Array.from({ length: count }, (_, i) => {
    const doc: Record<string, unknown> = { _id: `d${i}` }
    if (next() < 0.9) doc.state = pick(['open', 'closed', 'replied'])
    if (next() < 0.8) doc.replyDueAt = new Date(Date.UTC(2024, 0, 1) + Math.floor(next() * 400) * DAY)
    if (next() < 0.7)
      doc.units = Array.from({ length: Math.floor(next() * 3) }, () => pick(['hrss', 'education', 'tax']))
    if (next() < 0.7) doc.reply = next() < 0.2 ? null : { at: scalar(), text: 'ok', flags: [scalar(), scalar()] }
    if (next() < 0.6) doc.flag = next() < 0.5
    if (next() < 0.6) doc.amount = scalar()
    if (next() < 0.5) doc.parentId = next() < 0.5 ? null : `d${Math.floor(next() * count)}`
    // a large field no pipeline below reads: what the fast path leaves in the database
    doc.timeline = Array.from({ length: 5 }, (_, k) => ({ at: new Date(k * DAY), note: '记录'.repeat(k) }))
    return doc
  })
}

const isSet = (field: string) => ({ $ne: [{ $ifNull: [field, null] }, null] })

/** Pipelines shaped like the city summary's, and others the fast path must answer the same. */
function randomPipeline(next: () => number): Array<Record<string, unknown>> {
  const pick = <T>(values: readonly T[]): T => values[Math.floor(next() * values.length)]
  const from = new Date(Date.UTC(2024, 0, 1) + Math.floor(next() * 200) * DAY)
  const match = pick([
    { replyDueAt: { $gte: from } },
    { state: pick(['open', 'closed']), replyDueAt: { $lt: from } },
    { $or: [{ flag: true }, { 'reply.at': { $exists: true } }] },
    { amount: { $gt: 3 } },
    {},
  ])
  const flags = {
    topLevel: { $cond: [{ $eq: [{ $ifNull: ['$parentId', null] }, null] }, 1, 0] },
    replied: { $cond: [{ $and: [isSet('$reply'), isSet('$replyDueAt')] }, 1, 0] },
    onTime: { $cond: [{ $lte: ['$reply.at', '$replyDueAt'] }, 1, 0] },
    flagged: { $cond: ['$flag', 1, 0] },
    amount: '$amount',
  }
  const tags = [
    { d: 'all', k: '' },
    { d: 'state', k: '$state' },
    { d: 'unit', k: { $ifNull: [{ $arrayElemAt: ['$units', 0] }, ''] } },
    { d: 'flag', k: '$flag' },
  ]
  const summary = [
    { $project: { _id: 0, ...flags, tags } },
    { $unwind: '$tags' },
    {
      $group: {
        _id: { d: '$tags.d', k: '$tags.k' },
        topLevel: { $sum: '$topLevel' },
        replied: { $sum: '$replied' },
        onTime: { $sum: '$onTime' },
        flagged: { $sum: '$flagged' },
        amount: { $sum: '$amount' },
      },
    },
  ]
  const rest = pick([
    summary,
    [{ $group: { _id: '$state', n: { $sum: 1 }, at: { $max: '$reply.at' }, units: { $push: '$units' } } }],
    [{ $group: { _id: null, docs: { $push: '$$ROOT' } } }],
    [{ $project: { state: 1, 'reply.at': 1, flag: 1 } }],
    [{ $project: { _id: 0, timeline: 0 } }],
    [{ $project: { 'reply.text': 0 } }],
    [{ $project: { whole: '$$ROOT', s: '$state' } }],
    [{ $project: { _id: 1, reply: { at: 1 }, late: { $gt: ['$reply.at', '$replyDueAt'] } } }],
    [{ $sort: { amount: 1, _id: 1 } }, { $project: { amount: 1 } }],
    [{ $addFields: { n: 1 } }],
  ])
  return [...(Object.keys(match).length || next() < 0.5 ? [{ $match: match }] : []), ...rest, { $limit: 1000 }]
}

/** Groups come out in the order of their first document, which both runs share; sort anyway for the diff. */
const sorted = (list: unknown[]) => list.map((doc) => JSON.stringify(doc)).sort()

describe('an aggregation reads only the fields it names, with the same answers', () => {
  const { bson } = installSeam()
  const ejson = (value: unknown) => bson.EJSON.stringify(value, { relaxed: false })

  it.each(Array.from({ length: 30 }, (_, i) => i + 1))('random documents and pipeline, seed %i', (seed) => {
    const next = random(seed)
    const store = new DocumentStore(':memory:', TEST_MANIFEST)
    try {
      const server = new DatabaseServer(store, new WireCodec(bson, () => new Date()))
      store.atomically(() => randomDocs(next, 300).forEach((doc) => store.insert('tickets', doc as never)))
      const pipeline = randomPipeline(next)
      const body = server.handle({
        action: 'database.aggregateDocuments',
        collectionName: 'tickets',
        stages: pipeline.map((stage) => {
          const [[stageKey, stageValue]] = Object.entries(stage)
          return { stageKey, stageValue: ejson(stageValue) }
        }),
      }) as { data: { list: string[] } }
      const fast = body.data.list.map((text) => bson.EJSON.parse(text, { relaxed: false }))
      const reference = runPipeline(store.find('tickets', {}), pipeline, { scriptEnabled: false }).map((doc) =>
        bson.EJSON.parse(ejson(doc), { relaxed: false }),
      )
      expect(sorted(fast)).toEqual(sorted(reference))
      expect(fast.length).toBe(reference.length)
    } finally {
      store.close()
    }
  })
})

describe('which fields a pipeline reads', () => {
  it("the summary's shape: the filter's fields, and those its $project names", () => {
    const rest = [
      { $project: { _id: 0, open: { $cond: [{ $in: ['$state', ['open']] }, 1, 0] }, tags: [{ k: '$units' }] } },
      { $unwind: '$tags' },
      { $group: { _id: '$tags.k', open: { $sum: '$open' } } },
    ]
    expect(fieldsRead({ createdAt: { $gte: new Date(0) } }, undefined, rest)?.sort()).toEqual(
      ['_id', 'createdAt', 'state', 'units'].sort(),
    )
  })

  it.each([
    ['an exclusion $project', { $project: { timeline: 0 } }],
    ['$$ROOT', { $group: { _id: null, docs: { $push: '$$ROOT' } } }],
    ['$$CURRENT.path', { $project: { s: '$$CURRENT.state' } }],
    ['$getField', { $project: { s: { $getField: 'state' } } }],
    ['a stage that keeps the documents', { $addFields: { n: 1 } }],
  ])('none (the whole document) for %s', (_, stage) => {
    expect(fieldsRead({}, undefined, [stage])).toBeUndefined()
  })

  it('none for a filter with $expr', () => {
    expect(fieldsRead({ $expr: { $gt: ['$a', '$b'] } }, undefined, [{ $project: { a: 1 } }])).toBeUndefined()
  })

  it("keeps a variable's path apart from $$ROOT", () => {
    const stage = { $project: { xs: { $map: { input: '$units', as: 'ROOTS', in: '$$ROOTS.name' } } } }
    expect(fieldsRead({}, { amount: 1 }, [stage])?.sort()).toEqual(['_id', 'amount', 'units'])
  })
})
