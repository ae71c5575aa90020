/**
 * A query the database cannot run is refused by the server: the call rejects with the SDK's prefix and
 * -502001 (contract items 2-3), whatever the collection holds, with MongoDB's wording where it has one
 * (its operand checks, e.g. "$in needs an array"). It must never reach the function as errCode -1 with
 * the query engine's own text. In/nin take an array (item 41).
 */
import { useRunnerCloud, type Command } from './harness'

const env = useRunnerCloud()

beforeEach(() => env.cloud.store.insertMany('tickets', [{ _id: 'a', n: 1, s: 'x', list: [1, 2] }]))

const badQueries: Array<[string, (_: Command) => Record<string, unknown>, RegExp]> = [
  ['_.in with a number', (_) => ({ n: _.in(1 as never) }), /\$in needs an array/],
  ['_.nin with a string', (_) => ({ n: _.nin('x' as never) }), /\$nin needs an array/],
  ['_.all with a number', (_) => ({ list: _.all(1 as never) }), /\$all needs an array/],
  ['_.size with a string', (_) => ({ list: _.size('x' as never) }), /\$size/],
  ['$mod with one number', () => ({ n: { $mod: 2 } }), /malformed mod/],
  ['$elemMatch with a number', () => ({ list: { $elemMatch: 1 } }), /\$elemMatch needs an Object/],
  ['an empty $or', () => ({ $or: [] }), /non-empty array/],
  ['an unknown operator', () => ({ n: { $nonsense: 1 } }), /unknown/],
]

describe.each([
  ['get', 'collection.get'],
  ['count', 'collection.count'],
  ['update', 'collection.update'],
  ['remove', 'collection.remove'],
] as const)('where(bad).%s() rejects with -502001', (method, api) => {
  it.each(badQueries)('%s', async (_name, query, message) => {
    await expect(
      env.run(({ db, _ }) => {
        const where = db.collection('tickets').where(query(_))
        if (method === 'update') return where.update({ data: { touched: true } })
        return where[method]()
      }),
    ).rejects.toMatchObject({
      errCode: -502001,
      errMsg: expect.stringMatching(new RegExp(`^${api.replace('.', '\\.')}:fail -502001 .*${message.source}`)),
    })
    expect(env.cloud.store.find('tickets')).toEqual([{ _id: 'a', n: 1, s: 'x', list: [1, 2] }])
  })
})

it('the same in an empty collection: the operands are checked before any document is read', async () => {
  env.cloud.store.clear('tickets')
  await expect(
    env.run(({ db, _ }) =>
      db
        .collection('tickets')
        .where({ n: _.in(1 as never) })
        .get(),
    ),
  ).rejects.toMatchObject({
    errCode: -502001,
  })
})

it('an invalid regular expression is a database failure, not a crash of the call', async () => {
  await expect(
    env.run(({ db }) =>
      db
        .collection('tickets')
        .where({ s: db.RegExp({ regexp: '(' }) })
        .get(),
    ),
  ).rejects.toMatchObject({ errCode: -502001, errMsg: expect.stringMatching(/^collection\.get:fail -502001 /) })
})

it('a bad $match in an aggregate is refused the same way', async () => {
  await expect(
    env.run(({ db, _ }) =>
      db
        .collection('tickets')
        .aggregate()
        .match({ n: _.in(1 as never) })
        .limit(10)
        .end(),
    ),
  ).rejects.toMatchObject({
    errCode: -502001,
    errMsg: expect.stringMatching(/^collection\.aggregate:fail -502001 .*\$in needs an array/),
  })
})
