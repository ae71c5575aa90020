/**
 * Fixture factories with overridable defaults (STYLE.md §9): each test states only what matters to it.
 */
import type { AppUser, Enterprise, RoleGrant, Unit } from '../../types/domain'

export function makeEnterprise(overrides: Partial<Enterprise> = {}): Enterprise {
  return {
    _id: 'ent-lq',
    name: '燕京啤酒（桂林漓泉）股份有限公司',
    creditCode: '91450300198230687E',
    district: '象山区',
    park: '桂林经开区',
    industry: '食品饮料',
    isKey: true,
    active: true,
    ...overrides,
  }
}

export function makeUnit(overrides: Partial<Unit> & Pick<Unit, 'code'>): Unit {
  return { _id: overrides.code, name: overrides.code, level: 'city', kind: 'department', active: true, ...overrides }
}

export function makeUser(openid: string, grants: RoleGrant[], overrides: Partial<AppUser> = {}): AppUser {
  return { _id: openid, name: `用户${openid}`, grants, createdAt: new Date('2026-01-05T01:00:00Z'), ...overrides }
}

/** A valid submit payload; override a field to make it invalid. */
export function makeSubmission(overrides: Record<string, unknown> = {}) {
  return {
    category: 'labor',
    title: '新厂区投产急需招聘200名技术工人',
    description: '二期生产线11月投产，缺焊工、电工等技术工人约200名，希望人社部门协助组织专场招聘。',
    urgency: 'normal',
    ...overrides,
  }
}
