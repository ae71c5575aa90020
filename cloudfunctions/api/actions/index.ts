import type { ActionTable } from '../router'
import type { ApiFunctionAction } from '../../../types/functions'
import { profile } from './me'
import * as tickets from './tickets'
import { act, previewAct } from './workflow'
import * as directory from './directory'
import * as stats from './stats'
import * as notifications from './notifications'
import * as binding from './binding'
import * as directoryAdmin from './directory-admin'
import * as linked from './linked'
import * as privacy from './privacy'
import * as search from './search'
import * as meetings from './meetings'
import * as leader from './leader'
import * as reach from './reach'
import * as service from './service'
import * as calendar from './calendar'

/**
 * Every action the `api` function answers; the router refuses anything else. Spreadsheets in and out
 * (directory import/export, the office's exports) are the `export` function's (types/functions.ts).
 */
export const ACTIONS: ActionTable<ApiFunctionAction> = {
  'me.profile': profile,
  'ticket.submit': tickets.submit,
  'ticket.listMine': tickets.listMine,
  'ticket.get': tickets.get,
  'ticket.act': act,
  'ticket.previewAct': previewAct,
  'ticket.queue': tickets.queue,
  'ticket.inbox': tickets.inbox,
  'ticket.preview': tickets.preview,
  'ticket.files': tickets.files,
  'directory.units': directory.units,
  'directory.enterprises': directory.enterprises,
  'stats.summary': stats.summary,
  'calendar.get': calendar.get,
  'calendar.preview': calendar.preview,
  'calendar.save': calendar.save,
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
  'ticket.listLinked': linked.linkedTickets,
  'ticket.search': search.search,
  'meeting.create': meetings.create,
  'meeting.list': meetings.list,
  'meeting.get': meetings.get,
  'meeting.candidates': meetings.candidates,
  'meeting.addAgenda': meetings.addAgenda,
  'meeting.invite': meetings.invite,
  'meeting.decide': meetings.decide,
  'meeting.raise': meetings.raise,
  'ticket.leaderItems': leader.leaderItems,
  'reach.list': reach.list,
  'reach.remind': reach.remind,
  'taskForce.tickets': service.taskForceTickets,
  'ticket.listFollowed': service.listFollowed,
  'visit.log': service.logVisit,
  'visit.list': service.listVisits,
  'visit.overview': service.visitOverview,
  'visit.coverage': service.visitCoverage,
}
