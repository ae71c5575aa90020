/**
 * The local cloud's index check: a where-query needs an index of the manifest whose first key it uses and
 * whose keys hold every field it filters or sorts on.
 */
import { coveringIndex } from '../../emulator/database/index-coverage'
import type { DbManifest } from '../../emulator'
import { useRunnerCloud } from './harness'

const manifest: DbManifest = {
  collections: {
    tickets: {
      indexes: [
        { name: 'by_enterprise_created', keys: { enterpriseId: 1, createdAt: -1 } },
        { name: 'by_state_replyDue', keys: { state: 1, replyDueAt: 1 } },
      ],
    },
  },
}

describe('coveringIndex', () => {
  it.each<[string, Record<string, unknown>, Record<string, unknown> | undefined, string | null]>([
    ['equality on the first key', { enterpriseId: { $eq: 'e1' } }, undefined, 'by_enterprise_created'],
    ['first key + sort on the second', { enterpriseId: { $eq: 'e1' } }, { createdAt: -1 }, 'by_enterprise_created'],
    [
      'range inside $and',
      { $and: [{ state: { $in: ['signed'] } }, { replyDueAt: { $lt: new Date() } }] },
      undefined,
      'by_state_replyDue',
    ],
    ['only the second key: no prefix', { createdAt: { $gt: new Date() } }, undefined, null],
    ['a field no index has', { enterpriseId: { $eq: 'e1' }, title: { $eq: 'x' } }, undefined, null],
    ['sorting on a field outside the index', { enterpriseId: { $eq: 'e1' } }, { title: 1 }, null],
    ['the primary key, with other fields', { _id: { $eq: 'T1' }, version: { $eq: 3 } }, undefined, '_id'],
    ['no filter, no sort', {}, undefined, 'none needed'],
  ])('%s', (_why, filter, sort, expected) => {
    expect(coveringIndex(manifest, 'tickets', filter, sort)).toBe(expected)
  })
})

describe('with requireIndexes', () => {
  const env = useRunnerCloud({ requireIndexes: true })

  it('answers an indexed query', async () => {
    env.cloud.store.insertMany('tickets', [
      { _id: 'T1', state: 'signed', replyDueAt: new Date('2026-10-12T15:59:59.999Z') },
    ])
    const res = await env.run(({ db, _ }) =>
      db
        .collection('tickets')
        .where({ state: _.eq('signed') })
        .orderBy('replyDueAt', 'asc')
        .get(),
    )
    expect(res.data.map((d) => d._id)).toEqual(['T1'])
  })

  it('refuses an unindexed query, naming its fields, as a database error', async () => {
    await expect(env.run(({ db }) => db.collection('tickets').where({ title: '招工' }).get())).rejects.toMatchObject({
      errCode: -502001,
      errMsg: expect.stringContaining('no index in db-manifest.json covers this tickets query on (title)'),
    })
  })

  it('lets a document read by id through', async () => {
    env.cloud.store.insertMany('tickets', [{ _id: 'T2' }])
    const res = await env.run(({ db }) => db.collection('tickets').doc('T2').get())
    expect(res.data).toMatchObject({ _id: 'T2' })
  })
})
