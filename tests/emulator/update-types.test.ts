/**
 * An update command meeting a value of the wrong type is refused by the database as a whole (MongoDB: one
 * document's update is atomic; TypeMismatch / PathNotViable), so nothing of it is applied. Contract items 46-50
 * (update commands map to MongoDB's, and several apply as one atomic update); the failure is the server's
 * (-502001, item 3). The emulator must not answer `updated:0` or apply the rest: a bug here has to fail a test.
 */
import { useRunnerCloud, type Command } from './harness'

const env = useRunnerCloud()

const ORIGINAL = { _id: 'T', n: 1, s: 'text', nil: null, list: [1, 2], o: { p: 1 }, subs: [{ a: 1 }] }

beforeEach(() => env.cloud.store.insertMany('tickets', [ORIGINAL]))

const refusals: Array<[string, (_: Command) => Record<string, unknown>, RegExp]> = [
  ['_.inc on a string', (_) => ({ s: _.inc(1) }), /non-numeric type string/],
  ['_.inc on null', (_) => ({ nil: _.inc(1) }), /non-numeric type null/],
  ['_.inc on an array', (_) => ({ list: _.inc(1) }), /non-numeric type array/],
  ['_.mul on a string', (_) => ({ s: _.mul(2) }), /\$mul to a value of non-numeric type/],
  ['_.inc with a string argument', (_) => ({ n: _.inc('1' as unknown as number) }), /non-numeric argument/],
  ['_.push on a string', (_) => ({ s: _.push(1) }), /must be an array but is of type string/],
  ['_.push on null', (_) => ({ nil: _.push(1) }), /must be an array but is of type null/],
  ['_.push on an object', (_) => ({ o: _.push(1) }), /must be an array but is of type object/],
  ['_.addToSet on a number', (_) => ({ n: _.addToSet(1) }), /\$addToSet to non-array field/],
  ['_.pull on a string', (_) => ({ s: _.pull('t') }), /\$pull to a non-array value/],
  ['_.pop on a string', (_) => ({ s: _.pop() }), /non-array type 'string'/],
  ['_.unshift on a number', (_) => ({ n: _.unshift(0) }), /must be an array/],
  ['a dotted path through a string', () => ({ 's.x': 1 }), /Cannot create field 'x'/],
  ['a dotted path through null', (_) => ({ 'nil.x': _.inc(1) }), /Cannot create field 'x'/],
  ['a named field inside an array', () => ({ 'subs.a': 2 }), /Cannot create field 'a'/],
  ['a nested object through a string (flattened to s.x, item 24)', () => ({ s: { x: 1 } }), /Cannot create field/],
]

describe('refused as a whole: doc(id).update', () => {
  it.each(refusals)('%s', async (_name, data, message) => {
    await expect(
      env.run(({ db, _ }) =>
        // a valid command beside the wrong one: MongoDB applies neither
        db
          .collection('tickets')
          .doc('T')
          .update({ data: { ...data(_), touched: true, counter: _.inc(10) } }),
      ),
    ).rejects.toMatchObject({
      errCode: -502001,
      errMsg: expect.stringMatching(new RegExp(`^document\\.update:fail -502001 .*${message.source}`)),
    })
    expect(env.cloud.store.find('tickets')).toEqual([ORIGINAL])
  })
})

it('where().update: one document of the wrong type fails the call, and no document changes', async () => {
  env.cloud.store.insertMany('tickets', [{ _id: 'U', n: 5, s: 7 }])
  await expect(
    env.run(({ db, _ }) =>
      db
        .collection('tickets')
        .where({ n: _.gte(1) })
        .update({ data: { s: _.inc(1) } }),
    ),
  ).rejects.toMatchObject({ errCode: -502001 })
  expect(env.cloud.store.find('tickets', { _id: 'U' })).toEqual([{ _id: 'U', n: 5, s: 7 }])
  expect(env.cloud.store.find('tickets', { _id: 'T' })).toEqual([ORIGINAL])
})

describe('what MongoDB accepts still applies', () => {
  it.each<[string, (_: Command) => Record<string, unknown>, Record<string, unknown>]>([
    ['_.inc on a missing field starts from 0 (item 46)', (_) => ({ fresh: _.inc(2) }), { fresh: 2 }],
    ['_.push on a missing field makes an array', (_) => ({ fresh: _.push(1) }), { fresh: [1] }],
    ['a dotted path through a missing field creates it', () => ({ 'a.b': 1 }), { a: { b: 1 } }],
    ['an index into an array', () => ({ 'list.0': 9 }), { list: [9, 2] }],
    ['_.remove through a string removes nothing', (_) => ({ 's.x': _.remove() }), { s: 'text' }],
    ['_.set replaces a string with an object', (_) => ({ s: _.set({ x: 1 }) }), { s: { x: 1 } }],
  ])('%s', async (_name, data, expected) => {
    await env.run(({ db, _ }) =>
      db
        .collection('tickets')
        .doc('T')
        .update({ data: data(_) }),
    )
    expect(env.cloud.store.find('tickets')[0]).toMatchObject(expected)
  })
})
