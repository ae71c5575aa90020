/**
 * Photos on a reply (issue 3 §7): the unit attaches files it uploaded itself; the enterprise reads them back
 * as temporary URLs; nobody attaches a file from someone else's folder.
 */
import { mkdirSync, writeFileSync } from 'node:fs'
import path from 'node:path'
import { openTestCloud } from '../support/localCloud'
import { makeEnterprise, makeSubmission, makeUnit, makeUser } from '../support/factories'
import { COLLECTIONS } from '../../cloudfunctions/shared/collections'
import type { ActionResult } from '../../types/actions'

const CONTACT = 'openid-lq-contact'
const OTHER_CONTACT = 'openid-hx-contact'
const DISPATCHER = 'openid-dispatcher'
const HRSS = 'openid-hrss-handler'
/** The fileID of a photo the app uploaded under the uploader's own folder (local cloud's bucket). */
const photoOf = (openid: string, name = 'site.jpg') => `cloud://local.local-bucket/attachments/${openid}/${name}`

/** What the app's upload does: the bytes land in the local cloud's storage folder. */
function uploadAs(openid: string, name: string) {
  const file = path.join(env.dataDir, 'storage', 'attachments', openid, name)
  mkdirSync(path.dirname(file), { recursive: true })
  writeFileSync(file, Buffer.from([0xff, 0xd8, 0xff, 0xd9])) // a (tiny) JPEG
  return photoOf(openid, name)
}

let env: ReturnType<typeof openTestCloud>
beforeEach(() => {
  env = openTestCloud()
  env.cloud.store.insertMany(COLLECTIONS.enterprises, [
    makeEnterprise({ _id: 'ent-lq' }),
    makeEnterprise({ _id: 'ent-hx', name: '桂林华信制药有限公司' }),
  ])
  env.cloud.store.insertMany(COLLECTIONS.units, [makeUnit({ code: 'hrss', name: '市人力资源和社会保障局' })])
  env.cloud.store.insertMany(COLLECTIONS.users, [
    makeUser(CONTACT, [{ role: 'enterprise', enterpriseId: 'ent-lq' }]),
    makeUser(OTHER_CONTACT, [{ role: 'enterprise', enterpriseId: 'ent-hx' }]),
    makeUser(DISPATCHER, [{ role: 'dispatcher' }]),
    makeUser(HRSS, [{ role: 'handler', unitCode: 'hrss' }]),
  ])
})
afterEach(() => env.close())

function ok<T>(res: { ok: true; data: T } | { ok: false; error: { code: string; message: string } }): T {
  if (!res.ok) throw new Error(`${res.error.code}: ${res.error.message}`)
  return res.data
}
const act = (openid: string, t: ActionResult<'ticket.get'>, event: Record<string, unknown>) =>
  env.call(openid, 'ticket.act', { ticketId: t._id, version: t.version, event: event as never })

async function signedTicket() {
  let t = ok(await env.call(CONTACT, 'ticket.submit', makeSubmission(), { requestId: 'req-photos-01' }))
  t = ok(await act(DISPATCHER, t, { type: 'accept' }))
  t = ok(await act(DISPATCHER, t, { type: 'dispatch' }))
  return ok(await act(HRSS, t, { type: 'sign' }))
}

it('keeps the photos the unit attaches to its reply', async () => {
  const t = await signedTicket()
  const replied = ok(
    await act(HRSS, t, {
      type: 'reply',
      outcome: 'solved',
      text: '招聘会现场照片见附件',
      attachments: [photoOf(HRSS)],
    }),
  )
  expect(replied.reply?.attachments).toEqual([photoOf(HRSS)])
})

it("refuses a file from someone else's folder, and changes nothing", async () => {
  const t = await signedTicket()
  const res = await act(HRSS, t, {
    type: 'reply',
    outcome: 'solved',
    text: '见附件',
    attachments: [photoOf(OTHER_CONTACT, 'license.jpg')],
  })
  expect(res).toMatchObject({
    ok: false,
    error: { code: 'INVALID_INPUT', fields: { attachments: '附件无效，请重新上传' } },
  })
  expect(env.cloud.store.find(COLLECTIONS.tickets)[0].state).toBe('signed')
})

it('answers temporary URLs only to those who may see the ticket, and none for a file that is gone', async () => {
  const t = await signedTicket()
  const uploaded = uploadAs(HRSS, 'job-fair.jpg')
  ok(
    await act(HRSS, t, {
      type: 'reply',
      outcome: 'solved',
      text: '见附件',
      attachments: [uploaded, photoOf(HRSS, 'deleted.jpg')],
    }),
  )
  const { urls } = ok(await env.call(CONTACT, 'ticket.files', { ticketId: t._id }))
  expect(Object.keys(urls)).toEqual([uploaded])
  expect(urls[uploaded]).toMatch(/job-fair\.jpg/)
  expect(await env.call(OTHER_CONTACT, 'ticket.files', { ticketId: t._id })).toMatchObject({
    ok: false,
    error: { code: 'NOT_FOUND' },
  })
})
