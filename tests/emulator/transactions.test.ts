/** runTransaction and startTransaction through the real SDK (contract items 56-62). */
import { promised, useRunnerCloud } from './harness'

const env = useRunnerCloud()

beforeEach(() => env.cloud.store.insertMany('tickets', [{ _id: 'T', state: 'open', version: 1 }]))

/** The SDK's typings leave transactions untyped (`runTransaction(run: any)`): the part these tests use. */
interface Transaction {
  collection(name: string): {
    doc(id: string): {
      get(): Promise<{ data: Record<string, any> }>
      set(options: { data: object }): Promise<{ stats: { updated: number; created: number } }>
      update(options: { data: object }): Promise<unknown>
      remove(): Promise<unknown>
    }
    add(options: { data: object }): Promise<{ _id: string }>
    where(query: object): { get(): Promise<unknown>; update(options: { data: object }): Promise<unknown> }
  }
  commit(): Promise<unknown>
  rollback(reason?: unknown): Promise<unknown>
}

const stateOf = (id: string) => env.cloud.store.find('tickets', { _id: id })[0]?.state

it('item 56: runTransaction resolves the callback value and commits doc get/set/update and add', async () => {
  const res = await env.run(({ db }) =>
    db.runTransaction(async (t: Transaction) => {
      const { data } = await t.collection('tickets').doc('T').get()
      await t
        .collection('tickets')
        .doc('T')
        .update({ data: { state: 'signed', version: data.version + 1 } })
      await t
        .collection('tickets')
        .doc('S')
        .set({ data: { state: 'new' } })
      await t.collection('tickets').add({ data: { _id: 'A', state: 'added' } })
      return data.version
    }),
  )
  expect(res).toBe(1)
  expect(env.cloud.store.find('tickets')).toEqual([
    { _id: 'T', state: 'signed', version: 2 },
    { _id: 'S', state: 'new' },
    { _id: 'A', state: 'added' },
  ])
})

it('reads inside a transaction see its own writes, others see them only after commit', async () => {
  const res = await env.run(({ db }) =>
    db.runTransaction(async (t: Transaction) => {
      await t
        .collection('tickets')
        .doc('T')
        .update({ data: { state: 'signed' } })
      const inside = (await t.collection('tickets').doc('T').get()).data.state
      const outside = (await promised(db.collection('tickets').doc('T').get())).data.state
      return { inside, outside }
    }),
  )
  expect(res).toEqual({ inside: 'signed', outside: 'open' })
  expect(stateOf('T')).toBe('signed')
})

it('item 57: rollback(v) rejects with exactly v and undoes the writes', async () => {
  await expect(
    env.run(({ db }) =>
      db.runTransaction(async (t: Transaction) => {
        await t
          .collection('tickets')
          .doc('T')
          .update({ data: { state: 'signed' } })
        await t.rollback('bare reason')
      }),
    ),
  ).rejects.toBe('bare reason')
  expect(stateOf('T')).toBe('open')
})

it('item 58: a throw rejects with the thrown value and undoes the writes', async () => {
  const thrown = new Error('guard failed')
  await expect(
    env.run(({ db }) =>
      db.runTransaction(async (t: Transaction) => {
        await t.collection('tickets').doc('T').remove()
        throw thrown
      }),
    ),
  ).rejects.toBe(thrown)
  expect(stateOf('T')).toBe('open')
})

it('item 59: a write by another request to a document the transaction read makes it run again', async () => {
  let runs = 0
  const res = await env.run(({ db }) =>
    db.runTransaction(async (t: Transaction) => {
      runs += 1
      const { data } = await t.collection('tickets').doc('T').get()
      if (runs === 1)
        await db
          .collection('tickets')
          .doc('T')
          .update({ data: { version: 5 } }) // a concurrent writer
      await t
        .collection('tickets')
        .doc('T')
        .update({ data: { version: data.version + 1 } })
      return data.version
    }),
  )
  expect({ runs, res }).toEqual({ runs: 2, res: 5 })
  expect(env.cloud.store.find('tickets')[0].version).toBe(6)
})

it('item 59: a conflict on every run gives up after 4 runs with the raw conflict', async () => {
  let runs = 0
  await expect(
    env.run(({ db }) =>
      db.runTransaction(async (t: Transaction) => {
        runs += 1
        await t.collection('tickets').doc('T').get()
        await db
          .collection('tickets')
          .doc('T')
          .update({ data: { version: 100 + runs } })
      }),
    ),
  ).rejects.toEqual({
    code: 'DATABASE_TRANSACTION_CONFLICT',
    message: expect.any(String),
    requestId: expect.any(String),
  })
  expect(runs).toBe(4)
})

it('item 60: inside, a missing doc rejects, set reports created 0, add answers an _id', async () => {
  const res = await env.run(({ db }) =>
    db.runTransaction(async (t: Transaction) => {
      const missing = await t
        .collection('tickets')
        .doc('nope')
        .get()
        .catch((error: { errMsg: string }) => error.errMsg)
      const set = await t
        .collection('tickets')
        .doc('N')
        .set({ data: { state: 'new' } })
      const add = await t.collection('tickets').add({ data: { state: 'added' } })
      return { missing, set, add }
    }),
  )
  expect(res.missing).toBe('document.get:fail document with _id nope does not exist')
  expect(res.set.stats).toEqual({ updated: 0, created: 0 })
  expect(res.add).toEqual({ _id: expect.any(String), errMsg: 'collection.add:ok' })
  expect(stateOf('N')).toBe('new')
})

it('item 61: where().update inside a transaction runs outside it and is not rolled back', async () => {
  await expect(
    env.run(({ db }) =>
      db.runTransaction(async (t: Transaction) => {
        await t
          .collection('tickets')
          .where({ _id: 'T' })
          .update({ data: { state: 'outside' } })
        await t.rollback('undo')
      }),
    ),
  ).rejects.toBe('undo')
  expect(stateOf('T')).toBe('outside')
})

it('a where() read inside a transaction is refused (only doc(id) and add belong there)', async () => {
  await expect(
    env.run(({ db }) => db.runTransaction((t: Transaction) => t.collection('tickets').where({ state: 'open' }).get())),
  ).rejects.toMatchObject({ errCode: -501007, errMsg: expect.stringContaining('a transaction only takes doc(id)') })
})

it('item 62: startTransaction, then commit or rollback, resolve the raw {requestId}', async () => {
  const res = await env.run(async ({ db }) => {
    const committed: Transaction = await db.startTransaction()
    await committed
      .collection('tickets')
      .doc('T')
      .update({ data: { state: 'committed' } })
    const commit = await committed.commit()
    const rolledBack: Transaction = await db.startTransaction()
    await rolledBack
      .collection('tickets')
      .doc('T')
      .update({ data: { state: 'rolled back' } })
    const rollback = await rolledBack.rollback()
    return { commit, rollback }
  })
  expect(res).toEqual({ commit: { requestId: expect.any(String) }, rollback: { requestId: expect.any(String) } })
  expect(stateOf('T')).toBe('committed')
})
