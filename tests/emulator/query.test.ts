/**
 * Reading through the real SDK: where() with query commands, orderBy/skip/limit/field, count, limits.
 * Item numbers are those of /work/shared/wx-db-contract.md.
 */
import { promised, useRunnerCloud, type Command } from './harness'

const env = useRunnerCloud()

const seedTickets = () =>
  env.cloud.store.insertMany('tickets', [
    { _id: 't1', state: 'open', priority: 3, tags: ['land', 'urgent'], contact: { name: '张三', phone: '139' } },
    { _id: 't2', state: 'open', priority: 1, tags: ['labor'], contact: { name: '李四' } },
    {
      _id: 't3',
      state: 'closed',
      priority: 2,
      contact: { name: 'Wang', phone: '138' },
      closedAt: new Date('2024-03-01T00:00:00Z'),
    },
    { _id: 't4', state: 'replied', priority: 2, title: 'Road repair' },
  ])

const ids = (docs: Array<{ _id?: unknown }>) => docs.map((doc) => doc._id)

describe('query commands (item 41)', () => {
  beforeEach(seedTickets)

  it.each([
    ['eq', (_: Command) => ({ state: _.eq('open') }), ['t1', 't2']],
    [
      'neq also matches documents without the field',
      (_: Command) => ({ title: _.neq('Road repair') }),
      ['t1', 't2', 't3'],
    ],
    ['gt', (_: Command) => ({ priority: _.gt(2) }), ['t1']],
    ['gte', (_: Command) => ({ priority: _.gte(2) }), ['t1', 't3', 't4']],
    ['lt', (_: Command) => ({ priority: _.lt(2) }), ['t2']],
    ['lte', (_: Command) => ({ priority: _.lte(2) }), ['t2', 't3', 't4']],
    ['in', (_: Command) => ({ state: _.in(['closed', 'replied']) }), ['t3', 't4']],
    ['nin', (_: Command) => ({ state: _.nin(['closed', 'replied']) }), ['t1', 't2']],
    ['exists', (_: Command) => ({ closedAt: _.exists(true) }), ['t3']],
    ['a scalar matches an array element', (_: Command) => ({ tags: 'urgent' }), ['t1']],
  ])('%s', async (_name, where, expected) => {
    const res = await env.run(({ db, _ }) => db.collection('tickets').where(where(_)).get())
    expect(ids(res.data)).toEqual(expected)
  })
})

describe('where() shapes', () => {
  beforeEach(seedTickets)

  it('item 42: a nested object matches on dot paths, not whole sub-document equality', async () => {
    const res = await env.run(({ db }) =>
      db
        .collection('tickets')
        .where({ contact: { name: '张三' } })
        .get(),
    )
    expect(ids(res.data)).toEqual(['t1']) // t1's contact also has a phone, yet it matches
  })

  it('item 43: and/or at the top level and per field', async () => {
    const res = await env.run(async ({ db, _ }) => ({
      or: await promised(
        db
          .collection('tickets')
          .where(_.or([{ state: 'closed' }, { priority: 1 }]))
          .get(),
      ),
      and: await promised(
        db
          .collection('tickets')
          .where(_.and([{ state: 'open' }, { priority: _.gt(1) }]))
          .get(),
      ),
      field: await promised(
        db
          .collection('tickets')
          .where({ priority: _.gt(1).and(_.lt(3)) })
          .get(),
      ),
    }))
    expect(ids(res.or.data)).toEqual(['t2', 't3'])
    expect(ids(res.and.data)).toEqual(['t1'])
    expect(ids(res.field.data)).toEqual(['t3', 't4'])
  })

  it('item 44: a RegExp literal and db.RegExp with options', async () => {
    const res = await env.run(async ({ db }) => ({
      literal: await promised(db.collection('tickets').where({ 'contact.name': /^wa/i }).get()),
      dbRegExp: await promised(
        db
          .collection('tickets')
          .where({ title: db.RegExp({ regexp: 'repair$', options: 'i' }) })
          .get(),
      ),
    }))
    expect(ids(res.literal.data)).toEqual(['t3'])
    expect(ids(res.dbRegExp.data)).toEqual(['t4'])
  })

  it('item 45: a Date and db.serverDate() in a query compare as dates', async () => {
    const res = await env.run(async ({ db, _ }) => ({
      before: await promised(
        db
          .collection('tickets')
          .where({ closedAt: _.lt(new Date('2024-03-02T00:00:00Z')) })
          .get(),
      ),
      beforeNow: await promised(
        db
          .collection('tickets')
          .where({ closedAt: _.lt(db.serverDate()) })
          .get(),
      ),
    }))
    expect(ids(res.before.data)).toEqual(['t3'])
    expect(ids(res.beforeNow.data)).toEqual(['t3'])
  })

  it('item 11: no match resolves an empty list', async () => {
    const res = await env.run(({ db }) => db.collection('tickets').where({ state: 'nonexistent' }).get())
    expect(res).toEqual({ data: [], errMsg: 'collection.get:ok' })
  })

  it('item 32: doc(5) and doc("5") are different documents', async () => {
    env.cloud.store.insertMany('users', [
      { _id: 5, kind: 'number' },
      { _id: '5', kind: 'string' },
    ])
    const res = await env.run(async ({ db }) => [
      (await promised(db.collection('users').doc(5).get())).data,
      (await promised(db.collection('users').doc('5').get())).data,
    ])
    expect(res).toEqual([
      { _id: 5, kind: 'number' },
      { _id: '5', kind: 'string' },
    ])
  })
})

describe('orderBy, skip, limit, field', () => {
  beforeEach(seedTickets)

  it('item 9: orderBy sorts by each field in turn', async () => {
    const res = await env.run(({ db }) =>
      db.collection('tickets').orderBy('priority', 'desc').orderBy('_id', 'asc').get(),
    )
    expect(ids(res.data)).toEqual(['t1', 't3', 't4', 't2'])
  })

  it('item 8: skip(k) starts at the k-th match', async () => {
    const res = await env.run(({ db }) => db.collection('tickets').orderBy('_id', 'asc').skip(1).limit(2).get())
    expect(ids(res.data)).toEqual(['t2', 't3'])
  })

  it('item 10: field() returns the chosen fields (and _id, as MongoDB does)', async () => {
    const res = await env.run(async ({ db }) => ({
      only: await promised(db.collection('tickets').doc('t1').field({ state: true }).get()),
      without: await promised(db.collection('tickets').where({ _id: 't2' }).field({ contact: false, tags: 0 }).get()),
    }))
    expect(res.only.data).toEqual({ _id: 't1', state: 'open' })
    expect(res.without.data).toEqual([{ _id: 't2', state: 'open', priority: 1 }])
  })

  it('item 14: count() counts every match, ignoring limit and skip', async () => {
    const res = await env.run(({ db }) =>
      db
        .collection('tickets')
        .where({ priority: db.command.gte(2) })
        .skip(1)
        .limit(1)
        .count(),
    )
    expect(res).toEqual({ total: 3, errMsg: 'collection.count:ok' })
  })
})

describe('get() limits (items 6-7)', () => {
  beforeEach(() =>
    env.cloud.store.insertMany(
      'users',
      Array.from({ length: 1200 }, (_, i) => ({ _id: `u${String(i).padStart(4, '0')}`, i })),
    ),
  )

  it.each([
    ['no limit gives 100', undefined, 100],
    ['limit(0) falls back to 100', 0, 100],
    ['limit(2000) is silently capped at 1000', 2000, 1000],
    ['limit(250) gives 250', 250, 250],
  ])('%s', async (_name, limit, expected) => {
    const res = await env.run(({ db }) => {
      const users = db.collection('users')
      return (limit === undefined ? users : users.limit(limit)).get()
    })
    expect(res.data).toHaveLength(expected)
  })
})

describe('values read back (items 13, 52)', () => {
  it('Dates come back as Dates, nesting and numbers intact', async () => {
    const createdAt = new Date('2024-05-06T07:08:09.123Z')
    const res = await env.run(async ({ db }) => {
      const { _id } = await promised(
        db.collection('tickets').add({ data: { createdAt, nested: { at: [createdAt], n: 2 ** 40, f: 1.5 } } }),
      )
      return (
        await promised(
          db
            .collection('tickets')
            .doc(_id as string)
            .get(),
        )
      ).data
    })
    expect(res.createdAt).toBeInstanceOf(Date)
    expect(res.createdAt.getTime()).toBe(createdAt.getTime())
    expect(res.nested).toEqual({ at: [createdAt], n: 2 ** 40, f: 1.5 })
  })
})
