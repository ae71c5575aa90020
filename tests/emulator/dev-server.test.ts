/**
 * The dev server of `npm start` and the browser tests (emulator/server.ts) answers every bad body with a 4xx
 * and the envelope `{ok:false, error:{code, message}}` in Chinese, never a 5xx or a dropped connection
 * (issue 8 item 7); and the scheduler runs only when its timer starts it (in WeChat only the timer and the
 * console trigger it), not when a caller posts to it.
 */
import type { AddressInfo } from 'node:net'
import http from 'node:http'
import { IN_MEMORY, openLocalCloud, type DbManifest, type LocalCloud } from '../../emulator'
import { createDevServer } from '../../emulator/server'
import manifestJson from '../../cloudfunctions/db-manifest.json'
import { API_SOURCE, SCHEDULER_SOURCE } from '../support/localCloud'

let cloud: LocalCloud
let server: http.Server
let baseUrl: string

beforeAll(async () => {
  cloud = openLocalCloud({
    dataDir: IN_MEMORY,
    manifest: manifestJson as unknown as DbManifest,
    functions: { api: API_SOURCE, scheduler: SCHEDULER_SOURCE },
    requireIndexes: true,
  })
  server = createDevServer({ cloud, staticDir: '/nonexistent', identities: [] })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`
})

afterAll(async () => {
  await new Promise((resolve) => server.close(resolve))
  cloud.close()
})

async function post(fn: string, body: string, headers: Record<string, string> = {}) {
  const response = await fetch(`${baseUrl}/api/fn/${fn}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body,
  })
  return { status: response.status, body: (await response.json()) as unknown }
}

const CHINESE = /[\u4e00-\u9fff]/
const refusal = (code: string) => ({ ok: false, error: { code, message: expect.stringMatching(CHINESE) } })

describe('a body that is not a JSON object is refused with 400 INVALID_INPUT', () => {
  it.each([
    ['an array', '[]'],
    ['a string', '"x"'],
    ['a number', '123'],
    ['null', 'null'],
    ['malformed JSON', '{"action": '],
    ['not JSON at all', 'action=me'],
  ])('%s', async (_, body) => {
    expect(await post('api', body)).toEqual({ status: 400, body: refusal('INVALID_INPUT') })
  })

  it('an object nested 10,000 deep: refused before anything walks it (it used to overflow the stack: 502)', async () => {
    const deep = '{"a":'.repeat(10_000) + '1' + '}'.repeat(10_000)
    expect(await post('api', deep)).toEqual({ status: 400, body: refusal('INVALID_INPUT') })
  })

  it('an array nested 10,000 deep inside the payload: refused the same way', async () => {
    const deep = `{"action":"me","payload":${'['.repeat(10_000)}${']'.repeat(10_000)}}`
    expect(await post('api', deep)).toEqual({ status: 400, body: refusal('INVALID_INPUT') })
  })
})

it('a body over 1 MB is read and answered 413 with the envelope, not cut off', async () => {
  const big = JSON.stringify({ action: 'me', payload: { text: 'x'.repeat(1024 * 1024 + 1) } })
  expect(await post('api', big)).toEqual({ status: 413, body: refusal('INVALID_INPUT') })
  // the server still serves the next call
  expect((await post('api', JSON.stringify({ action: 'me' }), { 'x-hq-dev-openid': 'o-somebody' })).status).toBe(200)
})

it('an unknown function answers 404 NOT_FOUND with the envelope', async () => {
  expect(await post('nope', '{}')).toEqual({ status: 404, body: refusal('NOT_FOUND') })
})

it('an ordinary call still reaches the function', async () => {
  const { status, body } = await post('api', JSON.stringify({ action: 'me' }), { 'x-hq-dev-openid': 'o-somebody' })
  expect(status).toBe(200)
  expect(body).toHaveProperty('ok') // the api's own envelope
})

describe('the scheduler runs on its timer only', () => {
  const timerEvent = { Type: 'Timer', TriggerName: 'every10min', Time: '2026-03-02T01:00:00Z', Message: '' }

  it.each([
    ['a user posting nothing', {}, { 'x-hq-dev-openid': 'o-somebody' }],
    ['a user posting the timer event', timerEvent, { 'x-hq-dev-openid': 'o-somebody' }],
    ['an anonymous post of the timer event (callFunction adds userInfo)', timerEvent, {}],
    ['an anonymous post of an empty event', {}, {}],
  ])('refuses %s with FORBIDDEN', async (_, event, headers) => {
    expect(await post('scheduler', JSON.stringify(event), headers)).toEqual({
      status: 200,
      body: refusal('FORBIDDEN'),
    })
  })

  it('runs when its timer fires (the emulator passes the timer event without a caller)', async () => {
    const { result } = await cloud.runTimer('scheduler')
    expect(result).not.toHaveProperty('ok', false)
  })
})
