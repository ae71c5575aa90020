/**
 * aggregate().bucket() (contract item 55: a working stage; its semantics are MongoDB's $bucket): a bucket
 * holds lower bound ≤ value < upper bound, only buckets with documents are output, in boundary order with
 * the default bucket last, and a value outside the boundaries without a default fails the aggregation.
 */
import { useRunnerCloud } from './harness'

const env = useRunnerCloud()

beforeEach(() =>
  env.cloud.store.insertMany('tickets', [
    { _id: 'a', hours: 3 },
    { _id: 'b', hours: 5 },
    { _id: 'c', hours: 8 },
    { _id: 'd', hours: 1 },
    { _id: 'e', hours: 0 },
  ]),
)

function bucket(boundaries: number[], extra: { default?: string } = {}) {
  return env.run(({ db }) => {
    const $ = db.command.aggregate
    return db
      .collection('tickets')
      .aggregate()
      .sort({ _id: 1 })
      .bucket({ groupBy: '$hours', boundaries, ...extra, output: { count: $.sum(1), ids: $.push('$_id') } })
      .limit(100)
      .end()
  })
}

it('a value equal to a boundary goes into the bucket it opens (lower bound inclusive, upper exclusive)', async () => {
  expect((await bucket([0, 5, 10])).list).toEqual([
    { _id: 0, count: 3, ids: ['a', 'd', 'e'] },
    { _id: 5, count: 2, ids: ['b', 'c'] },
  ])
})

it('empty buckets are omitted', async () => {
  expect((await bucket([0, 2, 4, 6, 7, 20])).list).toEqual([
    { _id: 0, count: 2, ids: ['d', 'e'] },
    { _id: 2, count: 1, ids: ['a'] },
    { _id: 4, count: 1, ids: ['b'] },
    { _id: 7, count: 1, ids: ['c'] },
  ])
})

it('values outside the boundaries go to the default bucket, output last', async () => {
  expect((await bucket([1, 5], { default: 'other' })).list).toEqual([
    { _id: 1, count: 2, ids: ['a', 'd'] },
    { _id: 'other', count: 3, ids: ['b', 'c', 'e'] },
  ])
})

it('a value outside the boundaries without a default fails the aggregation (-502001)', async () => {
  await expect(bucket([1, 5])).rejects.toMatchObject({
    errCode: -502001,
    errMsg: expect.stringMatching(/^collection\.aggregate:fail -502001 .*no default/),
  })
})
