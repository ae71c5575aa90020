/**
 * Issue 8: every action's payload schema under malformed input. For every action of the api's ActionTable,
 * payloads of the wrong type, with NUL, lone surrogates and control characters, huge strings, prototype keys,
 * deep nesting and long arrays, sent as several roles (and as an unbound stranger): the answer is always the
 * envelope, never INTERNAL, with a Chinese message, and a refused call changes nothing in the store.
 */
import { openTestCloud } from '../support/localCloud'
import { makeSubmission } from '../support/factories'
import type { ActionTable } from '../../cloudfunctions/api/router'
import manifest from '../../cloudfunctions/db-manifest.json'
import { ERROR_CODES } from '../../types/api'
import { TICKET_EVENTS } from '../../types/domain'
import { ok, PEOPLE, seedWorld, storeSnapshot } from '../directory/world'

const COLLECTION_NAMES = Object.keys(manifest.collections)
const ROLES_TRIED = [PEOPLE.contactA, PEOPLE.handlerA, PEOPLE.dispatcher, PEOPLE.admin, PEOPLE.leaderA, PEOPLE.stranger]

/** A small deterministic generator, so a failure is reproducible (mulberry32). */
function prng(seed: number) {
  return () => {
    seed = (seed + 0x6d2b79f5) | 0
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed)
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
}

function deep(depth: number): unknown {
  let value: unknown = 'bottom'
  for (let i = 0; i < depth; i++) value = i % 2 ? { a: value } : [value]
  return value
}

/** Values no schema field should take without a clear refusal. */
const BAD_VALUES: unknown[] = [
  null,
  0,
  -1,
  1.5,
  Number.MAX_SAFE_INTEGER,
  true,
  '',
  '\u0000',
  'a\u0000b',
  '\ud800',
  'x\u001b[31m',
  '../../etc/passwd',
  'constructor',
  '__proto__',
  'x'.repeat(100_000),
  [],
  ['\u0000'],
  Array.from({ length: 5_000 }, (_, i) => `v${i}`),
  {},
  { $gt: '' },
  { __proto__: { polluted: true } },
  JSON.parse('{"__proto__":{"polluted":true},"constructor":{"prototype":{"polluted":true}}}'),
  { toString: 'accept', constructor: 'accept', valueOf: 'ban' },
  deep(1_000),
]
const NON_OBJECTS: unknown[] = [null, 0, 'x', [], [{}], true, deep(1_000)]

/** The keys an action's payload schema names (zod/mini objects, through optional/default/pipe wrappers). */
function keysOf(schema: unknown): string[] {
  let def = (schema as { _zod?: { def?: Record<string, unknown> } })._zod?.def
  for (let i = 0; def && i < 10; i++) {
    if (def.shape) return Object.keys(def.shape as object)
    const next = (def.innerType ?? def.in ?? def.schema) as { _zod?: { def?: Record<string, unknown> } } | undefined
    def = next?._zod?.def
  }
  return []
}

let env: ReturnType<typeof openTestCloud>
let ACTIONS: ActionTable
let ticket: { _id: string; version: number }
beforeAll(async () => {
  env = openTestCloud()
  seedWorld(env)
  // after the local cloud patched the SDK: the actions module initialises it on load
  ACTIONS = (require('../../cloudfunctions/api/actions') as { ACTIONS: ActionTable }).ACTIONS
  ticket = ok(await env.call(PEOPLE.contactA, 'ticket.submit', makeSubmission(), { requestId: 'req-fuzz-seed' }))
})
afterAll(() => env.close())

function expectEnvelope(action: string, payload: unknown, res: unknown) {
  const label = `${action} ${JSON.stringify(payload)?.slice(0, 120)}`
  const envelope = res as { ok: boolean; data?: unknown; error?: { code: string; message: string } }
  expect({ label, ok: typeof envelope?.ok }).toEqual({ label, ok: 'boolean' })
  if (envelope.ok) return
  expect({ label, code: envelope.error?.code }).not.toEqual({ label, code: 'INTERNAL' })
  expect(ERROR_CODES).toContain(envelope.error?.code)
  expect({ label, chinese: /[\u4e00-\u9fff]/.test(envelope.error?.message ?? '') }).toEqual({ label, chinese: true })
}

/** One call; a refusal must leave the store exactly as it was. Returns whether it answered ok. */
async function probe(
  openid: string,
  action: string,
  payload: unknown,
  extra: { requestId?: string; role?: string } = {},
) {
  const before = storeSnapshot(env, COLLECTION_NAMES)
  const { result } = await env.cloud.invoke('api', { action, payload, requestId: 'req-fuzz-1', ...extra }, { openid })
  expectEnvelope(action, payload, result)
  if (!(result as { ok: boolean }).ok) {
    expect({
      action,
      payload: JSON.stringify(payload)?.slice(0, 120),
      changed: storeSnapshot(env, COLLECTION_NAMES) !== before,
    }).toMatchObject({ changed: false })
  }
  return (result as { ok: boolean }).ok
}

it('answers every malformed payload of every action with the envelope, never INTERNAL, changing nothing', async () => {
  const random = prng(8)
  const pick = <T>(list: readonly T[]) => list[Math.floor(random() * list.length)]
  let calls = 0
  const accepted: string[] = []
  for (const action of Object.keys(ACTIONS)) {
    const keys = keysOf(ACTIONS[action as keyof ActionTable].payload)
    const payloads: unknown[] = [...NON_OBJECTS]
    for (const key of keys) for (const value of BAD_VALUES) payloads.push({ [key]: value })
    // several bad fields at once, and bad fields beside good-looking ones
    for (let i = 0; i < 10 && keys.length > 0; i++) {
      payloads.push(Object.fromEntries(keys.map((key) => [key, pick(BAD_VALUES)])))
    }
    if (action === 'ticket.act') {
      for (const type of TICKET_EVENTS) {
        for (const field of [
          'text',
          'reason',
          'note',
          'question',
          'comment',
          'attachments',
          'units',
          'days',
          'mergedInto',
          'outcome',
          'rating',
          'receptionDayAt',
          'flags',
        ]) {
          payloads.push({ ticketId: ticket._id, version: ticket.version, event: { type, [field]: pick(BAD_VALUES) } })
        }
      }
    }
    for (const [i, payload] of payloads.entries()) {
      const openid = ROLES_TRIED[i % ROLES_TRIED.length]
      if (await probe(openid, action, payload)) accepted.push(`${action} ${JSON.stringify(payload)?.slice(0, 60)}`)
      calls++
    }
  }
  expect(calls).toBeGreaterThan(3_000)
  // what passes is a payload whose bad parts are ignored (unknown keys, a null payload read as {}): a few dozen
  expect(accepted.length).toBeLessThan(calls / 20)
}, 600_000)

it('answers a malformed envelope the same way: unknown, prototype and huge action names, bad roles and retry keys', async () => {
  // (callFunction data is always an object: a bare value or array never reaches the function)
  const envelopes: unknown[] = [
    {},
    { action: 7 },
    { action: '__proto__' },
    { action: 'constructor' },
    { action: 'toString' },
    { action: 'hasOwnProperty' },
    { action: 'x'.repeat(100_000) },
    { action: 'ticket.get\u0000' },
    { action: 'ticket.get', role: '__proto__' },
    { action: 'ticket.get', role: 'constructor' },
    { action: 'ticket.submit', payload: makeSubmission(), requestId: '\u0000' },
    { action: 'ticket.submit', payload: makeSubmission(), requestId: 'x'.repeat(10_000) },
    { action: 'ticket.submit', payload: makeSubmission(), requestId: { $ne: null } },
    { action: 'ticket.get', payload: deep(1_000) },
    { action: 'ticket.get', payload: { ticketId: deep(1_000) }, role: deep(1_000) },
  ]
  for (const event of envelopes) {
    for (const openid of [PEOPLE.contactA, PEOPLE.stranger]) {
      const before = storeSnapshot(env, COLLECTION_NAMES)
      const { result } = await env.cloud.invoke('api', event, { openid })
      expectEnvelope('envelope', event, result)
      expect((result as { ok: boolean }).ok).toBe(false)
      expect(storeSnapshot(env, COLLECTION_NAMES)).toBe(before)
    }
  }
})
