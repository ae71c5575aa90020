/** Directory look-ups the workspaces need: units to dispatch to, enterprises to enter a call for. */
import type { ActionDef } from '../router'
import * as z from 'zod/mini'
import { enterpriseSearchSchema } from '../../../types/schemas'
import { listActiveDepartments, searchEnterprises } from '../../shared/enterprises'

export const units: ActionDef<'directory.units'> = {
  payload: z.object({}),
  async handle() {
    return (await listActiveDepartments()).map(({ code, name, level }) => ({ code, name, level }))
  },
}

export const enterprises: ActionDef<'directory.enterprises'> = {
  payload: enterpriseSearchSchema,
  async handle(_ctx, { keyword = '' }) {
    return (await searchEnterprises(keyword)).map(({ _id, name, district, isKey }) => ({ _id, name, district, isKey }))
  },
}
