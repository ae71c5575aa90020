/**
 * The people a developer can act as in the local cloud's identity switcher (dev only; the cloud
 * takes identity from getWXContext().OPENID and nothing else). Their names are fixed here so the
 * switcher can be drawn without building the dataset; the dataset gives these users exactly these
 * names and roles (tests/demo checks it).
 */
import type { DemoIdentity } from './model'
import { LEADER_ROWS } from './leaders'

const mayor = LEADER_ROWS.find((row) => row.slug === 'mayor')
if (!mayor) throw new Error('leaders.ts must list the mayor')

export const DEMO_IDENTITIES: readonly DemoIdentity[] = [
  { openid: 'demo-ent-liquan', name: '刘雅琴', role: 'enterprise', label: '燕京漓泉 · 企业联系人' },
  { openid: 'demo-ent-huaxin', name: '张文斌', role: 'enterprise', label: '华信制药 · 企业联系人' },
  { openid: 'demo-dispatcher', name: '唐晓敏', role: 'dispatcher', label: '市重点办 · 调度员' },
  { openid: 'demo-handler-hrss', name: '覃丽华', role: 'handler', label: '市人社局 · 经办人' },
  { openid: 'demo-handler-education', name: '蒋春燕', role: 'handler', label: '市教育局 · 经办人' },
  { openid: 'demo-head-hrss', name: '邓志强', role: 'unitHead', label: '市人社局 · 单位负责人' },
  { openid: 'demo-commissioner-liquan', name: '粟明辉', role: 'commissioner', label: '工业振兴特派员 · 驻燕京漓泉' },
  { openid: `demo-leader-${mayor.slug}`, name: mayor.name, role: 'leader', label: '市长' },
  { openid: 'demo-admin', name: '林建国', role: 'admin', label: '系统管理员' },
  { openid: 'demo-handler-tf-financing', name: '韦海燕', role: 'handler', label: '融资专班 · 专班成员' },
]

/** The 专班 members' names, in the order of units.ts TASK_FORCE_ROWS (financing, land, approval, factors). */
export const TASK_FORCE_MEMBER_NAMES = ['韦海燕', '莫振华', '秦丽萍', '黎国栋'] as const

/** OPENIDs of accounts the history needs beside the per-unit and per-enterprise ones. */
export const OFFICE_ACCOUNTS = {
  /** 市重点办 staff who accept, dispatch and record reception days */
  dispatcher: 'demo-dispatcher',
  /** 966011 hotline operator of 市重点办 (role dispatcher: they enter calls) */
  hotline: 'demo-dispatcher-hotline',
  admin: 'demo-admin',
} as const

/** The name the identity table fixes for an OPENID, if any. */
export function fixedNameOf(openid: string): string | undefined {
  return DEMO_IDENTITIES.find((identity) => identity.openid === openid)?.name
}
