/**
 * A small directory with two sides, A and B, for access and directory tests (STYLE.md §9: factories with
 * overridable defaults). Every caller of side A holds one role; side B is "someone else's data".
 *
 *   enterprise A (key): leader-a, lead unit hrss, commissioner comm-a (stationed at A)
 *   enterprise B (key): leader-b, lead unit education, commissioner comm-b (at B's project)
 *   enterprise C (not key)
 */
import { makeCreditCode, organizationCodeCheckChar } from '../../types/credit-code'
import type { AppUser, Enterprise, RoleGrant, ServiceArrangement, Unit } from '../../types/domain'
import type { Commissioner, Leader, ServiceTeam, TaskForce } from '../../types/directory'
import { COLLECTIONS } from '../../cloudfunctions/shared/collections'
import type { openTestCloud } from '../support/localCloud'

/** A valid 统一社会信用代码 of 七星区 (450305) around an 8-character organisation code body. */
export function creditCode(body8: string, division = '450305'): string {
  return makeCreditCode(`91${division}${body8}${organizationCodeCheckChar(body8)}`)
}

export const CODES = {
  a: creditCode('19823068'),
  b: creditCode('MA5KXY12'),
  c: creditCode('66120034', '450312'),
}

export const PEOPLE = {
  contactA: 'o-contact-a',
  contactB: 'o-contact-b',
  handlerA: 'o-handler-hrss',
  headA: 'o-head-hrss',
  handlerB: 'o-handler-education',
  commissionerA: 'o-commissioner-a',
  leaderA: 'o-leader-a',
  dispatcher: 'o-dispatcher',
  admin: 'o-admin',
  stranger: 'o-stranger',
} as const

export function makeLeader(overrides: Partial<Leader> & Pick<Leader, '_id'>): Leader {
  return { name: '周立群', title: '市委书记', rank: 1, active: true, ...overrides }
}

export function makeDepartment(code: string, name: string, level: Unit['level'] = 'city'): Unit {
  return { _id: code, code, name, level, kind: 'department', active: true }
}

export function makeWorldEnterprise(
  overrides: Partial<Enterprise> & Pick<Enterprise, '_id' | 'name' | 'creditCode'>,
): Enterprise {
  return {
    district: '七星区',
    park: '桂林国家高新区',
    industry: '医药制造业',
    isKey: true,
    active: true,
    contacts: [],
    ...overrides,
  }
}

export const UNITS: Array<Unit | TaskForce> = [
  makeDepartment('hrss', '市人力资源和社会保障局'),
  makeDepartment('education', '市教育局'),
  makeDepartment('industry-it', '市工业和信息化局'),
  makeDepartment('finance-office', '市金融办'),
  makeDepartment('county-lingui', '临桂区人民政府', 'county'),
  {
    _id: 'tf-financing',
    code: 'tf-financing',
    name: '融资专班',
    level: 'city',
    kind: 'taskForce',
    active: true,
    leaderId: 'leader-a',
    memberUnitCodes: ['finance-office'],
  },
]

export const LEADERS: Leader[] = [
  makeLeader({ _id: 'leader-a', userId: PEOPLE.leaderA }),
  makeLeader({ _id: 'leader-b', name: '黄志刚', title: '市委副书记、市长', rank: 2 }),
]

export const ENTERPRISES: Enterprise[] = [
  makeWorldEnterprise({
    _id: 'ent-a',
    name: '燕京啤酒(桂林漓泉)股份有限公司',
    creditCode: CODES.a,
    industry: '酒、饮料和精制茶制造业',
    contacts: [{ name: '王经理', phone: '13812345678', title: '办公室主任' }],
  }),
  makeWorldEnterprise({
    _id: 'ent-b',
    name: '桂林华信制药有限公司',
    creditCode: CODES.b,
    contacts: [{ name: '李主任', phone: '13987654321' }],
  }),
  {
    _id: 'ent-c',
    name: '桂林市瑞丰包装材料有限公司',
    creditCode: CODES.c,
    district: '临桂区',
    industry: '印刷和记录媒介复制业',
    isKey: false,
    active: true,
  },
]

export const COMMISSIONERS: Commissioner[] = [
  {
    _id: 'comm-a',
    name: '粟明辉',
    unitCode: 'industry-it',
    station: { kind: 'enterprise', enterpriseId: 'ent-a', name: '燕京啤酒(桂林漓泉)股份有限公司' },
    squad: '桂林国家高新区分队',
    phone: '13700001111',
    userId: PEOPLE.commissionerA,
    active: true,
  },
  {
    _id: 'comm-b',
    name: '蒋德胜',
    unitCode: 'finance-office',
    station: { kind: 'project', enterpriseId: 'ent-b', name: '华信制药新厂区项目' },
    squad: '七星区分队',
    active: true,
  },
]

export const TEAMS: ServiceTeam[] = [
  {
    _id: 'team-ent-a',
    enterpriseId: 'ent-a',
    name: '燕京漓泉服务团队',
    leadUnitCode: 'hrss',
    memberUnitCodes: ['hrss', 'county-lingui'],
    commissionerIds: ['comm-a'],
    active: true,
  },
  {
    _id: 'team-ent-b',
    enterpriseId: 'ent-b',
    name: '华信制药服务团队',
    leadUnitCode: 'education',
    memberUnitCodes: ['education'],
    commissionerIds: ['comm-b'],
    active: true,
  },
]

export const ARRANGEMENTS: ServiceArrangement[] = [
  {
    _id: 'ent-a',
    enterpriseId: 'ent-a',
    leaderId: 'leader-a',
    leadUnitCode: 'hrss',
    serviceTeamId: 'team-ent-a',
    commissionerIds: ['comm-a'],
    active: true,
  },
  {
    _id: 'ent-b',
    enterpriseId: 'ent-b',
    leaderId: 'leader-b',
    leadUnitCode: 'education',
    serviceTeamId: 'team-ent-b',
    commissionerIds: ['comm-b'],
    active: true,
  },
]

const user = (openid: string, name: string, grants: RoleGrant[]): AppUser => ({
  _id: openid,
  name,
  grants,
  createdAt: new Date('2026-01-05T01:00:00Z'),
})

export const USERS: AppUser[] = [
  user(PEOPLE.contactA, '王经理', [{ role: 'enterprise', enterpriseId: 'ent-a' }]),
  user(PEOPLE.contactB, '李主任', [{ role: 'enterprise', enterpriseId: 'ent-b' }]),
  user(PEOPLE.handlerA, '周经办', [{ role: 'handler', unitCode: 'hrss' }]),
  user(PEOPLE.headA, '邓局长', [{ role: 'unitHead', unitCode: 'hrss' }]),
  user(PEOPLE.handlerB, '蒋经办', [{ role: 'handler', unitCode: 'education' }]),
  user(PEOPLE.commissionerA, '粟明辉', [{ role: 'commissioner', commissionerId: 'comm-a', enterpriseIds: ['ent-a'] }]),
  user(PEOPLE.leaderA, '周立群', [{ role: 'leader', leaderId: 'leader-a', enterpriseIds: ['ent-a'] }]),
  user(PEOPLE.dispatcher, '唐晓敏', [{ role: 'dispatcher', unitCode: 'key-projects-office' }]),
  user(PEOPLE.admin, '林建国', [{ role: 'admin' }]),
]

/** Loads the world into a fresh test cloud. */
export function seedWorld(env: ReturnType<typeof openTestCloud>): void {
  const { store } = env.cloud
  store.insertMany(COLLECTIONS.units, UNITS)
  store.insertMany(COLLECTIONS.leaders, LEADERS)
  store.insertMany(COLLECTIONS.enterprises, ENTERPRISES)
  store.insertMany(COLLECTIONS.commissioners, COMMISSIONERS)
  store.insertMany(COLLECTIONS.serviceTeams, TEAMS)
  store.insertMany(COLLECTIONS.arrangements, ARRANGEMENTS)
  store.insertMany(COLLECTIONS.users, USERS)
}

type Envelope<T> =
  { ok: true; data: T } | { ok: false; error: { code: string; message: string; fields?: Record<string, string> } }

export function ok<T>(res: Envelope<T>): T {
  if (!res.ok) throw new Error(`${res.error.code}: ${res.error.message}`)
  return res.data
}

export function failure<T>(res: Envelope<T>): { code: string; message: string; fields?: Record<string, string> } {
  if (res.ok) throw new Error(`expected a failure, got ${JSON.stringify(res.data).slice(0, 200)}`)
  return res.error
}

/** Every collection of the manifest, as JSON, to assert that nothing changed. */
export function storeSnapshot(env: ReturnType<typeof openTestCloud>, collections: readonly string[]): string {
  return JSON.stringify(collections.map((c) => [c, env.cloud.store.find(c)]))
}
