/**
 * A commissioner enters a 诉求 for an enterprise they serve (代录), or records one met on a visit and solved on
 * the spot (现场办结, DESIGN.md §1); never for an enterprise they do not serve.
 */
import { openTestCloud } from '../support/localCloud'
import { makeSubmission } from '../support/factories'
import { COLLECTIONS } from '../../cloudfunctions/shared/collections'
import { failure, ok, PEOPLE, seedWorld } from '../directory/world'

let env: ReturnType<typeof openTestCloud>
beforeEach(async () => {
  env = openTestCloud()
  await seedWorld(env)
})
afterEach(() => env.close())

const tickets = () => env.cloud.store.count(COLLECTIONS.tickets)

it('enters a 诉求 for the stationed enterprise as 代录, waiting for the office', async () => {
  const t = ok(
    await env.call(PEOPLE.commissionerA, 'ticket.submit', makeSubmission({ enterpriseId: 'ent-a' }), {
      requestId: 'req-proxy-0001',
    }),
  )
  expect(t).toMatchObject({ enterpriseId: 'ent-a', channel: 'proxy', state: 'submitted' })
  expect(t.timeline[0]).toMatchObject({ role: 'commissioner' })
})

it('records a problem met on a visit and solves it on the spot; the enterprise still rates it', async () => {
  const before = tickets()
  let t = ok(
    await env.call(PEOPLE.commissionerA, 'ticket.submit', makeSubmission({ enterpriseId: 'ent-a', onVisit: true }), {
      requestId: 'req-visit-0001',
    }),
  )
  expect(t.channel).toBe('visit')
  expect(t.offeredEvents).toContain('resolveOnSite')
  t = ok(
    await env.call(PEOPLE.commissionerA, 'ticket.act', {
      ticketId: t._id,
      version: t.version,
      event: { type: 'resolveOnSite', text: '现场协调人社局，当场对接招聘会' },
    }),
  )
  expect(t).toMatchObject({ state: 'replied', track: 'onsite' })
  expect(tickets()).toBe(before + 1)
  const asContact = ok(await env.call(PEOPLE.contactA, 'ticket.get', { ticketId: t._id }))
  expect(asContact.offeredEvents).toContain('rate')
})

it('refuses an enterprise the commissioner does not serve, and saves nothing', async () => {
  const before = tickets()
  const res = await env.call(PEOPLE.commissionerA, 'ticket.submit', makeSubmission({ enterpriseId: 'ent-b' }), {
    requestId: 'req-proxy-0002',
  })
  expect(failure(res)).toMatchObject({ code: 'FORBIDDEN', message: '只能为您服务的企业代录诉求' })
  expect(tickets()).toBe(before)
})

it('ignores onVisit from an enterprise contact: their channel is the app', async () => {
  const t = ok(
    await env.call(PEOPLE.contactA, 'ticket.submit', makeSubmission({ onVisit: true }), {
      requestId: 'req-visit-0002',
    }),
  )
  expect(t.channel).toBe('app')
})
