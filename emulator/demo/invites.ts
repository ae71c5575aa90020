/**
 * Invite codes to try the binding flow with in the local cloud (dev only: listed for the lead's dev page,
 * never printed; the office's real codes are random and shown once). Each is stored hashed like a real one;
 * the staff ones wait for the office's approval after redemption (binding.list → binding.approve).
 */
import type { RoleGrant } from '../../types/domain'

export interface DemoInvite {
  /** as a person would type it */
  code: string
  /** what it binds to, Chinese */
  label: string
  grant: RoleGrant
  requiresApproval: boolean
  /** already expired: shows the error a late code gets */
  expired?: boolean
}

export const DEMO_INVITES: readonly DemoInvite[] = [
  {
    code: 'DEMO-ENTR-LQ02',
    label: '燕京漓泉 · 第二位企业联系人（绑定即生效）',
    grant: { role: 'enterprise', enterpriseId: 'ent-liquan' },
    requiresApproval: false,
  },
  {
    code: 'DEMO-ENTR-RF01',
    label: '瑞丰包装（非重点企业）· 企业联系人（绑定即生效）',
    grant: { role: 'enterprise', enterpriseId: 'ent-ruifeng-packaging' },
    requiresApproval: false,
  },
  {
    code: 'DEMO-HNDL-ED02',
    label: '市教育局 · 经办人（需市重点办审核）',
    grant: { role: 'handler', unitCode: 'education' },
    requiresApproval: true,
  },
  {
    code: 'DEMO-HEAD-ED01',
    label: '市教育局 · 单位负责人（需市重点办审核）',
    grant: { role: 'unitHead', unitCode: 'education' },
    requiresApproval: true,
  },
  {
    code: 'DEMO-CMSR-HX02',
    label: '工业振兴特派员 · 驻华信制药（需市重点办审核）',
    grant: { role: 'commissioner', commissionerId: 'commissioner-huaxin' },
    requiresApproval: true,
  },
  {
    code: 'DEMO-LEAD-SC02',
    label: '市委书记（需市重点办审核）',
    grant: { role: 'leader', leaderId: 'leader-secretary' },
    requiresApproval: true,
  },
  {
    code: 'DEMO-EXPD-LQ00',
    label: '已过期的邀请码（试一试错误提示）',
    grant: { role: 'enterprise', enterpriseId: 'ent-liquan' },
    requiresApproval: false,
    expired: true,
  },
]

/** Valid demo codes never expire within any demo (the dev server's history ends today). */
export const DEMO_INVITE_EXPIRY = new Date('2099-12-31T15:59:59.999Z')
