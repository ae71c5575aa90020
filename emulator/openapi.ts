import { createHash } from 'node:crypto'
import type { Invocation, TcbParams } from './invocation'
import type { LocalRecords, RecordedCall } from './types'

/**
 * Stand-ins for the WeChat open APIs the functions use, recorded instead of sent. They answer at the
 * wire: wx-server-sdk packs `cloud.openapi.x.y(data)` into a protobuf CommApiData (snake_case JSON
 * values, W:2405-2450) sent as `wx.openApi`, and unpacks a CommOpenApiResp whose respData is WeChat's
 * JSON (W:510-570). So the SDK itself produces `errMsg`, `errCode`, camelCase results and the
 * `openapi.<api>:fail` errors, exactly as against WeChat.
 */

/** wx-server-sdk registers its generated protobuf types in protobufjs/minimal's `roots.default`. */
export interface OpenApiMessages {
  CommApiData: { decode(buffer: Uint8Array): { openapiData?: { pairs?: Array<{ key: string; value: Uint8Array }> } } }
  CommOpenApiResp: {
    encode(message: { respData?: Uint8Array; contentType?: string; errorCode?: number }): { finish(): Uint8Array }
  }
}

/** Text that makes msgSecCheck answer other than pass, so tests can take the risky and review paths. */
export const SEC_CHECK_MARKERS: ReadonlyArray<{ word: string; suggest: 'risky' | 'review'; label: number }> = [
  { word: '违禁词测试', suggest: 'risky', label: 20006 }, // 20006 = 违法犯罪
  { word: '人工复审测试', suggest: 'review', label: 21000 }, // 21000 = 其他
]

/** -604101 'function has no permission to call this API' (W:3177): the API is missing from config.json. */
const NO_PERMISSION = -604101
const SUBSCRIBE_ERRMSG: Record<number, string> = { 43101: 'user refuse to accept the msg' }

/** Subscribe-message field limits by key kind (`thing1` → thing), from the send API's documentation. */
const TEMPLATE_FIELD_RULES: Record<string, (value: string) => boolean> = {
  thing: (v) => [...v].length <= 20,
  phrase: (v) => /^[\u4e00-\u9fff]{1,5}$/.test(v),
  character_string: (v) => v.length <= 32 && !/[\u4e00-\u9fff]/.test(v),
  name: (v) => (/^[\u4e00-\u9fff·]+$/.test(v) ? [...v].length <= 10 : v.length <= 20),
  number: (v) => /^[\d.]{1,32}$/.test(v),
  letter: (v) => /^[A-Za-z]{1,32}$/.test(v),
  symbol: (v) => [...v].length <= 5,
}

type WxBody = { errcode: number; errmsg: string } & Record<string, unknown>
type ListName = 'subscribeMessages' | 'secChecks' | 'phoneNumbers'

const OK = { errcode: 0, errmsg: 'ok' }

export class OpenApiStandIn {
  readonly records: LocalRecords
  private readonly injectedFailures: Array<{ errCode: number; remaining: number; touser?: string }> = []
  private readonly standIns: Record<
    string,
    { list: ListName; answer(data: Record<string, unknown>, invocation: Invocation): WxBody }
  > = {
    'subscribeMessage.send': { list: 'subscribeMessages', answer: (data) => this.sendSubscribeMessage(data) },
    'security.msgSecCheck': { list: 'secChecks', answer: (data) => checkText(data) },
    'phonenumber.getPhoneNumber': {
      list: 'phoneNumbers',
      answer: (data, invocation) => this.phoneNumber(data, invocation.wxContext.APPID),
    },
  }

  constructor(
    private readonly messages: OpenApiMessages,
    private readonly now: () => Date,
  ) {
    this.records = {
      subscribeMessages: [],
      secChecks: [],
      phoneNumbers: [],
      uploads: [],
      failNextSubscribeSend: (errCode, { count = 1, touser } = {}) => {
        this.injectedFailures.push({ errCode, remaining: count, touser })
      },
    }
  }

  /** Answers a `wx.openApi` request with the CommOpenApiResp bytes WeChat would send. */
  answer(params: TcbParams, invocation: Invocation): Buffer {
    const api = String(params.apiName)
    if (!invocation.fn.openapiPermissions.has(api)) return this.respond({ errorCode: NO_PERMISSION })
    const standIn = this.standIns[api]
    if (!standIn) throw new Error(`local cloud does not emulate openapi.${api}`)
    const data = this.decodeRequest(params.requestData as Uint8Array)
    const body = standIn.answer(data, invocation)
    const call: RecordedCall = { functionName: invocation.fn.name, api, data, errCode: body.errcode, at: this.now() }
    this.records[standIn.list].push(call)
    return this.respond({ respData: Buffer.from(JSON.stringify(body)), contentType: 'application/json; charset=utf-8' })
  }

  private sendSubscribeMessage(data: Record<string, unknown>): WxBody {
    const { touser, template_id: templateId } = data
    if (typeof touser !== 'string' || !touser) return { errcode: 40003, errmsg: 'invalid openid' }
    if (typeof templateId !== 'string' || !templateId) return { errcode: 40037, errmsg: 'invalid template_id' }
    const badField = invalidTemplateField(data.data)
    if (badField) return { errcode: 47003, errmsg: `argument invalid! data.${badField}.value invalid` }
    const failure = this.injectedFailures.find((f) => f.touser === undefined || f.touser === touser)
    if (!failure) return OK
    failure.remaining -= 1
    if (failure.remaining <= 0) this.injectedFailures.splice(this.injectedFailures.indexOf(failure), 1)
    return {
      errcode: failure.errCode,
      errmsg: SUBSCRIBE_ERRMSG[failure.errCode] ?? 'failure injected by the local cloud',
    }
  }

  private phoneNumber(data: Record<string, unknown>, appid: string | undefined): WxBody {
    if (typeof data.code !== 'string' || !data.code) return { errcode: 40029, errmsg: 'invalid code' }
    const phone = standInPhoneNumber(data.code)
    return {
      ...OK,
      phone_info: {
        phoneNumber: phone,
        purePhoneNumber: phone,
        countryCode: '86',
        watermark: { timestamp: Math.floor(this.now().getTime() / 1000), appid },
      },
    }
  }

  private decodeRequest(requestData: Uint8Array): Record<string, unknown> {
    const pairs = this.messages.CommApiData.decode(requestData).openapiData?.pairs ?? []
    return Object.fromEntries(pairs.map(({ key, value }) => [key, JSON.parse(Buffer.from(value).toString('utf8'))]))
  }

  private respond(message: { respData?: Uint8Array; contentType?: string; errorCode?: number }): Buffer {
    return Buffer.from(this.messages.CommOpenApiResp.encode(message).finish())
  }
}

/** The phone number getPhoneNumber answers for a code: the same code always gives the same number. */
export function standInPhoneNumber(code: string): string {
  const digits = BigInt(`0x${createHash('sha256').update(code).digest('hex').slice(0, 12)}`) % 100_000_000n
  return `139${digits.toString().padStart(8, '0')}`
}

/** msgSecCheck v2 (`{content, version: 2, scene, openid}`): pass unless the text holds a marker word. */
function checkText(data: Record<string, unknown>): WxBody {
  if (data.version !== 2)
    return { errcode: 47001, errmsg: 'data format error: the local cloud emulates version 2 only' }
  if (typeof data.openid !== 'string' || !data.openid) return { errcode: 40003, errmsg: 'invalid openid' }
  if (![1, 2, 3, 4].includes(data.scene as number)) return { errcode: 47001, errmsg: 'data format error: scene' }
  const content = typeof data.content === 'string' ? data.content : ''
  const marker = SEC_CHECK_MARKERS.find(({ word }) => content.includes(word))
  const verdict = marker ? { suggest: marker.suggest, label: marker.label } : { suggest: 'pass', label: 100 }
  return {
    ...OK,
    result: verdict,
    detail: [{ strategy: 'content_model', errcode: 0, ...verdict, prob: 90, ...(marker && { keyword: marker.word }) }],
    trace_id: createHash('sha256').update(content).digest('hex').slice(0, 24),
  }
}

/** The first `data` key whose value breaks its kind's limit; unknown kinds are not checked. */
function invalidTemplateField(fields: unknown): string | undefined {
  if (typeof fields !== 'object' || fields === null) return 'data'
  for (const [key, field] of Object.entries(fields)) {
    const value = (field as { value?: unknown } | null)?.value
    const rule = TEMPLATE_FIELD_RULES[key.replace(/\d+$/, '')]
    if (typeof value !== 'string' || value === '' || (rule && !rule(value))) return key
  }
  return undefined
}
