/**
 * Writing through the real SDK: add, doc().set/update/remove, where().update/remove, update commands,
 * serverDate. Item numbers are those of /work/shared/wx-db-contract.md.
 */
import { promised, useRunnerCloud, type Command } from './harness'

const NOW = new Date('2024-06-01T08:00:00.000Z')
const env = useRunnerCloud({ now: () => NOW })

describe('add', () => {
  it('item 15: without an _id the server generates one', async () => {
    const res = await env.run(({ db }) => db.collection('tickets').add({ data: { state: 'open' } }))
    expect(res).toEqual({ _id: expect.stringMatching(/^[0-9a-f]{32}$/), errMsg: 'collection.add:ok' })
    expect(env.cloud.store.find('tickets')).toEqual([{ _id: res._id, state: 'open' }])
  })

  it('item 16: a given unused _id is kept', async () => {
    const res = await env.run(({ db }) => db.collection('tickets').add({ data: { _id: 'T-1', state: 'open' } }))
    expect(res).toEqual({ _id: 'T-1', errMsg: 'collection.add:ok' })
  })

  it('item 17: a duplicate _id is rejected with collection.add:fail', async () => {
    env.cloud.store.insertMany('tickets', [{ _id: 'T-1' }])
    await expect(env.run(({ db }) => db.collection('tickets').add({ data: { _id: 'T-1' } }))).rejects.toMatchObject({
      errCode: -502001,
      errMsg: expect.stringMatching(/^collection\.add:fail -502001 .*duplicate key/),
    })
  })

  it('item 18: a batch add answers _ids and inserts all', async () => {
    const res = await env.run(({ db }) => db.collection('tickets').add({ data: [{ n: 1 }, { _id: 'b', n: 2 }] }))
    expect(res).toEqual({ _ids: [expect.any(String), 'b'], errMsg: 'collection.add:ok' })
    expect(env.cloud.store.count('tickets')).toBe(2)
  })

  it('item 18 (atomic here): a batch with a duplicate inserts nothing [UNC]', async () => {
    env.cloud.store.insertMany('tickets', [{ _id: 'b' }])
    await expect(
      env.run(({ db }) => db.collection('tickets').add({ data: [{ _id: 'a' }, { _id: 'b' }] })),
    ).rejects.toMatchObject({
      errCode: -502001,
    })
    expect(env.cloud.store.count('tickets')).toBe(1)
  })

  it('item 19: add() without the data wrapper sends null, which is refused (-501007) [UNC]', async () => {
    await expect(env.run(({ db }) => db.collection('tickets').add({ state: 'open' } as never))).rejects.toMatchObject({
      errCode: -501007,
      errMsg: expect.stringMatching(/^collection\.add:fail -501007 invalid parameters\. /),
    })
    expect(env.cloud.store.count('tickets')).toBe(0)
  })

  it('item 21: a function adds no _openid', async () => {
    const { _id } = await env.run(({ db }) => db.collection('tickets').add({ data: { n: 1 } }))
    expect(env.cloud.store.find('tickets', { _id })[0]).not.toHaveProperty('_openid')
  })
})

describe('doc()', () => {
  beforeEach(() =>
    env.cloud.store.insertMany('tickets', [
      { _id: 'T-1', state: 'open', n: 1, contact: { name: '张三', phone: '139' } },
    ]),
  )

  it('item 29: get() of an existing id resolves its data', async () => {
    const res = await env.run(({ db }) => db.collection('tickets').doc('T-1').get())
    expect(res).toEqual({
      data: { _id: 'T-1', state: 'open', n: 1, contact: { name: '张三', phone: '139' } },
      errMsg: 'document.get:ok',
    })
  })

  it('item 30: get() of a missing id rejects with "document with _id … does not exist"', async () => {
    await expect(env.run(({ db }) => db.collection('tickets').doc('nope').get())).rejects.toMatchObject({
      errCode: -1,
      errMsg: 'document.get:fail document with _id nope does not exist',
    })
  })

  it('item 31: with throwOnNotFound:false a missing id resolves data null', async () => {
    const res = await env.run(({ cloud }) =>
      cloud
        .database({ throwOnNotFound: false } as never)
        .collection('tickets')
        .doc('nope')
        .get(),
    )
    expect(res).toEqual({ data: null, errMsg: 'document.get:ok' })
  })

  it('item 34: set() of a missing id creates it', async () => {
    const res = await env.run(({ db }) =>
      db
        .collection('tickets')
        .doc('T-2')
        .set({ data: { state: 'new' } }),
    )
    expect(res).toEqual({ _id: 'T-2', stats: { updated: 0, created: 1 }, errMsg: 'document.set:ok' })
    expect(env.cloud.store.find('tickets', { _id: 'T-2' })).toEqual([{ _id: 'T-2', state: 'new' }])
  })

  it('item 35: set() of an existing id replaces the whole document', async () => {
    const res = await env.run(({ db }) =>
      db
        .collection('tickets')
        .doc('T-1')
        .set({ data: { state: 'replaced' } }),
    )
    expect(res).toEqual({ _id: 'T-1', stats: { updated: 1, created: 0 }, errMsg: 'document.set:ok' })
    expect(env.cloud.store.find('tickets', { _id: 'T-1' })).toEqual([{ _id: 'T-1', state: 'replaced' }])
  })

  it('item 36: set() with an update command anywhere is rejected with -502001', async () => {
    await expect(
      env.run(({ db, _ }) =>
        db
          .collection('tickets')
          .doc('T-1')
          .set({ data: { nested: { n: _.inc(1) } } }),
      ),
    ).rejects.toMatchObject({
      errCode: -502001,
      errMsg: 'document.set:fail -502001 database request fail. update operator complicit',
    })
  })

  it('item 37: set({data:{}}) and doc("").set() are rejected', async () => {
    await expect(env.run(({ db }) => db.collection('tickets').doc('T-1').set({ data: {} }))).rejects.toMatchObject({
      errCode: -1,
      errMsg: 'options.data must not be empty',
    })
    await expect(
      env.run(({ db }) =>
        db
          .collection('tickets')
          .doc('')
          .set({ data: { a: 1 } }),
      ),
    ).rejects.toMatchObject({
      errMsg: 'document.set:fail -501007 invalid parameters. docId不能为空',
    })
  })

  it('item 38: update() changes only the given fields', async () => {
    const res = await env.run(({ db }) =>
      db
        .collection('tickets')
        .doc('T-1')
        .update({ data: { state: 'signed' } }),
    )
    expect(res).toEqual({ stats: { updated: 1 }, errMsg: 'document.update:ok' })
    expect(env.cloud.store.find('tickets')[0]).toMatchObject({ state: 'signed', n: 1 })
  })

  it('item 39: update() of a missing id updates nothing and creates nothing', async () => {
    const res = await env.run(({ db }) =>
      db
        .collection('tickets')
        .doc('nope')
        .update({ data: { state: 'x' } }),
    )
    expect(res).toEqual({ stats: { updated: 0 }, errMsg: 'document.update:ok' })
    expect(env.cloud.store.count('tickets')).toBe(1)
  })

  it('item 40: remove() answers removed 1, and 0 for a missing id', async () => {
    const res = await env.run(async ({ db }) => [
      await promised(db.collection('tickets').doc('T-1').remove()),
      await promised(db.collection('tickets').doc('T-1').remove()),
    ])
    expect(res).toEqual([
      { stats: { removed: 1 }, errMsg: 'document.remove:ok' },
      { stats: { removed: 0 }, errMsg: 'document.remove:ok' },
    ])
  })

  it('item 25: update or set data containing _id is rejected with -501007', async () => {
    await expect(
      env.run(({ db }) =>
        db
          .collection('tickets')
          .doc('T-1')
          .update({ data: { _id: 'x' } }),
      ),
    ).rejects.toMatchObject({
      errCode: -501007,
      errMsg: 'document.update:fail -501007 invalid parameters. 不能更新_id的值',
    })
    await expect(
      env.run(({ db }) =>
        db
          .collection('tickets')
          .where({})
          .update({ data: { _id: 'x' } }),
      ),
    ).rejects.toMatchObject({
      errMsg: 'collection.update:fail -501007 invalid parameters. 不能更新_id的值',
    })
  })

  it('item 26: update({data:{}}) is rejected by the wrapper', async () => {
    await expect(env.run(({ db }) => db.collection('tickets').doc('T-1').update({ data: {} }))).rejects.toMatchObject({
      errCode: -1,
      errMsg: 'options.data must not be empty',
    })
  })
})

describe('where().update / remove', () => {
  beforeEach(() =>
    env.cloud.store.insertMany('tickets', [
      { _id: 'a', state: 'open', n: 1 },
      { _id: 'b', state: 'open', n: 2 },
      { _id: 'c', state: 'closed', n: 3 },
    ]),
  )

  it('item 22: updates every match and counts them', async () => {
    const res = await env.run(({ db, _ }) =>
      db
        .collection('tickets')
        .where({ state: 'open' })
        .update({ data: { n: _.inc(10) } }),
    )
    expect(res).toEqual({ stats: { updated: 2 }, errMsg: 'collection.update:ok' })
    expect(env.cloud.store.find('tickets').map((doc) => doc.n)).toEqual([11, 12, 3])
  })

  it('item 22: a write that changes nothing counts 0, as MongoDB nModified [UNC]', async () => {
    const res = await env.run(({ db }) =>
      db
        .collection('tickets')
        .where({ state: 'closed' })
        .update({ data: { n: 3 } }),
    )
    expect(res.stats).toEqual({ updated: 0 })
  })

  it('item 22: an optimistic-concurrency write with a stale version updates nothing', async () => {
    const res = await env.run(({ db }) =>
      db
        .collection('tickets')
        .where({ _id: 'a', n: 99 })
        .update({ data: { state: 'x' } }),
    )
    expect(res.stats).toEqual({ updated: 0 })
  })

  it('item 28: remove() without where() removes every document (MongoDB) [UNC]', async () => {
    const res = await env.run(({ db }) => db.collection('tickets').remove())
    expect(res).toEqual({ stats: { removed: 3 }, errMsg: 'collection.remove:ok' })
  })

  it('item 23: update({multi:false}) changes the first match only', async () => {
    const res = await env.run(({ db }) =>
      db
        .collection('tickets')
        .where({ state: 'open' })
        .update({ data: { state: 'x' }, multi: false } as never),
    )
    expect(res).toEqual({ stats: { updated: 1 }, errMsg: 'collection.update:ok' })
    expect(env.cloud.store.find('tickets').map((doc) => doc.state)).toEqual(['x', 'open', 'closed'])
  })

  it('item 27: remove() removes every match and counts them', async () => {
    const res = await env.run(({ db }) => db.collection('tickets').where({ state: 'open' }).remove())
    expect(res).toEqual({ stats: { removed: 2 }, errMsg: 'collection.remove:ok' })
    expect(env.cloud.store.find('tickets').map((doc) => doc._id)).toEqual(['c'])
  })
})

const MAY = new Date('2024-05-01T00:00:00Z')
const JUNE = new Date('2024-06-01T00:00:00Z')
const JULY = new Date('2024-07-01T00:00:00Z')

describe('update commands (items 46-50)', () => {
  beforeEach(() =>
    env.cloud.store.insertMany('tickets', [
      {
        _id: 'T',
        n: 1,
        list: [1, 2, 3],
        set: ['a'],
        o: { p: 1, q: 2 },
        timeline: [{ at: 1 }, { at: 2 }],
        dues: [JULY, JUNE],
      },
    ]),
  )

  const updateAndRead = (data: (_: Command) => object) =>
    env.run(async ({ db, _ }) => {
      await db
        .collection('tickets')
        .doc('T')
        .update({ data: data(_) })
      return (await promised(db.collection('tickets').doc('T').get())).data
    })

  it.each([
    ['inc', (_: Command) => ({ n: _.inc(2) }), { n: 3 }],
    ['inc on a missing field starts at 0', (_: Command) => ({ missing: _.inc(2) }), { missing: 2 }],
    ['mul', (_: Command) => ({ n: _.mul(5) }), { n: 5 }],
    ['set replaces a sub-object', (_: Command) => ({ o: _.set({ r: 3 }) }), { o: { r: 3 } }],
    ['a plain sub-object is flattened to dot paths (item 24)', () => ({ o: { r: 3 } }), { o: { p: 1, q: 2, r: 3 } }],
    ['remove deletes the field', (_: Command) => ({ o: _.remove() }), { o: undefined }],
    ['push one', (_: Command) => ({ list: _.push(4) }), { list: [1, 2, 3, 4] }],
    ['push many', (_: Command) => ({ list: _.push([4, 5]) }), { list: [1, 2, 3, 4, 5] }],
    [
      'push each with position, sort and slice',
      (_: Command) => ({ list: _.push({ each: [9, 0], position: 0, sort: -1, slice: 3 }) }),
      { list: [9, 3, 2] },
    ],
    [
      'push each at a negative position',
      (_: Command) => ({ list: _.push({ each: [7], position: -1 }) }),
      { list: [1, 2, 7, 3] },
    ],
    [
      'push an object onto an array of objects',
      (_: Command) => ({ timeline: _.push({ each: [{ at: 3 }] }) }),
      { timeline: [{ at: 1 }, { at: 2 }, { at: 3 }] },
    ],
    ['addToSet adds an absent value', (_: Command) => ({ set: _.addToSet('b') }), { set: ['a', 'b'] }],
    ['addToSet keeps a present value single', (_: Command) => ({ set: _.addToSet('a') }), { set: ['a'] }],
    [
      'addToSet with $each (the documented form, item 49)',
      (_: Command) => ({ set: _.addToSet({ $each: ['a', 'c'] }) }),
      { set: ['a', 'c'] },
    ],
    ['pull a value', (_: Command) => ({ list: _.pull(2) }), { list: [1, 3] }],
    ['pull by condition', (_: Command) => ({ list: _.pull(_.gte(2)) }), { list: [1] }],
    ['pop the last element', (_: Command) => ({ list: _.pop() }), { list: [1, 2] }],
    ['shift the first element', (_: Command) => ({ list: _.shift() }), { list: [2, 3] }],
    ['unshift prepends', (_: Command) => ({ list: _.unshift([0]) }), { list: [0, 1, 2, 3] }],
    ['pull compares Dates', (_: Command) => ({ dues: _.pull(_.lt(JULY)) }), { dues: [JULY] }],
    ['push sorts Dates', (_: Command) => ({ dues: _.push({ each: [MAY], sort: 1 }) }), { dues: [MAY, JUNE, JULY] }],
    [
      'several commands and fields at once (item 50)',
      (_: Command) => ({ n: _.inc(1), list: _.pop(), state: 'x' }),
      { n: 2, list: [1, 2], state: 'x' },
    ],
  ])('%s', async (_name, data, expected) => {
    const doc = await updateAndRead(data)
    for (const [key, value] of Object.entries(expected)) {
      if (value === undefined) expect(doc).not.toHaveProperty(key)
      else expect(doc[key]).toEqual(value)
    }
  })

  it('conflicting commands on one path are refused as MongoDB refuses them', async () => {
    await expect(
      env.run(({ db, _ }) =>
        db
          .collection('tickets')
          .doc('T')
          .update({ data: { o: _.set({}), 'o.p': _.inc(1) } }),
      ),
    ).rejects.toMatchObject({
      errCode: -502001,
      errMsg: expect.stringMatching(/^document\.update:fail -502001 .*conflict/),
    })
  })
})

describe('serverDate (item 51)', () => {
  it('is stored as the server clock plus offset and reads back as a Date', async () => {
    const res = await env.run(async ({ db }) => {
      // the typings omit serverDate's documented offset option (DOC/Database.serverDate)
      const serverDate = db.serverDate as (options?: { offset: number }) => ReturnType<typeof db.serverDate>
      const tickets = db.collection('tickets')
      const { _id } = await promised(
        tickets.add({ data: { createdAt: serverDate(), remindAt: serverDate({ offset: 60_000 }) } }),
      )
      await tickets.doc(_id as string).update({ data: { updatedAt: serverDate({ offset: -1000 }) } })
      return (await promised(tickets.doc(_id as string).get())).data
    })
    expect(res.createdAt).toEqual(NOW)
    expect(res.remindAt).toEqual(new Date(NOW.getTime() + 60_000))
    expect(res.updatedAt).toEqual(new Date(NOW.getTime() - 1000))
  })
})
