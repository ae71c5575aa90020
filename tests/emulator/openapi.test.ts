/**
 * WeChat open APIs and storage, recorded instead of sent: the SDK's own openapi wrapper turns the
 * stand-ins' WeChat-shaped answers into results and errors.
 */
import { readFileSync } from 'node:fs'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { SEC_CHECK_MARKERS, standInPhoneNumber } from '../../emulator'
import { openRunnerCloud, useRunnerCloud } from './harness'

const NOW = new Date('2024-06-01T08:00:00.000Z')
const env = useRunnerCloud({ now: () => NOW })

const message = (touser: string, thing = '营业执照变更') => ({
  touser,
  templateId: 'TPL-ticket-progress',
  page: 'pages/ticket/index?id=T-1',
  data: { thing1: { value: thing }, time2: { value: '2024-06-01 16:00' } },
})

describe('subscribeMessage.send', () => {
  it('answers ok and records what WeChat would receive (snake_case, as the SDK sends it)', async () => {
    const res = await env.run(({ cloud }) => cloud.openapi.subscribeMessage.send(message('o-1')))
    expect(res).toEqual({ errMsg: 'openapi.subscribeMessage.send:ok', errCode: 0 })
    expect(env.cloud.records.subscribeMessages).toEqual([
      {
        functionName: 'runner',
        api: 'subscribeMessage.send',
        data: {
          touser: 'o-1',
          template_id: 'TPL-ticket-progress',
          page: 'pages/ticket/index?id=T-1',
          data: { thing1: { value: '营业执照变更' }, time2: { value: '2024-06-01 16:00' } },
        },
        errCode: 0,
        at: NOW,
      },
    ])
  })

  it('failNextSubscribeSend(43101) makes the next send fail as a user without consent, then recovers', async () => {
    env.cloud.records.failNextSubscribeSend(43101)
    const outcomes = await env.run(async ({ cloud }) => {
      const first = await cloud.openapi.subscribeMessage
        .send(message('o-1'))
        .catch((error: { errCode: number; errMsg: string }) => error)
      const second = await cloud.openapi.subscribeMessage.send(message('o-1'))
      return [first, second]
    })
    expect(outcomes).toEqual([
      expect.objectContaining({
        errCode: 43101,
        errMsg: 'openapi.subscribeMessage.send:fail user refuse to accept the msg',
      }),
      { errMsg: 'openapi.subscribeMessage.send:ok', errCode: 0 },
    ])
    expect(env.cloud.records.subscribeMessages.map((call) => call.errCode)).toEqual([43101, 0])
  })

  it('a failure injected for one user leaves the others alone', async () => {
    env.cloud.records.failNextSubscribeSend(43101, { touser: 'o-2', count: 2 })
    await env.run(async ({ cloud }) => {
      for (const touser of ['o-1', 'o-2', 'o-3', 'o-2', 'o-2'])
        await cloud.openapi.subscribeMessage.send(message(touser)).catch(() => undefined)
    })
    expect(env.cloud.records.subscribeMessages.map((call) => [call.data.touser, call.errCode])).toEqual([
      ['o-1', 0],
      ['o-2', 43101],
      ['o-3', 0],
      ['o-2', 43101],
      ['o-2', 0],
    ])
  })

  it('a value over its field limit (thing ≤ 20 characters) is refused with 47003', async () => {
    await expect(
      env.run(({ cloud }) => cloud.openapi.subscribeMessage.send(message('o-1', '很'.repeat(21)))),
    ).rejects.toMatchObject({
      errCode: 47003,
      errMsg: 'openapi.subscribeMessage.send:fail argument invalid! data.thing1.value invalid',
    })
  })

  it('a function whose config.json does not grant the API gets -604101', async () => {
    const other = openRunnerCloud({
      functions: { runner: path.join(__dirname, 'fixtures', 'no-permissions', 'index.ts') },
    })
    try {
      await expect(other.run(({ cloud }) => cloud.openapi.subscribeMessage.send(message('o-1')))).rejects.toMatchObject(
        { errCode: -604101 },
      )
      expect(other.cloud.records.subscribeMessages).toEqual([])
    } finally {
      other.cloud.close()
    }
  })
})

describe('security.msgSecCheck v2', () => {
  const check = (content: string) =>
    env.run(({ cloud }) => cloud.openapi.security.msgSecCheck({ content, version: 2, scene: 1, openid: 'o-1' }))

  it('passes ordinary text', async () => {
    const res = await check('厂区道路破损，影响货车通行')
    expect(res).toMatchObject({
      result: { suggest: 'pass', label: 100 },
      errCode: 0,
      errMsg: 'openapi.security.msgSecCheck:ok',
    })
  })

  it.each(SEC_CHECK_MARKERS.map((marker) => [marker.word, marker.suggest, marker.label] as const))(
    'text containing %s answers %s',
    async (word, suggest, label) => {
      const res = await check(`请处理 ${word} 谢谢`)
      expect(res.result).toEqual({ suggest, label })
      expect(env.cloud.records.secChecks).toEqual([
        expect.objectContaining({ data: expect.objectContaining({ content: `请处理 ${word} 谢谢` }) }),
      ])
    },
  )
})

describe('phonenumber.getPhoneNumber', () => {
  it('answers the same stand-in number for the same code', async () => {
    const res = await env.run(({ cloud }) => cloud.openapi.phonenumber.getPhoneNumber({ code: 'code-1' }))
    expect(res.phoneInfo).toEqual({
      phoneNumber: standInPhoneNumber('code-1'),
      purePhoneNumber: standInPhoneNumber('code-1'),
      countryCode: '86',
      watermark: { timestamp: NOW.getTime() / 1000, appid: 'wx0000000000000000' },
    })
    expect(standInPhoneNumber('code-1')).toMatch(/^139\d{8}$/)
    expect(env.cloud.records.phoneNumbers).toHaveLength(1)
  })
})

describe('storage', () => {
  it('uploadFile writes the folder, getTempFileURL and downloadFile read it, deleteFile removes it', async () => {
    const res = await env.run(async ({ cloud }) => {
      const upload = await cloud.uploadFile({
        cloudPath: 'tickets/T-1/photo.jpg',
        fileContent: Buffer.from('jpeg bytes'),
      })
      const urls = (await cloud.getTempFileURL({ fileList: [upload.fileID] })) as {
        fileList: Array<{ tempFileURL: string; status: number }>
      }
      const viaUrl = readFileSync(fileURLToPath(urls.fileList[0].tempFileURL), 'utf8')
      const download = await cloud.downloadFile({ fileID: upload.fileID })
      const removed = await cloud.deleteFile({ fileList: [upload.fileID] })
      const afterwards = await cloud.getTempFileURL({ fileList: [upload.fileID] })
      return { upload, urls, viaUrl, download, removed, afterwards }
    })
    const fileID = 'cloud://local.local-bucket/tickets/T-1/photo.jpg'
    expect(res.upload).toEqual({ fileID, statusCode: 200, errMsg: 'uploadFile:ok' })
    expect(res.urls.fileList).toEqual([
      expect.objectContaining({ fileID, status: 0, tempFileURL: expect.stringMatching(/^file:/) }),
    ])
    expect(res.viaUrl).toBe('jpeg bytes')
    expect(res.download).toMatchObject({ fileContent: Buffer.from('jpeg bytes'), errMsg: 'downloadFile:ok' })
    expect((res.removed as { fileList: unknown[] }).fileList).toEqual([{ fileID, status: 0, errMsg: 'ok' }])
    expect((res.afterwards as { fileList: unknown[] }).fileList).toEqual([
      expect.objectContaining({ fileID, status: -503003, tempFileURL: '' }),
    ])
    expect(env.cloud.records.uploads).toEqual([
      {
        functionName: 'runner',
        api: 'uploadFile',
        data: { cloudPath: 'tickets/T-1/photo.jpg', fileID, bytes: 10 },
        errCode: 0,
        at: NOW,
      },
    ])
  })

  it('a cloudPath cannot leave the storage folder', async () => {
    await expect(
      env.run(({ cloud }) => cloud.uploadFile({ cloudPath: '../escape.txt', fileContent: Buffer.from('x') })),
    ).rejects.toMatchObject({
      errMsg: expect.stringContaining('leaves the storage folder'),
    })
  })
})

describe('cloudbase.sendSms', () => {
  const sms = (overrides: Record<string, unknown> = {}) => ({
    env: 'hq-env-1',
    phoneNumberList: ['+8613900001111'],
    smsType: 'Marketing',
    content: '工单20261124-0001已被督办，请及时处理',
    path: '/open-miniprogram.html?path=pages%2Fticket%2Findex',
    useShortName: true,
    ...overrides,
  })
  type SmsApi = { cloudbase: { sendSms(data: unknown): Promise<unknown> } }
  const send = (data: unknown) =>
    env.run(({ cloud }) =>
      (cloud.openapi as unknown as SmsApi).cloudbase
        .sendSms(data)
        .catch((error: { errCode: number; errMsg: string }) => error),
    )

  it('answers each number’s status and records the send as the platform receives it', async () => {
    const res = await send(sms())
    expect(res).toMatchObject({
      errCode: 0,
      sendStatusList: [{ phoneNumber: '+8613900001111', code: 'Ok', isoCode: 'CN' }],
    })
    expect(env.cloud.records.smsMessages).toEqual([
      {
        functionName: 'runner',
        api: 'cloudbase.sendSms',
        data: {
          env: 'hq-env-1',
          phone_number_list: ['+8613900001111'],
          sms_type: 'Marketing',
          content: '工单20261124-0001已被督办，请及时处理',
          path: '/open-miniprogram.html?path=pages%2Fticket%2Findex',
          use_short_name: true,
        },
        errCode: 0,
        at: NOW,
      },
    ])
  })

  it.each([
    ['a number without +86', { phoneNumberList: ['13900001111'] }, 'phone_number_list'],
    ['no number', { phoneNumberList: [] }, 'phone_number_list'],
    ['more than 1000 numbers', { phoneNumberList: Array(1001).fill('+8613900001111') }, 'phone_number_list'],
    ['content over 30 characters', { content: '工单'.repeat(16) }, 'content'],
    ['【】 in the content (read as a signature)', { content: '【惠企通】请处理工单' }, 'content'],
    ['¥ or ★ in the content', { content: '请处理★工单' }, 'content'],
    ['no static-site path', { path: 'open.html' }, 'path'],
    ['no env', { env: '' }, 'env'],
    ['a notification SMS without its template', { smsType: 'Notification' }, 'template_id'],
    ['an unknown type', { smsType: 'Verification' }, 'sms_type'],
  ])('refuses %s with -501007, as the platform does, and records the refusal', async (_what, overrides, field) => {
    const res = await send(sms(overrides))
    expect(res).toMatchObject({ errCode: -501007, errMsg: expect.stringContaining(field) })
    expect(env.cloud.records.smsMessages.map((call) => call.errCode)).toEqual([-501007])
  })

  it('simulates an exhausted SMS package, then recovers', async () => {
    env.cloud.records.failNextSms('quotaExhausted')
    const [first, second] = [await send(sms()), await send(sms())]
    expect(first).toMatchObject({ errCode: -501007, errMsg: expect.stringContaining('配额不足') })
    expect(second).toMatchObject({ errCode: 0 })
  })

  it('simulates an invalid number in its status, for that number only', async () => {
    env.cloud.records.failNextSms('invalidNumber', { phone: '+8613900002222' })
    const res = await send(sms({ phoneNumberList: ['+8613900001111', '+8613900002222'] }))
    expect(res).toMatchObject({
      errCode: 0,
      sendStatusList: [
        { phoneNumber: '+8613900001111', code: 'Ok' },
        { phoneNumber: '+8613900002222', code: 'InvalidParameterValue.IncorrectPhoneNumber' },
      ],
    })
  })
})
