import type { ActionTable } from '../router'
import { profile } from './me'
import * as tickets from './tickets'
import { act } from './workflow'
import * as directory from './directory'
import * as stats from './stats'
import * as notifications from './notifications'
import * as binding from './binding'
import * as directoryAdmin from './directory-admin'
import * as directoryTransfer from './directory-transfer'
import * as linked from './linked'
import * as privacy from './privacy'
import * as service from './service'

/** Every action the `api` function answers; the router refuses anything else. */
export const ACTIONS: ActionTable = {
  'me.profile': profile,
  'ticket.submit': tickets.submit,
  'ticket.listMine': tickets.listMine,
  'ticket.get': tickets.get,
  'ticket.act': act,
  'ticket.queue': tickets.queue,
  'ticket.inbox': tickets.inbox,
  'ticket.preview': tickets.preview,
  'ticket.files': tickets.files,
  'directory.units': directory.units,
  'directory.enterprises': directory.enterprises,
  'stats.summary': stats.summary,
  'notifications.flush': notifications.flush,
  'notifications.list': notifications.list,
  'notifications.unreadCount': notifications.unreadCount,
  'notifications.markRead': notifications.markRead,
  'subscriptions.status': notifications.status,
  'subscriptions.record': notifications.record,
  'subscriptions.templateIds': notifications.templateIds,
  'me.acceptPrivacy': privacy.acceptPrivacy,
  'me.verifyPhone': privacy.verifyPhone,
  'binding.status': binding.status,
  'binding.redeem': binding.redeem,
  'binding.list': binding.list,
  'binding.approve': binding.approve,
  'binding.revoke': binding.revoke,
  'invite.issue': binding.issueInvite,
  'invite.list': binding.listInviteCodes,
  'invite.cancel': binding.cancelInvite,
  'directory.search': directoryAdmin.search,
  'directory.get': directoryAdmin.get,
  'directory.linked': linked.linkedEnterprises,
  'directory.enterprise.save': directoryAdmin.saveEnterprise,
  'directory.unit.save': directoryAdmin.saveUnit,
  'directory.taskForce.save': directoryAdmin.saveTaskForce,
  'directory.leader.save': directoryAdmin.saveLeader,
  'directory.commissioner.save': directoryAdmin.saveCommissioner,
  'directory.arrangement.save': directoryAdmin.saveArrangement,
  'directory.setActive': directoryAdmin.setActive,
  'directory.import': directoryTransfer.importDirectory,
  'directory.export': directoryTransfer.exportDirectory,
  'directory.importJobs': directoryTransfer.importJobs,
  'ticket.listLinked': linked.linkedTickets,
  'taskForce.tickets': service.taskForceTickets,
  'ticket.listFollowed': service.listFollowed,
  'visit.log': service.logVisit,
  'visit.list': service.listVisits,
  'visit.overview': service.visitOverview,
  'visit.coverage': service.visitCoverage,
}
