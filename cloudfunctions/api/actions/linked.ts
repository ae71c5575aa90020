/**
 * What a city leader or a commissioner sees of their own enterprises: the enterprises their grant links them
 * to (四个一 / station; `enterpriseIds` on the grant, see shared/grants.ts) and those enterprises' tickets.
 */
import * as z from 'zod/mini'
import type { ActionDef } from '../router'
import type { Enterprise, ServiceArrangement } from '../../../types/domain'
import { listTicketsSchema } from '../../../types/schemas'
import { visibleEnterpriseIds } from '../../shared/access'
import { COLLECTIONS } from '../../shared/collections'
import { findByIds } from '../../shared/directory'
import { loadWorkingCalendar } from '../../shared/calendar'
import { listTicketsOfEnterprises } from '../../shared/tickets'
import { arrangementViews, presentEnterprise } from './directory-present'

const idsOf = (ids: readonly string[] | 'all') => (ids === 'all' ? [] : ids)

export const linkedEnterprises: ActionDef<'directory.linked'> = {
  payload: z.object({}),
  async handle({ grant }) {
    const ids = idsOf(visibleEnterpriseIds('directory.linked', grant))
    const [enterprises, arrangements] = await Promise.all([
      findByIds<Enterprise>(COLLECTIONS.enterprises, ids),
      findByIds<ServiceArrangement>(COLLECTIONS.arrangements, ids),
    ])
    const views = new Map((await arrangementViews(arrangements, { enterprises })).map((a) => [a.enterpriseId, a]))
    return enterprises
      .sort((a, b) => (a.name < b.name ? -1 : 1))
      .map((enterprise) => ({
        enterprise: presentEnterprise(enterprise, grant.role),
        arrangement: views.get(enterprise._id) ?? null,
      }))
  },
}

export const linkedTickets: ActionDef<'ticket.listLinked'> = {
  payload: listTicketsSchema,
  async handle({ grant, now }, { cursor }) {
    return listTicketsOfEnterprises(idsOf(visibleEnterpriseIds('ticket.listLinked', grant)), cursor, {
      now,
      calendar: await loadWorkingCalendar(),
    })
  },
}
