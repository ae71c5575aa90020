/** aggregate() through the real SDK (contract items 53-55). */
import { useRunnerCloud } from './harness'

const env = useRunnerCloud()

beforeEach(() =>
  env.cloud.store.insertMany('tickets', [
    { _id: 'a', state: 'open', unit: 'hrss', hours: 3 },
    { _id: 'b', state: 'open', unit: 'education', hours: 5 },
    { _id: 'c', state: 'closed', unit: 'hrss', hours: 8 },
    { _id: 'd', state: 'closed', unit: 'hrss', hours: 1 },
  ]),
)

it('item 53: match/group/sort/project/skip/limit resolve a list', async () => {
  const res = await env.run(({ db }) => {
    const $ = db.command.aggregate
    return db
      .collection('tickets')
      .aggregate()
      .match({ hours: db.command.gte(2) })
      .group({ _id: '$unit', tickets: $.sum(1), hours: $.sum('$hours') })
      .sort({ hours: -1 })
      .project({ _id: 0, unit: '$_id', tickets: 1, hours: 1 })
      .skip(0)
      .limit(10)
      .end()
  })
  expect(res).toEqual({
    list: [
      { unit: 'hrss', tickets: 2, hours: 11 },
      { unit: 'education', tickets: 1, hours: 5 },
    ],
    errMsg: 'collection.aggregate:ok',
  })
})

it('item 53: count stage', async () => {
  const res = await env.run(({ db }) =>
    db.collection('tickets').aggregate().match({ state: 'closed' }).count('closed').end(),
  )
  expect(res).toEqual({ list: [{ closed: 2 }], errMsg: 'collection.aggregate:ok' })
})

it('item 54: without a $limit stage at most 20 results come back [UNC]', async () => {
  env.cloud.store.insertMany(
    'users',
    Array.from({ length: 30 }, (_, i) => ({ i })),
  )
  const res = await env.run(({ db }) => db.collection('users').aggregate().sort({ i: 1 }).end())
  expect(res.list).toHaveLength(20)
})

it('lookup joins another collection of the manifest', async () => {
  env.cloud.store.insertMany('users', [{ _id: 'u1', unit: 'education', name: '王老师' }])
  const res = await env.run(({ db }) =>
    db
      .collection('tickets')
      .aggregate()
      .match({ _id: 'b' })
      .lookup({ from: 'users', localField: 'unit', foreignField: 'unit', as: 'handlers' })
      .project({ _id: 0, handlers: '$handlers.name' })
      .limit(1)
      .end(),
  )
  expect(res.list).toEqual([{ handlers: ['王老师'] }])
})

it('item 55: an unsupported stage throws a TypeError synchronously, in the SDK', async () => {
  const outcome = await env.run(({ db }) => {
    try {
      ;(db.collection('tickets').aggregate() as unknown as { facet(stage: object): unknown }).facet({})
      return 'no error'
    } catch (error) {
      return `${(error as Error).name}: ${(error as Error).message}`
    }
  })
  expect(outcome).toBe('TypeError: this._aggregate[stage] is not a function')
})
