/**
 * Result and error shapes (contract items 1-5, 12): the SDK's wrapper is kept, so its prefixes and codes
 * appear exactly as against the cloud, and the local server's own failures arrive through it.
 */
import type { ScenarioArgs } from './fixtures/scenarios'
import { promised, useRunnerCloud } from './harness'

const env = useRunnerCloud()

describe('item 12: a collection missing from the manifest answers -502005', () => {
  it.each<[string, (args: ScenarioArgs) => unknown]>([
    ['collection.get', ({ db }) => db.collection('nope').get()],
    ['collection.count', ({ db }) => db.collection('nope').count()],
    ['collection.add', ({ db }) => db.collection('nope').add({ data: { a: 1 } })],
    [
      'collection.update',
      ({ db }) =>
        db
          .collection('nope')
          .where({ a: 1 })
          .update({ data: { a: 2 } }),
    ],
    ['collection.remove', ({ db }) => db.collection('nope').where({ a: 1 }).remove()],
    ['document.get', ({ db }) => db.collection('nope').doc('x').get()],
    [
      'document.set',
      ({ db }) =>
        db
          .collection('nope')
          .doc('x')
          .set({ data: { a: 1 } }),
    ],
    ['collection.aggregate', ({ db }) => db.collection('nope').aggregate().limit(1).end()],
  ])('%s', async (api, call) => {
    await expect(env.run(call)).rejects.toMatchObject({
      errCode: -502005,
      errMsg: expect.stringMatching(
        new RegExp(`^${api.replace('.', '\\.')}:fail -502005 database collection not exists\\. .*'nope'`),
      ),
    })
  })
})

describe('item 1: success results carry errMsg and no errCode or requestId', () => {
  it('get', async () => {
    const res = await env.run(({ db }) => db.collection('tickets').get())
    expect(res).toEqual({ data: [], errMsg: 'collection.get:ok' })
  })
})

describe('items 4-5: the wrapper and the query builder still refuse bad calls locally', () => {
  it('item 4: wrapper checks reject with errCode -1 and no api prefix', async () => {
    await expect(
      env.run(({ db }) =>
        db
          .collection('tickets')
          .where({})
          .update({ b: 1 } as never),
      ),
    ).rejects.toMatchObject({
      errCode: -1,
      errMsg: 'parameter should be object instead of undefined;',
    })
  })

  it('item 5: a wrongly built chain throws synchronously, before any request', async () => {
    const { outcome, dbRoundTrips } = await env.runMeasured(({ db }) => {
      try {
        db.collection('tickets').limit(1.5)
        return 'no error'
      } catch (error) {
        return (error as Error).message
      }
    })
    expect(outcome).toBe('limitmust be integer')
    expect(dbRoundTrips).toBe(0)
  })
})

describe('server-side refusals arrive with the SDK prefix', () => {
  it('an unknown query operator is DATABASE_REQUEST_FAILED (-502001)', async () => {
    await expect(
      env.run(({ db }) =>
        db
          .collection('tickets')
          .where({ a: { $nonsense: 1 } } as never)
          .get(),
      ),
    ).rejects.toMatchObject({ errCode: -502001, errMsg: expect.stringMatching(/^collection\.get:fail -502001 /) })
  })

  it('a value JSON cannot hold is refused rather than stored wrongly', async () => {
    await expect(env.run(({ db }) => db.collection('tickets').add({ data: { n: Infinity } }))).rejects.toMatchObject({
      errCode: -502001,
      errMsg: expect.stringContaining("cannot store Infinity at 'n'"),
    })
  })

  it('each request counts as one round trip, failed or not', async () => {
    const { dbRoundTrips } = await env.runMeasured(async ({ db }) => {
      await promised(db.collection('tickets').add({ data: { a: 1 } }))
      await promised(db.collection('nope').get()).catch(() => undefined)
      await promised(db.collection('tickets').count())
    })
    expect(dbRoundTrips).toBe(3)
  })
})
