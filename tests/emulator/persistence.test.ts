/**
 * The SQLite store: persistence across close/reopen, the manifest's indexes as SQLite indexes, and the
 * index pre-filter, which must never drop a document mingo would match.
 */
import Database from 'better-sqlite3'
import { mkdtempSync, rmSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { find as mingoFind } from 'mingo'
import { IN_MEMORY, openLocalCloud, type DbManifest } from '../../emulator'
import { openRunnerCloud, promised, SDK_RUNNER, TEST_MANIFEST } from './harness'

let dataDir: string
beforeEach(() => (dataDir = mkdtempSync(path.join(os.tmpdir(), 'local-cloud-data-'))))
afterEach(() => rmSync(dataDir, { recursive: true, force: true }))

const sqliteFile = () => path.join(dataDir, 'cloud.sqlite')

describe('persistence', () => {
  it('documents and files survive close and reopen of the same dataDir, Dates as Dates', async () => {
    const dueAt = new Date('2024-07-01T15:59:59.999Z')
    const first = openRunnerCloud({ dataDir })
    const fileID = await first.run(async ({ db, cloud }) => {
      await promised(db.collection('tickets').add({ data: { _id: 'T', replyDueAt: dueAt, timeline: [{ at: dueAt }] } }))
      return (await cloud.uploadFile({ cloudPath: 'a.txt', fileContent: Buffer.from('kept') })).fileID
    })
    first.cloud.close()

    const second = openRunnerCloud({ dataDir })
    try {
      const doc = await second.run(async ({ db }) => (await promised(db.collection('tickets').doc('T').get())).data)
      expect(doc).toEqual({ _id: 'T', replyDueAt: dueAt, timeline: [{ at: dueAt }] })
      expect(second.cloud.store.find('tickets', { replyDueAt: { $lte: dueAt } })).toHaveLength(1)
      const download = await second.run(({ cloud }) => cloud.downloadFile({ fileID }))
      expect(download.fileContent.toString()).toBe('kept')
    } finally {
      second.cloud.close()
    }
  })

  it("the manifest's indexes become SQLite indexes, following manifest changes on reopen", () => {
    const indexNames = () => {
      const db = new Database(sqliteFile(), { readonly: true })
      try {
        return (
          db.prepare("SELECT name FROM sqlite_master WHERE type = 'index' AND name LIKE 'index:%'").all() as Array<{
            name: string
          }>
        )
          .map((row) => row.name)
          .sort()
      } finally {
        db.close()
      }
    }
    const open = (manifest: DbManifest) => openLocalCloud({ dataDir, manifest, functions: {} })

    const first = open(TEST_MANIFEST)
    first.store.insertMany('tickets', [{ state: 'open', assignee: 'u1' }])
    first.close()
    expect(indexNames()).toEqual(['index:tickets:by_state_due', 'index:tickets:by_units'])

    const changed: DbManifest = {
      collections: {
        ...TEST_MANIFEST.collections,
        tickets: { indexes: [{ name: 'by_assignee', keys: { assignee: 1 } }] },
      },
    }
    const second = open(changed)
    expect(second.store.find('tickets', { assignee: 'u1' })).toHaveLength(1)
    second.close()
    expect(indexNames()).toEqual(['index:tickets:by_assignee'])
  })

  it('a unique index refuses a second document with the same key', async () => {
    const manifest: DbManifest = {
      collections: { users: { indexes: [{ name: 'by_phone', keys: { phone: 1 }, unique: true }] } },
    }
    const cloud = openRunnerCloud({ manifest })
    try {
      await expect(
        cloud.run(async ({ db }) => {
          await promised(db.collection('users').add({ data: { phone: '13900000000' } }))
          await promised(db.collection('users').add({ data: { phone: '13900000000' } }))
        }),
      ).rejects.toMatchObject({
        errCode: -502001,
        errMsg: expect.stringContaining('E11000 duplicate key error collection: users (UNIQUE'),
      })
      expect(cloud.cloud.store.count('users')).toBe(1)
    } finally {
      cloud.cloud.close()
    }
  })

  it('refuses a data folder written in another storage format', () => {
    openLocalCloud({ dataDir, manifest: TEST_MANIFEST, functions: {} }).close()
    const db = new Database(sqliteFile())
    db.pragma('user_version = 99')
    db.close()
    expect(() => openLocalCloud({ dataDir, manifest: TEST_MANIFEST, functions: {} })).toThrow(
      /storage format 99.*delete the data folder/,
    )
  })
})

describe('the index pre-filter', () => {
  const manifest: DbManifest = {
    collections: {
      tickets: {
        indexes: [
          ...TEST_MANIFEST.collections.tickets.indexes,
          { name: 'by_district', keys: { 'enterprise.district': 1 } },
        ],
      },
    },
  }
  const local = () => openLocalCloud({ dataDir: IN_MEMORY, manifest, functions: { runner: SDK_RUNNER } })

  it('an indexed range query parses only the rows it returns; an unindexed one parses every row', () => {
    const cloud = local()
    try {
      cloud.store.insertMany(
        'tickets',
        Array.from({ length: 2000 }, (_, i) => ({
          state: i % 2 ? 'dispatched' : 'closed',
          replyDueAt: new Date(Date.UTC(2024, 0, 1) + i * 3600_000),
          note: `n${i}`,
        })),
      )
      const parse = jest.spyOn(JSON, 'parse')
      try {
        const due = cloud.store.find('tickets', {
          state: 'dispatched',
          replyDueAt: { $lt: new Date(Date.UTC(2024, 0, 1, 20)) },
        })
        expect(due).toHaveLength(10)
        expect(parse).toHaveBeenCalledTimes(10)
        parse.mockClear()
        expect(cloud.store.find('tickets', { note: 'n7' })).toHaveLength(1)
        expect(parse).toHaveBeenCalledTimes(2000)
      } finally {
        parse.mockRestore()
      }
    } finally {
      cloud.close()
    }
  })

  describe('answers exactly what mingo answers over every document', () => {
    const docs = [
      { _id: 1, state: 'open', replyDueAt: new Date(1000), units: ['a', 'b'], enterprise: { district: 'X' } },
      { _id: 2, state: 'open', replyDueAt: 1500, units: 'a', enterprise: [{ district: 'X' }, { district: 'Y' }] },
      { _id: 3, state: true, replyDueAt: '1970-01-01', units: [], enterprise: { district: null } },
      { _id: 4, state: 1, replyDueAt: null },
      { _id: 5 },
      { _id: 6, state: 'closed', replyDueAt: new Date(3000), units: [['a']], enterprise: { district: ['Y', 'Z'] } },
      { _id: '7', state: 'open', replyDueAt: new Date(2000), units: 'c', enterprise: { district: { name: 'X' } } },
    ]
    const cloud = local()
    beforeAll(() => cloud.store.insertMany('tickets', docs))
    afterAll(() => cloud.close())

    it.each<[string, Record<string, unknown>]>([
      ['a string', { state: 'open' }],
      ['true is not 1', { state: true }],
      ['1 is not true', { state: 1 }],
      ['a date range', { replyDueAt: { $lte: new Date(2000) } }],
      ['a number range skips dates', { replyDueAt: { $gt: 1000 } }],
      ['a string range', { replyDueAt: { $gte: '1970' } }],
      ['a compound index', { state: 'open', replyDueAt: { $lt: new Date(2500) } }],
      ['an array element', { units: 'a' }],
      ['$in over arrays and scalars', { units: { $in: ['b', 'c'] } }],
      ['a whole array', { units: ['a'] }],
      ['a dot path through an array of objects', { 'enterprise.district': 'Y' }],
      ['a dot path to an array', { 'enterprise.district': 'Z' }],
      ['a dot path, where one document holds a sub-document instead', { 'enterprise.district': 'X' }],
      ['_id $in of a number and a string', { _id: { $in: [1, '7'] } }],
      ['$and of indexed fields', { $and: [{ state: 'open' }, { units: 'a' }] }],
      ['null matches missing', { replyDueAt: null }],
      ['$or is left to mingo', { $or: [{ state: 'closed' }, { units: 'c' }] }],
    ])('%s', (_name, query) => {
      const expected = mingoFind(cloud.store.find('tickets'), query).all()
      expect(cloud.store.find('tickets', query)).toEqual(expected)
    })
  })
})
