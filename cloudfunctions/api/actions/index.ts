import type { ActionTable } from '../router'
import { profile } from './me'
import * as tickets from './tickets'
import { act } from './workflow'
import * as directory from './directory'
import * as stats from './stats'

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
  'directory.units': directory.units,
  'directory.enterprises': directory.enterprises,
  'stats.summary': stats.summary,
}
