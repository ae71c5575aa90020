/**
 * The demo dataset carries what the access design needs (leaders' and commissioners' linked enterprises on
 * their grants, a binding per grant) and demo invite codes that work; and the whole Guilin directory
 * (36 units, 4 task forces, 35 leaders, 80 enterprises, 70 commissioners, 70 四个一) survives an export and
 * a re-import unchanged.
 */
import { readFileSync } from 'node:fs'
import path from 'node:path'
import { openTestCloud } from '../support/localCloud'
import { COLLECTIONS } from '../../cloudfunctions/shared/collections'
import { linkedEnterpriseIds } from '../../cloudfunctions/core/directory'
import { bindingIdOf, inviteIdOf } from '../../cloudfunctions/core/binding-ids'
import { buildDemoDataset, DEMO_INVITES, type DemoDataset } from '../../emulator/demo'
import { seedDemoData } from '../../emulator/project'
import { failure, ok, storeSnapshot } from './world'

let demo: DemoDataset
beforeAll(() => {
  demo = buildDemoDataset()
})

describe('the demo dataset', () => {
  it('gives every leader’s and commissioner’s grant the enterprises the directory links them to', () => {
    const linked = demo.users.flatMap((u) => u.grants).filter((g) => g.role === 'leader' || g.role === 'commissioner')
    expect(linked).toHaveLength(35 + 70)
    for (const grant of linked) {
      expect(grant.enterpriseIds).toEqual(linkedEnterpriseIds(grant, demo.arrangements, demo.commissioners))
      expect(grant.enterpriseIds!.length).toBeGreaterThan(0)
    }
    const mayor = demo.users.find((u) => u._id === 'demo-leader-mayor')!.grants[0]
    expect(mayor.enterpriseIds).toEqual(['ent-hongcheng', 'ent-sanjin'])
  })

  it('records one active binding per grant, and each enterprise’s contact with a phone', () => {
    expect(demo.bindings).toHaveLength(demo.users.reduce((n, u) => n + u.grants.length, 0))
    for (const user of demo.users)
      for (const grant of user.grants)
        expect(demo.bindings.some((b) => b._id === bindingIdOf(user._id, grant))).toBe(true)
    expect(demo.bindings.every((b) => b.status === 'active' && b.targetName)).toBe(true)
    expect(demo.enterprises.every((e) => e.contacts?.length === 1 && /^1380773\d{4}$/.test(e.contacts[0].phone))).toBe(
      true,
    )
  })

  it('lists demo invite codes stored only as hashes', () => {
    expect(DEMO_INVITES.length).toBeGreaterThanOrEqual(5)
    expect(demo.invites.map((i) => i._id)).toEqual(DEMO_INVITES.map((i) => inviteIdOf(i.code)))
    expect(JSON.stringify(demo.invites)).not.toContain(DEMO_INVITES[0].code)
  })
})

describe('in the local cloud', () => {
  let env: ReturnType<typeof openTestCloud>
  beforeAll(() => {
    env = openTestCloud()
    seedDemoData(env.cloud)
  })
  afterAll(() => env.close())

  it('binds with the demo codes: an enterprise contact at once, a leader after approval, an expired code never', async () => {
    const code = (label: string) => DEMO_INVITES.find((i) => i.label.includes(label))!.code
    const contact = ok(
      await env.call('o-demo-newcomer', 'binding.redeem', { code: code('第二位企业联系人'), name: '邓经理' }),
    )
    expect(contact).toMatchObject({ status: 'active', targetName: '燕京啤酒(桂林漓泉)股份有限公司' })
    expect(ok(await env.call('o-demo-newcomer', 'ticket.listMine', {})).items.length).toBeGreaterThan(0)

    const leader = ok(await env.call('o-demo-secretary', 'binding.redeem', { code: code('市委书记'), name: '周立群' }))
    expect(leader.status).toBe('pending')
    const approved = ok(await env.call('demo-admin', 'binding.approve', { bindingId: leader.bindingId }))
    expect(approved.grant.enterpriseIds).toEqual(['ent-fuda', 'ent-liquan'])

    expect(
      failure(await env.call('o-demo-late', 'binding.redeem', { code: code('已过期'), name: '晚到者' })).code,
    ).toBe('NOT_FOUND')
  })

  it('lets the mayor read any ticket (the summary opens them) but act on his enterprises’ only', async () => {
    const tickets = env.cloud.store.find(COLLECTIONS.tickets)
    const his = tickets.find((t) => t.enterpriseId === 'ent-hongcheng')
    const other = tickets.find((t) => t.enterpriseId === 'ent-liquan')
    expect(ok(await env.call('demo-leader-mayor', 'ticket.get', { ticketId: his._id })).enterpriseId).toBe(
      'ent-hongcheng',
    )
    const read = ok(await env.call('demo-leader-mayor', 'ticket.get', { ticketId: other._id }))
    expect(read.offeredEvents).toEqual([])
    const instruct = { ticketId: other._id, version: read.version, event: { type: 'instruct', text: '请加快办理' } }
    expect(failure(await env.call('demo-leader-mayor', 'ticket.act', instruct)).code).toBe('NOT_FOUND')
    const linked = ok(await env.call('demo-leader-mayor', 'directory.linked', {}))
    expect(linked.map((l) => l.arrangement?.leaderName)).toEqual(['黄志刚', '黄志刚'])
  })

  it('exports the whole directory and imports it back without a single change', async () => {
    const collections = [
      COLLECTIONS.units,
      COLLECTIONS.leaders,
      COLLECTIONS.enterprises,
      COLLECTIONS.commissioners,
      COLLECTIONS.serviceTeams,
      COLLECTIONS.arrangements,
      COLLECTIONS.users,
    ]
    const before = storeSnapshot(env, collections)
    const exported = ok(await env.call('demo-admin', 'directory.export', { format: 'xlsx' }))
    expect(exported.rowCounts).toEqual({
      units: 36,
      leaders: 35,
      taskForces: 4,
      enterprises: 80,
      commissioners: 70,
      arrangements: 70,
    })
    const bytes = readFileSync(
      path.join(env.dataDir, 'storage', exported.fileID.replace('cloud://local.local-bucket/', '')),
    )
    const report = ok(
      await env.call('demo-admin', 'directory.import', {
        source: { base64: bytes.toString('base64'), fileName: exported.fileName },
        dryRun: false,
      }),
    )
    expect(report.problems).toEqual([])
    expect(report.summary.enterprises).toEqual({ created: 0, updated: 0, unchanged: 80 })
    expect(report.summary.arrangements).toEqual({ created: 0, updated: 0, unchanged: 70 })
    expect(storeSnapshot(env, collections)).toBe(before)
  })
})
