/**
 * Issue 11 through the real `api` function: ticket.previewAct shows, before 确认, what ticket.act then saves
 * (track, units by name, every running due, the reasons, what the enterprise will be told), writes nothing, and
 * answers only who may fire the event. When the reply due moves, the enterprise — and only the enterprise — finds
 * a message saying from when to when and why; a retried act sends nothing twice.
 */
import { openTestCloud } from '../support/localCloud'
import { makeEnterprise, makeSubmission, makeUnit, makeUser } from '../support/factories'
import { COLLECTIONS } from '../../cloudfunctions/shared/collections'
import { TRACK_LABELS } from '../../types/domain'
import type { ActionResult } from '../../types/actions'

const CONTACT = 'openid-lq-contact'
const DISPATCHER = 'openid-dispatcher'
const HRSS = 'openid-hrss-handler'
const HRSS_HEAD = 'openid-hrss-head'
const EDUCATION = 'openid-education-handler'

type Detail = ActionResult<'ticket.get'>
type EventPreview = ActionResult<'ticket.previewAct'>
let env: ReturnType<typeof openTestCloud>

beforeEach(() => {
  env = openTestCloud()
  env.cloud.store.insertMany(COLLECTIONS.enterprises, [makeEnterprise({ _id: 'ent-lq' })])
  env.cloud.store.insertMany(COLLECTIONS.units, [
    makeUnit({ code: 'hrss', name: '市人力资源和社会保障局' }),
    makeUnit({ code: 'education', name: '市教育局' }),
  ])
  env.cloud.store.insertMany(COLLECTIONS.users, [
    makeUser(CONTACT, [{ role: 'enterprise', enterpriseId: 'ent-lq' }], { name: '王经理' }),
    makeUser(DISPATCHER, [{ role: 'dispatcher' }], { name: '李科长' }),
    makeUser(HRSS, [{ role: 'handler', unitCode: 'hrss' }], { name: '周经办' }),
    makeUser(HRSS_HEAD, [{ role: 'unitHead', unitCode: 'hrss' }], { name: '陈局长' }),
    makeUser(EDUCATION, [{ role: 'handler', unitCode: 'education' }]),
  ])
})
afterEach(() => env.close())

function ok<T>(res: { ok: true; data: T } | { ok: false; error: { code: string; message: string } }): T {
  if (!res.ok) throw new Error(`${res.error.code}: ${res.error.message}`)
  return res.data
}

const DUE_OF_LABEL: Record<string, keyof Detail> = {
  签收时限: 'signDueAt',
  答复时限: 'replyDueAt',
  协调会时限: 'meetingDueAt',
  评价时限: 'ratingDueAt',
  受理时限: 'acceptDueAt',
}

const request = (ticket: Detail, event: Record<string, unknown>) => ({
  ticketId: ticket._id,
  version: ticket.version,
  event: event as never,
})

/** Preview, then act with the same event: the saved ticket is what the preview said. */
async function previewThenAct(openid: string, ticket: Detail, event: Record<string, unknown>) {
  const preview = ok(await env.call(openid, 'ticket.previewAct', request(ticket, event)))
  const saved = ok(await env.call(openid, 'ticket.act', request(ticket, event)))
  const named = ok(await env.call(DISPATCHER, 'ticket.get', { ticketId: saved._id }))
  expect(preview.track.after).toBe(TRACK_LABELS[saved.track])
  const [lead, ...co] = saved.units.map((code) => named.unitNames?.[code])
  expect(preview.units.after).toEqual({ lead, co })
  for (const due of preview.dues) expect(due.after).toEqual(saved[DUE_OF_LABEL[due.label]])
  expect(preview.reasons.after).toEqual(saved.gradeReasons)
  if (preview.enterpriseNotice !== null) expect(saved.timeline.at(-1)!.note).toContain(preview.enterpriseNotice)
  return { preview, saved }
}

async function signedTicket(): Promise<Detail> {
  let t = ok(await env.call(CONTACT, 'ticket.submit', makeSubmission(), { requestId: 'req-preview-00001' }))
  t = ok(await env.call(DISPATCHER, 'ticket.act', request(t, { type: 'accept' })))
  t = ok(await env.call(DISPATCHER, 'ticket.act', request(t, { type: 'dispatch' })))
  return ok(await env.call(HRSS, 'ticket.act', request(t, { type: 'sign' })))
}

/** Messages of a user after the app's flush of what the ticket planned. */
async function messagesOf(openid: string, ticketId: string) {
  ok(await env.call(DISPATCHER, 'notifications.flush', { ticketId }))
  return ok(await env.call(openid, 'notifications.list', {})).items
}

/** No letters of a code in what the enterprise or the form reads. */
function expectNoCode(preview: EventPreview) {
  const text = JSON.stringify({
    ...preview,
    dues: preview.dues.map(({ label, missedWorkingDays }) => ({ label, missedWorkingDays })),
  })
  expect(text.replace(/"[a-zA-Z]+":|true|false|null/g, '')).not.toMatch(/[a-zA-Z]{3,}/)
}

it('派单 with other units: the preview names the units and the track the dispatch then saves', async () => {
  let t = ok(await env.call(CONTACT, 'ticket.submit', makeSubmission(), { requestId: 'req-preview-00002' }))
  t = ok(await env.call(DISPATCHER, 'ticket.act', request(t, { type: 'accept' })))
  const { preview } = await previewThenAct(DISPATCHER, t, {
    type: 'dispatch',
    units: ['hrss', 'education'],
    reason: '涉及子女入学',
  })
  expect(preview).toMatchObject({
    track: { before: '限时办理', after: '专题协调' },
    units: { after: { lead: '市人力资源和社会保障局', co: ['市教育局'] } },
    enterpriseNotice: null,
    changes: true,
  })
  expect(preview.dues.map((d) => d.label)).toEqual(['签收时限', '协调会时限', '答复时限'])
  expectNoCode(preview)
})

it('升级, 延期, 改派: each preview is what is saved; the enterprise alone is told of each move of its reply due', async () => {
  let t = await signedTicket()
  const escalated = await previewThenAct(DISPATCHER, t, { type: 'escalate', reason: '涉及多个部门' })
  expect(escalated.preview.enterpriseNotice).toMatch(
    /^诉求升级为专题协调会办理，答复时限由(\d+年)?\d+月\d+日调整为(\d+年)?\d+月\d+日$/,
  )
  expectNoCode(escalated.preview)
  t = escalated.saved

  t = ok(
    await env.call(HRSS, 'ticket.act', request(t, { type: 'requestExtension', days: 3, reason: '需等待省厅批复' })),
  )
  const extended = await previewThenAct(HRSS_HEAD, t, { type: 'approveExtension' })
  expect(extended.preview.enterpriseNotice).toMatch(/^承办单位申请延期3个工作日已获同意，答复时限由/)
  t = extended.saved

  const reassigned = await previewThenAct(DISPATCHER, t, { type: 'reassign', units: ['education'], reason: '职责调整' })
  expect(reassigned.preview.units.after).toEqual({ lead: '市教育局', co: [] })

  const contactMessages = (await messagesOf(CONTACT, t._id)).filter((m) => m.template === 'replyDueMoved')
  const told = [escalated, extended, reassigned].map((step) => step.preview.enterpriseNotice).filter((n) => n !== null)
  expect(contactMessages.map((m) => m.detail).reverse()).toEqual(told)
  expect(contactMessages.every((m) => m.title === '答复时限调整')).toBe(true)
  // units and the office read the move on the ticket; they get no copy of the enterprise's message
  for (const staff of [HRSS, DISPATCHER, EDUCATION]) {
    expect((await messagesOf(staff, t._id)).some((m) => m.template === 'replyDueMoved')).toBe(false)
  }
})

it('a retried 升级 (same version) changes nothing and sends nothing twice', async () => {
  const t = await signedTicket()
  ok(await env.call(DISPATCHER, 'ticket.act', request(t, { type: 'escalate', reason: '涉及多个部门' })))
  const first = await messagesOf(CONTACT, t._id)
  const retry = await env.call(DISPATCHER, 'ticket.act', request(t, { type: 'escalate', reason: '涉及多个部门' }))
  expect(retry).toMatchObject({ ok: false, error: { code: 'CONFLICT' } })
  ok(await env.call(DISPATCHER, 'notifications.flush', { ticketId: t._id }))
  expect(await messagesOf(CONTACT, t._id)).toEqual(first)
  expect(first.filter((m) => m.template === 'replyDueMoved')).toHaveLength(1)
})

it('the preview writes nothing, answers only who may fire the event, and refuses a stale version', async () => {
  const t = await signedTicket()
  const before = JSON.stringify(env.cloud.store.find(COLLECTIONS.tickets))
  const outboxBefore = env.cloud.store.find(COLLECTIONS.outbox).length
  // a reason not typed yet: the preview still shows what the escalation does
  const preview = ok(await env.call(DISPATCHER, 'ticket.previewAct', request(t, { type: 'escalate' })))
  expect(preview.track).toEqual({ before: '限时办理', after: '专题协调' })
  expect(JSON.stringify(env.cloud.store.find(COLLECTIONS.tickets))).toBe(before)
  expect(env.cloud.store.find(COLLECTIONS.outbox)).toHaveLength(outboxBefore)

  expect(await env.call(HRSS, 'ticket.previewAct', request(t, { type: 'escalate' }))).toMatchObject({
    ok: false,
    error: { code: 'FORBIDDEN' },
  })
  expect(await env.call(EDUCATION, 'ticket.previewAct', request(t, { type: 'escalate' }))).toMatchObject({
    ok: false,
    error: { code: 'NOT_FOUND' },
  })
  expect(
    await env.call(DISPATCHER, 'ticket.previewAct', { ...request(t, { type: 'escalate' }), version: t.version - 1 }),
  ).toMatchObject({ ok: false, error: { code: 'CONFLICT' } })
})
