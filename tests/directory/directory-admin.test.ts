/**
 * The office maintains the directory through the admin actions: create, edit, deactivate (never delete),
 * search; the same checks as the import; leader and commissioner grants follow the 四个一.
 */
import { openTestCloud } from '../support/localCloud'
import { COLLECTIONS } from '../../cloudfunctions/shared/collections'
import { enterpriseIdFor } from '../../cloudfunctions/core/directory'
import { CODES, creditCode, failure, ok, PEOPLE, seedWorld } from './world'

let env: ReturnType<typeof openTestCloud>
beforeEach(() => {
  env = openTestCloud()
  seedWorld(env)
})
afterEach(() => env.close())

const NEW_CODE = creditCode('MA5L2Q88', '450312')

function enterpriseForm(overrides: Record<string, unknown> = {}) {
  return {
    name: '桂林临桂新材料科技有限公司',
    creditCode: NEW_CODE,
    district: '临桂区',
    park: '西城经济开发区',
    industry: '非金属矿物制品业',
    isKey: true,
    contacts: [{ name: '覃总', phone: '13877310001', title: '总经理' }],
    ...overrides,
  }
}

describe('enterprises', () => {
  it('are created under an id from their credit code, lower-case input accepted, and found by name', async () => {
    const saved = ok(
      await env.call(
        PEOPLE.admin,
        'directory.enterprise.save',
        enterpriseForm({ creditCode: ` ${NEW_CODE.toLowerCase()} ` }),
      ),
    )
    expect(saved.record).toMatchObject({ _id: enterpriseIdFor(NEW_CODE), creditCode: NEW_CODE, active: true })
    expect(saved.record.contacts[0].phone).toBe('13877310001') // the admin sees it in full
    const found = ok(
      await env.call(PEOPLE.dispatcher, 'directory.search', { kind: 'enterprise', keyword: '临桂新材料' }),
    )
    expect(found.items.map((i) => i.kind === 'enterprise' && i.record._id)).toEqual([enterpriseIdFor(NEW_CODE)])
    const byCode = ok(await env.call(PEOPLE.dispatcher, 'directory.search', { kind: 'enterprise', keyword: NEW_CODE }))
    expect(byCode.items).toHaveLength(1)
  })

  it.each([
    [
      'a wrong check character',
      { creditCode: NEW_CODE.slice(0, 17) + (NEW_CODE[17] === 'A' ? 'B' : 'A') },
      'creditCode',
      '统一社会信用代码校验位错误',
    ],
    ['a short code', { creditCode: '9145030' }, 'creditCode', '统一社会信用代码长度应为18位'],
    ['a district outside Guilin', { district: '南宁市' }, 'district', '县(市、区)应为桂林市所辖县(市、区)'],
    [
      'a malformed contact phone',
      { contacts: [{ name: '覃总', phone: '12345' }] },
      'contacts.0.phone',
      '联系电话应为11位手机号或带区号的固定电话',
    ],
    ['no name', { name: '  ' }, 'name', '请填写企业名称'],
  ])('refuses %s in Chinese, next to the field', async (_what, change, field, message) => {
    const res = failure(await env.call(PEOPLE.admin, 'directory.enterprise.save', enterpriseForm(change)))
    expect(res).toMatchObject({ code: 'INVALID_INPUT', fields: { [field]: message } })
    expect(env.cloud.store.count(COLLECTIONS.enterprises)).toBe(3)
  })

  it('refuses a credit code another enterprise holds', async () => {
    const res = failure(
      await env.call(PEOPLE.admin, 'directory.enterprise.save', enterpriseForm({ creditCode: CODES.b })),
    )
    expect(res).toMatchObject({
      code: 'INVALID_INPUT',
      fields: { creditCode: '统一社会信用代码已被「桂林华信制药有限公司」使用' },
    })
  })

  it('are edited in place and deactivated, never deleted; deactivation ends the 四个一 and the leader’s link', async () => {
    const edited = ok(
      await env.call(
        PEOPLE.admin,
        'directory.enterprise.save',
        enterpriseForm({
          enterpriseId: 'ent-a',
          name: '燕京啤酒(桂林漓泉)股份有限公司',
          creditCode: CODES.a,
          district: '七星区',
        }),
      ),
    )
    expect(edited.record.contacts).toEqual([{ name: '覃总', phone: '13877310001', title: '总经理' }])
    expect(edited.arrangement?.leaderName).toBe('周立群')

    const off = ok(
      await env.call(PEOPLE.admin, 'directory.setActive', { kind: 'enterprise', id: 'ent-a', active: false }),
    )
    expect(off.kind === 'enterprise' && [off.record.active, off.arrangement?.active]).toEqual([false, false])
    expect(env.cloud.store.count(COLLECTIONS.enterprises)).toBe(3)
    const leader = env.cloud.store.find(COLLECTIONS.users, { _id: PEOPLE.leaderA })[0]
    expect(leader.grants[0].enterpriseIds).toEqual([])
    // gone from the active search, still there with includeInactive
    expect(
      ok(await env.call(PEOPLE.dispatcher, 'directory.search', { kind: 'enterprise', keyword: '漓泉' })).items,
    ).toEqual([])
    expect(
      ok(
        await env.call(PEOPLE.dispatcher, 'directory.search', {
          kind: 'enterprise',
          keyword: '漓泉',
          includeInactive: true,
        }),
      ).items,
    ).toHaveLength(1)
  })

  it('check names and contacts with msgSecCheck', async () => {
    const res = failure(
      await env.call(
        PEOPLE.admin,
        'directory.enterprise.save',
        enterpriseForm({ contacts: [{ name: '违禁词测试', phone: '13877310001' }] }),
      ),
    )
    expect(res.code).toBe('INVALID_INPUT')
    expect(env.cloud.store.count(COLLECTIONS.enterprises)).toBe(3)
  })
})

describe('四个一 arrangements', () => {
  it('move an enterprise to another leader: both leaders’ grants follow at once', async () => {
    const saved = ok(
      await env.call(PEOPLE.admin, 'directory.arrangement.save', {
        enterpriseId: 'ent-b',
        leaderId: 'leader-a',
        leadUnitCode: 'education',
        memberUnitCodes: ['hrss', 'education'],
        commissionerIds: ['comm-b', 'comm-a'],
      }),
    )
    expect(saved.record).toMatchObject({ leaderName: '周立群', leadUnitName: '市教育局', serviceTeamId: 'team-ent-b' })
    expect(saved.record.team?.memberUnitCodes).toEqual(['education', 'hrss']) // the lead first
    const grantOf = (openid: string) => env.cloud.store.find(COLLECTIONS.users, { _id: openid })[0].grants[0]
    expect(grantOf(PEOPLE.leaderA).enterpriseIds).toEqual(['ent-a', 'ent-b'])
    expect(grantOf(PEOPLE.commissionerA).enterpriseIds).toEqual(['ent-a', 'ent-b'])
  })

  it('are only for key enterprises, and name only active people and units', async () => {
    const res = failure(
      await env.call(PEOPLE.admin, 'directory.arrangement.save', {
        enterpriseId: 'ent-c',
        leaderId: 'leader-x',
        leadUnitCode: 'tax',
        commissionerIds: ['comm-a'],
      }),
    )
    expect(res.fields).toEqual({
      enterpriseId: '桂林市瑞丰包装材料有限公司不是重点企业，只有重点企业设置四个一',
      leaderId: '未知市领导编号：leader-x',
      leadUnitCode: '未知牵头服务单位：tax',
    })
  })

  it('keep a leader with arrangements from being deactivated', async () => {
    const res = failure(
      await env.call(PEOPLE.admin, 'directory.setActive', { kind: 'leader', id: 'leader-a', active: false }),
    )
    expect(res).toMatchObject({
      code: 'CONFLICT',
      message: expect.stringContaining('燕京啤酒(桂林漓泉)股份有限公司的四个一'),
    })
    expect(res.message).toContain('融资专班')
    const unit = failure(
      await env.call(PEOPLE.admin, 'directory.setActive', { kind: 'unit', id: 'hrss', active: false }),
    )
    expect(unit.code).toBe('CONFLICT')
  })
})

describe('units, task forces, leaders, commissioners', () => {
  it('are created and edited by the admin, and listed by kind', async () => {
    ok(await env.call(PEOPLE.admin, 'directory.unit.save', { code: 'tax', name: '市税务局', level: 'city' }))
    const renamed = ok(
      await env.call(PEOPLE.admin, 'directory.unit.save', {
        code: 'tax',
        name: '国家税务总局桂林市税务局',
        level: 'city',
      }),
    )
    expect(renamed.record.name).toBe('国家税务总局桂林市税务局')
    const force = ok(
      await env.call(PEOPLE.admin, 'directory.taskForce.save', {
        code: 'tf-land',
        name: '用地专班',
        leaderId: 'leader-b',
        memberUnitCodes: ['tax', 'hrss'],
      }),
    )
    expect(force.record).toMatchObject({ kind: 'taskForce', leaderName: '黄志刚' })
    const leader = ok(
      await env.call(PEOPLE.admin, 'directory.leader.save', { name: '陈永平', title: '市委副书记', rank: 5 }),
    )
    expect(leader.record._id).toMatch(/^leader-[0-9a-f]{10}$/)
    expect(leader.record.bound).toBe(false)
    const commissioner = ok(
      await env.call(PEOPLE.admin, 'directory.commissioner.save', {
        name: '莫建新',
        unitCode: 'tax',
        phone: '13977320002',
        station: { kind: 'park', park: '桂林经开区' },
      }),
    )
    expect(commissioner.record).toMatchObject({
      unitName: '国家税务总局桂林市税务局',
      station: { kind: 'park', park: '桂林经开区', name: '桂林经开区' },
      squad: '',
    })
    const units = ok(await env.call(PEOPLE.dispatcher, 'directory.search', { kind: 'unit', keyword: '' }))
    expect(units.items.map((i) => i.kind === 'unit' && i.record.code)).toEqual([
      'education',
      'finance-office',
      'hrss',
      'industry-it',
      'tax',
      'county-lingui',
    ])
    const leaders = ok(await env.call(PEOPLE.dispatcher, 'directory.search', { kind: 'leader', keyword: '' }))
    expect(leaders.items.map((i) => i.kind === 'leader' && i.record.rank)).toEqual([1, 2, 5])
  })

  it('refuse a task force that names a department’s code, and a member that is a task force', async () => {
    const clash = failure(
      await env.call(PEOPLE.admin, 'directory.taskForce.save', {
        code: 'hrss',
        name: '人社专班',
        leaderId: 'leader-a',
        memberUnitCodes: ['tf-financing'],
      }),
    )
    expect(clash.fields).toEqual({
      code: '代码hrss已被单位市人力资源和社会保障局使用',
      memberUnitCodes: 'tf-financing是专班，不能作为成员单位',
    })
  })

  it('move a commissioner’s station and with it the enterprises they reach', async () => {
    ok(
      await env.call(PEOPLE.admin, 'directory.commissioner.save', {
        commissionerId: 'comm-a',
        name: '粟明辉',
        unitCode: 'industry-it',
        station: { kind: 'project', enterpriseId: 'ent-b', name: '华信制药新厂区项目' },
      }),
    )
    const [user] = env.cloud.store.find(COLLECTIONS.users, { _id: PEOPLE.commissionerA })
    expect(user.grants[0].enterpriseIds).toEqual(['ent-a', 'ent-b']) // still on A's team, now stationed at B
    const [stored] = env.cloud.store.find(COLLECTIONS.commissioners, { _id: 'comm-a' })
    expect(stored.userId).toBe(PEOPLE.commissionerA) // the binding is not the form's to change
  })

  it('are read by the office with phones in full, and by nobody else', async () => {
    const found = ok(await env.call(PEOPLE.dispatcher, 'directory.search', { kind: 'commissioner', keyword: '粟' }))
    expect(found.items.map((i) => i.kind === 'commissioner' && [i.record.phone, i.record.bound])).toEqual([
      ['13700001111', true],
    ])
    expect(failure(await env.call(PEOPLE.leaderA, 'directory.get', { kind: 'commissioner', id: 'comm-a' })).code).toBe(
      'FORBIDDEN',
    )
  })
})
