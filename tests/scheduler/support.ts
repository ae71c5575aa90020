/**
 * Fixtures of the scheduler tests (STYLE.md §9): a small directory around one key enterprise with its 四个一,
 * template ids in the environment, consents, a clock the functions read, and readers of what was "sent".
 */
import { openTestCloud } from '../support/localCloud'
import { makeEnterprise, makeSubmission, makeUnit, makeUser } from '../support/factories'
import { COLLECTIONS } from '../../cloudfunctions/shared/collections'
import { defaultTemplateRegistry } from '../../cloudfunctions/core/reminders'
import type { ActionResult } from '../../types/actions'
import type { RecordedCall } from '../../emulator'

export type TestCloud = ReturnType<typeof openTestCloud>
export type Detail = ActionResult<'ticket.get'>

/** The people of the fixture, by OPENID. */
export const USERS = {
  contact: 'o-lq-contact',
  dispatcher: 'o-dispatcher',
  hrssHandler: 'o-hrss-handler',
  hrssHead: 'o-hrss-head',
  /** staff of industry-it: the enterprise's lead service unit (四个一) */
  industryHandler: 'o-industry-handler',
  leader: 'o-leader',
  commissioner: 'o-commissioner',
} as const

export const ENTERPRISE_ID = 'ent-lq'

/** A key enterprise with its arrangement, the units, the accounts: everything routing reaches. */
export function seedDirectory(env: TestCloud): void {
  env.cloud.store.insertMany(COLLECTIONS.enterprises, [makeEnterprise({ _id: ENTERPRISE_ID, isKey: true })])
  env.cloud.store.insertMany(COLLECTIONS.units, [
    makeUnit({ code: 'hrss', name: '市人力资源和社会保障局' }),
    makeUnit({ code: 'industry-it', name: '市工业和信息化局' }),
    makeUnit({ code: 'key-projects-office', name: '市重点办' }),
  ])
  env.cloud.store.insertMany(COLLECTIONS.arrangements, [
    {
      _id: ENTERPRISE_ID,
      enterpriseId: ENTERPRISE_ID,
      leaderId: 'L-1',
      leadUnitCode: 'industry-it',
      serviceTeamId: 'team-lq',
      commissionerIds: ['c-1'],
    },
  ])
  env.cloud.store.insertMany(COLLECTIONS.serviceTeams, [
    {
      _id: 'team-lq',
      enterpriseId: ENTERPRISE_ID,
      name: '漓泉服务团队',
      leadUnitCode: 'industry-it',
      memberUnitCodes: ['industry-it'],
      commissionerIds: ['c-1'],
    },
  ])
  env.cloud.store.insertMany(COLLECTIONS.users, [
    makeUser(USERS.contact, [{ role: 'enterprise', enterpriseId: ENTERPRISE_ID }], { name: '王经理' }),
    makeUser(USERS.dispatcher, [{ role: 'dispatcher', unitCode: 'key-projects-office' }], { name: '李科长' }),
    makeUser(USERS.hrssHandler, [{ role: 'handler', unitCode: 'hrss' }], { name: '周经办' }),
    makeUser(USERS.hrssHead, [{ role: 'unitHead', unitCode: 'hrss' }], { name: '邓局长' }),
    makeUser(USERS.industryHandler, [{ role: 'handler', unitCode: 'industry-it' }], { name: '黄经办' }),
    makeUser(USERS.leader, [{ role: 'leader', leaderId: 'L-1' }], { name: '市领导' }),
    makeUser(USERS.commissioner, [{ role: 'commissioner', commissionerId: 'c-1' }], { name: '粟特派员' }),
  ])
}

const registry = defaultTemplateRegistry()

/** A valid-looking template id per template key (WeChat's are ~43 characters). */
export function templateIdOf(templateKey: string): string {
  return `tpl-${templateKey}-${'x'.repeat(40)}`.slice(0, 43)
}

/** Sets every HQ_TPL_* (or only those of `keys`) for the functions, as the console's environment would; returns an undo. */
export function configureTemplateIds(keys: readonly string[] = Object.keys(registry.templates)): () => void {
  const before = { ...process.env }
  for (const [key, template] of Object.entries(registry.templates)) {
    if (keys.includes(key)) process.env[template.templateIdEnv] = templateIdOf(key)
    else delete process.env[template.templateIdEnv]
  }
  return () => {
    for (const template of Object.values(registry.templates)) {
      if (before[template.templateIdEnv] === undefined) delete process.env[template.templateIdEnv]
      else process.env[template.templateIdEnv] = before[template.templateIdEnv]
    }
  }
}

/** Consents straight into the ledger: `count` one-time consents of each template for each user. */
export function seedConsents(env: TestCloud, openids: readonly string[], count = 99): void {
  const counts = Object.fromEntries(
    Object.keys(registry.templates).map((key) => [key, { oneTime: count, longTerm: false }]),
  )
  env.cloud.store.insertMany(
    COLLECTIONS.consents,
    openids.map((openid) => ({ _id: openid, ...counts })),
  )
}

/** Only the clock is fake: the SDK and the local cloud still need real timers and microtasks. */
const REAL = [
  'hrtime',
  'nextTick',
  'performance',
  'queueMicrotask',
  'setImmediate',
  'clearImmediate',
  'setInterval',
  'clearInterval',
  'setTimeout',
  'clearTimeout',
] as const

/** Makes `new Date()` in the tests, the functions and the local cloud read `at`. */
export function setClock(at: Date): void {
  jest.useFakeTimers({ now: at, doNotFake: [...REAL] })
}

/** Moves the fake clock on (distinct times keep the message center's newest-first order unambiguous). */
export function advanceClock(minutes = 1): void {
  jest.setSystemTime(Date.now() + minutes * 60_000)
}

/** The scheduler logs one line per run for the cloud console; tests read its report instead. */
export function quietLogs(): void {
  jest.spyOn(console, 'log').mockImplementation(() => undefined)
}

/** An instant given as Shanghai wall time: sh('2026-10-08T08:30'). */
export function sh(wallTime: string): Date {
  return new Date(`${wallTime}+08:00`)
}

/** 'MM-DD HH:mm' in Shanghai. */
export function wall(instant: Date): string {
  return new Date(instant.getTime() + 8 * 3_600_000).toISOString().slice(5, 16).replace('T', ' ')
}

export function expectOk<T>(res: { ok: true; data: T } | { ok: false; error: { code: string; message: string } }): T {
  if (!res.ok) throw new Error(`${res.error.code}: ${res.error.message}`)
  return res.data
}

export async function submitTicket(
  env: TestCloud,
  requestId = 'req-scheduler-0001',
  overrides: Record<string, unknown> = {},
): Promise<Detail> {
  return expectOk(await env.call(USERS.contact, 'ticket.submit', makeSubmission(overrides), { requestId }))
}

export async function act(
  env: TestCloud,
  openid: string,
  ticket: { _id: string; version: number },
  event: Record<string, unknown>,
): Promise<Detail> {
  return expectOk(
    await env.call(openid, 'ticket.act', { ticketId: ticket._id, version: ticket.version, event: event as never }),
  )
}

/** What the app does once an action answered: deliver what it planned. */
export async function flush(env: TestCloud, openid: string, ticketId: string): Promise<void> {
  expectOk(await env.call(openid, 'notifications.flush', { ticketId }))
}

/** The template key of a recorded send, from its template id. */
function templateKeyOfId(templateId: unknown): string {
  const key = Object.keys(registry.templates).find((candidate) => templateIdOf(candidate) === templateId)
  return key ?? String(templateId)
}

export interface Sent {
  to: string
  template: string
  data: Record<string, string>
  page: string
  errCode: number
}

/** The subscribe messages the functions sent (recorded by the local cloud, as WeChat would have received them). */
export function sentMessages(env: TestCloud): Sent[] {
  return env.cloud.records.subscribeMessages.map((call: RecordedCall) => ({
    to: String(call.data.touser),
    template: templateKeyOfId(call.data.template_id),
    data: Object.fromEntries(
      Object.entries(call.data.data as Record<string, { value: string }>).map(([key, field]) => [key, field.value]),
    ),
    page: String(call.data.page),
    errCode: call.errCode,
  }))
}

/** The outbox (every notification, sent or not), as stored. */
export function outbox(env: TestCloud): any[] {
  return env.cloud.store.find(COLLECTIONS.outbox)
}

/**
 * The common set-up of the scheduler tests: before each test a fresh local cloud at `at` with every template
 * id configured, the small directory and (unless `consents: false`) consents for every user; after it, the
 * clock, the environment and the mocks restored.
 */
export function useSchedulerCloud(at: Date, options: { consents?: boolean } = {}) {
  const context = {
    env: undefined as unknown as TestCloud,
    restoreTemplates: () => {},
    /** configure only these template ids for the rest of the test */
    configureTemplates(keys: readonly string[]) {
      context.restoreTemplates()
      context.restoreTemplates = configureTemplateIds(keys)
    },
  }
  beforeEach(() => {
    quietLogs()
    setClock(at)
    context.restoreTemplates = configureTemplateIds()
    context.env = openTestCloud()
    seedDirectory(context.env)
    if (options.consents !== false) seedConsents(context.env, Object.values(USERS))
  })
  afterEach(() => {
    context.env.close()
    context.restoreTemplates()
    jest.useRealTimers()
    jest.restoreAllMocks()
  })
  return context
}
