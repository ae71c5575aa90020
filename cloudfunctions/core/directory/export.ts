/** The rows an export writes: exactly the columns the import reads back. No I/O. */
import type { Unit, UnitLevel } from '../../../types/domain'
import { STATION_KIND_LABELS, UNIT_LEVEL_LABELS, type DirectoryTable, type TaskForce } from '../../../types/directory'
import type { DirectorySnapshot } from './snapshot'
import { LIST_SEPARATOR } from './import'

// ---------------------------------------------------------------------------------------------------------
// Export rows: exactly the columns the import reads back

export type ExportCell = string | number
const statusCell = (active: boolean | undefined) => (active === false ? '停用' : '启用')
const byText = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0)

export function exportRows(snapshot: DirectorySnapshot): Record<DirectoryTable, Array<Record<string, ExportCell>>> {
  const enterprises = new Map(snapshot.enterprises.map((e) => [e._id, e]))
  const teams = new Map(snapshot.serviceTeams.map((t) => [t._id, t]))
  const levelOrder = (level: UnitLevel) => ['region', 'city', 'county'].indexOf(level)
  const departments = snapshot.units.filter((u): u is Unit => u.kind === 'department')
  const taskForces = snapshot.units.filter((u): u is TaskForce => u.kind === 'taskForce')
  const creditCodeOf = (enterpriseId: string) => enterprises.get(enterpriseId)?.creditCode ?? ''
  return {
    units: [...departments]
      .sort((a, b) => levelOrder(a.level) - levelOrder(b.level) || byText(a.code, b.code))
      .map((u) => ({ code: u.code, name: u.name, level: UNIT_LEVEL_LABELS[u.level], status: statusCell(u.active) })),
    leaders: [...snapshot.leaders]
      .sort((a, b) => a.rank - b.rank || byText(a._id, b._id))
      .map((l) => ({ id: l._id, name: l.name, title: l.title, rank: l.rank, status: statusCell(l.active) })),
    taskForces: [...taskForces]
      .sort((a, b) => byText(a.code, b.code))
      .map((t) => ({
        code: t.code,
        name: t.name,
        leaderId: t.leaderId,
        memberUnitCodes: t.memberUnitCodes.join(LIST_SEPARATOR),
        status: statusCell(t.active),
      })),
    enterprises: [...snapshot.enterprises]
      .sort((a, b) => Number(b.isKey) - Number(a.isKey) || byText(a.creditCode, b.creditCode))
      .map((e) => {
        const contacts = e.contacts ?? []
        return {
          creditCode: e.creditCode,
          name: e.name,
          district: e.district,
          park: e.park ?? '',
          industry: e.industry,
          isKey: e.isKey ? '是' : '否',
          contactNames: contacts.map((c) => c.name).join(LIST_SEPARATOR),
          contactPhones: contacts.map((c) => c.phone).join(LIST_SEPARATOR),
          contactTitles: contacts.some((c) => c.title) ? contacts.map((c) => c.title || '-').join(LIST_SEPARATOR) : '',
          status: statusCell(e.active),
        }
      }),
    commissioners: [...snapshot.commissioners]
      .sort((a, b) => byText(a._id, b._id))
      .map((c) => ({
        id: c._id,
        name: c.name,
        unitCode: c.unitCode,
        squad: c.squad,
        stationKind: STATION_KIND_LABELS[c.station.kind],
        stationCreditCode: c.station.kind === 'park' ? '' : creditCodeOf(c.station.enterpriseId),
        stationName: c.station.name,
        phone: c.phone ?? '',
        status: statusCell(c.active),
      })),
    arrangements: [...snapshot.arrangements]
      .sort((a, b) => byText(creditCodeOf(a.enterpriseId), creditCodeOf(b.enterpriseId)))
      .map((a) => {
        const team = teams.get(a.serviceTeamId)
        return {
          creditCode: creditCodeOf(a.enterpriseId),
          enterpriseName: enterprises.get(a.enterpriseId)?.name ?? '',
          leaderId: a.leaderId,
          leadUnitCode: a.leadUnitCode,
          teamName: team?.name ?? '',
          memberUnitCodes: (team?.memberUnitCodes ?? [a.leadUnitCode]).join(LIST_SEPARATOR),
          commissionerIds: a.commissionerIds.join(LIST_SEPARATOR),
          status: statusCell(a.active),
        }
      }),
  }
}
