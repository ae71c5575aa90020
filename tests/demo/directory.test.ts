/**
 * The demo directory against the seed: 36 units sent 70 commissioners, 70 key enterprises are served by
 * 35 city leaders (two each) under 四个一, four task forces, and the enterprises the article names.
 */
import { GUILIN_DIVISION_CODES, isValidCreditCode } from '../../types/credit-code'
import { ROLES, type AppUser } from '../../types/domain'
import { buildDemoDataset, DEMO_IDENTITIES, type DemoDataset } from '../../emulator/demo'

let demo: DemoDataset
beforeAll(() => {
  demo = buildDemoDataset()
})

const byId = <T extends { _id: string }>(records: readonly T[]) =>
  new Map(records.map((record) => [record._id, record]))

describe('units', () => {
  it('are the 36 units of three levels that sent commissioners (seed: 区直、市直、县(市、区)三级36个单位)', () => {
    expect(demo.units).toHaveLength(36)
    expect(new Set(demo.units.map((unit) => unit.level))).toEqual(new Set(['region', 'city', 'county']))
    expect(demo.units.every((unit) => unit.kind === 'department' && unit._id === unit.code)).toBe(true)
  })

  it('include the city units DESIGN.md §4 routes categories to, by exactly these codes', () => {
    const names = new Map(demo.units.map((unit) => [unit.code, unit.name]))
    expect(
      Object.fromEntries(
        [
          'finance-office',
          'natural-resources',
          'approval-bureau',
          'industry-it',
          'hrss',
          'housing-construction',
          'education',
          'key-projects-office',
        ].map((code) => [code, names.get(code)]),
      ),
    ).toEqual({
      'finance-office': '市金融办',
      'natural-resources': '市自然资源和规划局',
      'approval-bureau': '市行政审批局',
      'industry-it': '市工业和信息化局',
      hrss: '市人力资源和社会保障局',
      'housing-construction': '市住房和城乡建设局',
      education: '市教育局',
      'key-projects-office': '市重点办',
    })
  })

  it('have kebab-case ASCII codes whose prefix says the level (county- / region-)', () => {
    for (const unit of demo.units) {
      expect(unit.code).toMatch(/^[a-z][a-z0-9]*(-[a-z0-9]+)*$/)
      const prefixLevel = unit.code.startsWith('county-')
        ? 'county'
        : unit.code.startsWith('region-')
          ? 'region'
          : 'city'
      expect([unit.code, unit.level]).toEqual([unit.code, prefixLevel])
    }
  })

  it('are joined by four task forces led by city leaders, each drawing on existing units', () => {
    // a 专班 member is a handler of the 专班's unit code
    const units = byId([...demo.units, ...demo.taskForces])
    const leaders = byId(demo.leaders)
    expect(demo.taskForces.map((tf) => [tf.code, tf.name])).toEqual([
      ['tf-financing', '融资专班'],
      ['tf-land', '用地专班'],
      ['tf-approval', '审批专班'],
      ['tf-factors', '要素保障专班'],
    ])
    for (const taskForce of demo.taskForces) {
      expect(taskForce.kind).toBe('taskForce')
      expect(leaders.has(taskForce.leaderId)).toBe(true)
      expect(taskForce.memberUnitCodes.filter((code) => !units.has(code))).toEqual([])
    }
  })
})

describe('enterprises', () => {
  it('are 70 key enterprises and some ordinary ones', () => {
    expect(demo.enterprises.filter((e) => e.isKey)).toHaveLength(70)
    expect(demo.enterprises.filter((e) => !e.isKey).length).toBeGreaterThanOrEqual(10)
  })

  it('include the key enterprises the article names', () => {
    const keyNames = demo.enterprises.filter((e) => e.isKey).map((e) => e.name)
    for (const named of [
      '燕京啤酒(桂林漓泉)',
      '鸿程矿山',
      '华信制药',
      '平钢',
      '兴安玉环汽车部件',
      '吉福思',
      '华宇木业',
    ]) {
      expect(keyNames.filter((name) => name.includes(named))).toHaveLength(1)
    }
  })

  it('carry valid, distinct credit codes registered in their own district', () => {
    const codes = demo.enterprises.map((e) => e.creditCode)
    expect(codes.filter((code) => !isValidCreditCode(code))).toEqual([])
    expect(new Set(codes).size).toBe(codes.length)
    for (const enterprise of demo.enterprises) {
      expect(GUILIN_DIVISION_CODES[enterprise.creditCode.slice(2, 8)]).toBe(enterprise.district)
    }
  })

  it('of the key kind each name a park and an industry', () => {
    for (const enterprise of demo.enterprises.filter((e) => e.isKey)) {
      expect(enterprise.park).toBeTruthy()
      expect(enterprise.industry).toBeTruthy()
    }
  })
})

describe('四个一 arrangements', () => {
  it('count 35 leaders, 70 arrangements, 70 service teams and 70 commissioners', () => {
    expect(demo.leaders).toHaveLength(35)
    expect(demo.arrangements).toHaveLength(70)
    expect(demo.serviceTeams).toHaveLength(70)
    expect(demo.commissioners).toHaveLength(70)
  })

  it('give every key enterprise exactly one arrangement, keyed by the enterprise', () => {
    const keyIds = demo.enterprises
      .filter((e) => e.isKey)
      .map((e) => e._id)
      .sort()
    expect(demo.arrangements.map((a) => a.enterpriseId).sort()).toEqual(keyIds)
    expect(demo.arrangements.every((a) => a._id === a.enterpriseId)).toBe(true)
  })

  it('link every leader to exactly two key enterprises (70 = 35 × 2)', () => {
    const perLeader = new Map<string, number>()
    for (const arrangement of demo.arrangements)
      perLeader.set(arrangement.leaderId, (perLeader.get(arrangement.leaderId) ?? 0) + 1)
    expect(demo.leaders.map((leader) => perLeader.get(leader._id))).toEqual(Array(35).fill(2))
  })

  it('name only leaders, units, teams and commissioners that exist, the team matching the arrangement', () => {
    const leaders = byId(demo.leaders)
    const units = byId(demo.units)
    const teams = byId(demo.serviceTeams)
    const commissioners = byId(demo.commissioners)
    for (const arrangement of demo.arrangements) {
      expect(leaders.has(arrangement.leaderId)).toBe(true)
      expect(units.has(arrangement.leadUnitCode)).toBe(true)
      expect(arrangement.commissionerIds.length).toBeGreaterThan(0)
      expect(arrangement.commissionerIds.every((id) => commissioners.has(id))).toBe(true)
      const team = teams.get(arrangement.serviceTeamId)!
      expect(team.enterpriseId).toBe(arrangement.enterpriseId)
      expect(team.leadUnitCode).toBe(arrangement.leadUnitCode)
      expect(team.memberUnitCodes[0]).toBe(arrangement.leadUnitCode)
      expect(team.memberUnitCodes.every((code) => units.has(code))).toBe(true)
      expect(team.commissionerIds).toEqual(arrangement.commissionerIds)
    }
  })

  it('draw the 70 commissioners from all 36 units, each serving at least one arrangement', () => {
    expect(new Set(demo.commissioners.map((c) => c.unitCode))).toEqual(new Set(demo.units.map((u) => u.code)))
    const serving = new Set(demo.arrangements.flatMap((a) => a.commissionerIds))
    expect(demo.commissioners.filter((c) => !serving.has(c._id))).toEqual([])
  })

  it('station each commissioner at an enterprise, a project or a park, and record where', () => {
    const enterprises = byId(demo.enterprises)
    const parks = new Set(demo.enterprises.map((e) => e.park))
    for (const { station } of demo.commissioners) {
      if (station.kind === 'park') expect(parks.has(station.park)).toBe(true)
      else expect(enterprises.get(station.enterpriseId)?.isKey).toBe(true)
      expect(station.name).toBeTruthy()
    }
    expect(new Set(demo.commissioners.map((c) => c.station.kind))).toEqual(new Set(['enterprise', 'project', 'park']))
    // seed: "工业振兴特派员驻高铁(桂林)广西园分队"
    expect(demo.commissioners.some((c) => c.squad === '高铁(桂林)广西园分队')).toBe(true)
  })
})

describe('users', () => {
  const grantTargetsExist = (user: AppUser) => {
    const enterprises = byId(demo.enterprises)
    // a 专班 member is a handler of the 专班's unit code
    const units = byId([...demo.units, ...demo.taskForces])
    const leaders = byId(demo.leaders)
    const commissioners = byId(demo.commissioners)
    return user.grants.every(
      (grant) =>
        ROLES.includes(grant.role) &&
        (grant.enterpriseId === undefined || enterprises.has(grant.enterpriseId)) &&
        (grant.unitCode === undefined || units.has(grant.unitCode)) &&
        (grant.leaderId === undefined || leaders.has(grant.leaderId)) &&
        (grant.commissionerId === undefined || commissioners.has(grant.commissionerId)),
    )
  }

  it('have distinct OPENIDs and grants that point at existing records', () => {
    expect(new Set(demo.users.map((u) => u._id)).size).toBe(demo.users.length)
    expect(demo.users.filter((user) => !grantTargetsExist(user)).map((u) => u._id)).toEqual([])
  })

  it('include every identity of the dev switcher, with its name and role', () => {
    const users = byId(demo.users)
    for (const identity of DEMO_IDENTITIES) {
      const user = users.get(identity.openid)
      expect(user?.name).toBe(identity.name)
      expect(user?.grants.map((g) => g.role)).toContain(identity.role)
      expect(identity.label).toMatch(/\p{Script=Han}/u)
    }
  })

  it('offer the identities the demo needs: two enterprises, office, two handlers, a head, commissioner, mayor, admin', () => {
    const grantOf = (openid: string, role: string) =>
      demo.users.find((u) => u._id === openid)?.grants.find((g) => g.role === role)
    const grants = DEMO_IDENTITIES.map((identity) => grantOf(identity.openid, identity.role))
    expect(grants).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ role: 'enterprise', enterpriseId: 'ent-liquan' }),
        expect.objectContaining({ role: 'enterprise', enterpriseId: 'ent-huaxin' }),
        expect.objectContaining({ role: 'dispatcher', unitCode: 'key-projects-office' }),
        expect.objectContaining({ role: 'handler', unitCode: 'hrss' }),
        expect.objectContaining({ role: 'handler', unitCode: 'education' }),
        expect.objectContaining({ role: 'unitHead', unitCode: 'hrss' }),
        expect.objectContaining({ role: 'commissioner' }),
        expect.objectContaining({ role: 'leader', leaderId: 'leader-mayor' }),
        expect.objectContaining({ role: 'admin' }),
      ]),
    )
    expect(demo.leaders.find((l) => l._id === 'leader-mayor')?.title).toContain('市长')
  })
})
