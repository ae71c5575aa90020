/**
 * One directory record as a list row: the id the actions take, the name, a few facts to tell records apart,
 * and whether it is in use. Used by the directory list and the pickers that search the directory.
 */
import type { Wire } from '../../../../types/actions'
import { ROLE_LABELS, type Role } from '../../../../types/domain'
import {
  DIRECTORY_KIND_LABELS,
  UNIT_LEVEL_LABELS,
  type DirectoryKind,
  type DirectoryRecordView,
} from '../../../../types/directory'

export type RecordView = Wire<DirectoryRecordView>

export interface DirectoryRow {
  kind: DirectoryKind
  /** what directory.get / setActive take: _id, or the code for units and task forces */
  id: string
  name: string
  facts: string[]
  active: boolean
}

const present = (list: Array<string | false | undefined | null>): string[] =>
  list.filter((x): x is string => typeof x === 'string' && x !== '')

export function rowOf(view: RecordView): DirectoryRow {
  switch (view.kind) {
    case 'enterprise': {
      const e = view.record
      return {
        kind: view.kind,
        id: e._id,
        name: e.name,
        active: e.active,
        facts: present([e.isKey && '重点企业', e.creditCode, e.district, e.park, e.industry]),
      }
    }
    case 'unit': {
      const u = view.record
      return {
        kind: view.kind,
        id: u.code,
        name: u.name,
        active: u.active,
        facts: [UNIT_LEVEL_LABELS[u.level], u.code],
      }
    }
    case 'taskForce': {
      const t = view.record
      return {
        kind: view.kind,
        id: t.code,
        name: t.name,
        active: t.active,
        facts: [t.code, `牵头：${t.leaderName}`, `成员单位${t.memberUnitCodes.length}个`],
      }
    }
    case 'leader': {
      const l = view.record
      return {
        kind: view.kind,
        id: l._id,
        name: l.name,
        active: l.active,
        facts: [l.title, l.bound ? '已绑定微信' : '未绑定微信'],
      }
    }
    case 'commissioner': {
      const c = view.record
      return {
        kind: view.kind,
        id: c._id,
        name: c.name,
        active: c.active,
        facts: present([c.unitName, `驻点：${c.station.name}`, c.squad, c.bound ? '已绑定微信' : '未绑定微信']),
      }
    }
    case 'arrangement': {
      const a = view.record
      const commissioners = a.commissionerIds.map((id) => a.commissionerNames[id] ?? id).join('、')
      return {
        kind: view.kind,
        id: a.enterpriseId,
        name: a.enterpriseName,
        active: a.active,
        facts: [`市领导：${a.leaderName}`, `牵头单位：${a.leadUnitName}`, `特派员：${commissioners}`],
      }
    }
  }
}

/** 企业 / 单位 / … as tabs; 四个一 keeps its short name on the tab. */
export const KIND_TAB_LABELS: Record<DirectoryKind, string> = { ...DIRECTORY_KIND_LABELS, arrangement: '四个一' }

/** 市人社局 · 承办单位经办人 / 企业联系人 · 桂林某公司: the server's target name names the role for some grants already. */
export function grantLabel(role: Role, targetName: string): string {
  return targetName.includes(ROLE_LABELS[role]) ? targetName : `${ROLE_LABELS[role]} · ${targetName}`
}
