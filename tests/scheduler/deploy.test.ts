/**
 * What deploying the scheduler needs, checked where it is declared: its trigger, timeout and openapi
 * permission (config.json), the pinned SDK (package.json), and the collections and indexes its queries use
 * (db-manifest.json, created in the console from that file).
 */
import { readFileSync } from 'node:fs'
import path from 'node:path'
import manifest from '../../cloudfunctions/db-manifest.json'
import { OUTBOX_INDEXES, REMINDER_INDEXES } from '../../cloudfunctions/core/reminders'
import { COLLECTIONS } from '../../cloudfunctions/shared/collections'
import { CLAIM_LEASE_MS, RUN_BUDGET_MS } from '../../cloudfunctions/shared/deliveryLimits'

const folder = path.resolve(__dirname, '../../cloudfunctions/scheduler')
const config = JSON.parse(readFileSync(path.join(folder, 'config.json'), 'utf8'))
const pkg = JSON.parse(readFileSync(path.join(folder, 'package.json'), 'utf8'))
type Collections = Record<string, { indexes: Array<{ name: string; keys: Record<string, number> }> }>
const collections = manifest.collections as unknown as Collections

it('fires every 10 minutes on one timer trigger (7-field cron, UTC+8)', () => {
  expect(config.triggers).toEqual([{ name: 'every10min', type: 'timer', config: '0 */10 * * * * *' }])
})

it('may send subscribe messages and the SMS fallback, and nothing else', () => {
  expect(config.permissions.openapi).toEqual(['subscribeMessage.send', 'cloudbase.sendSms'])
})

it('has time for a run: the run stops starting work before the timeout, and a claim outlives any run', () => {
  expect(config.timeout).toBeGreaterThanOrEqual(60)
  expect(RUN_BUDGET_MS).toBeLessThan(config.timeout * 1000)
  expect(CLAIM_LEASE_MS).toBeGreaterThan(config.timeout * 1000)
})

it('pins wx-server-sdk exactly (the cloud installs it at deploy)', () => {
  expect(pkg.dependencies).toEqual({ 'wx-server-sdk': '4.0.2' })
})

it('lists the outbox and consents collections', () => {
  expect(Object.keys(collections)).toEqual(expect.arrayContaining([COLLECTIONS.outbox, COLLECTIONS.consents]))
})

it.each([
  ...REMINDER_INDEXES.map((index) => [COLLECTIONS.tickets, index.name, index.keys] as const),
  ...OUTBOX_INDEXES.map((index) => [COLLECTIONS.outbox, index.name, index.keys] as const),
])('%s has an index with the keys of %s', (collection, _name, keys) => {
  // the same keys in the same order (the name may differ: tickets.by_state_replyDue serves the inbox too)
  const same = collections[collection].indexes.some((index) => JSON.stringify(index.keys) === JSON.stringify(keys))
  expect(same).toBe(true)
})
