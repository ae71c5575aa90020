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
/** cloudbase.sendSms: 参数有误 (the reason in errmsg); developers also see it for an exhausted package. */
const SMS_INVALID = -501007
/** What a test can make the next sendSms answer. */
export type SmsFailure = 'quotaExhausted' | 'invalidNumber'
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
type ListName = 'subscribeMessages' | 'secChecks' | 'phoneNumbers' | 'smsMessages'

const OK = { errcode: 0, errmsg: 'ok' }

export class OpenApiStandIn {
  readonly records: LocalRecords
  private readonly injectedFailures: Array<{ errCode: number; remaining: number; touser?: string }> = []
  private readonly injectedSmsFailures: Array<{ kind: SmsFailure; remaining: number; phone?: string }> = []
  private smsSerial = 0
  private readonly standIns: Record<
    string,
    { list: ListName; answer(data: Record<string, unknown>, invocation: Invocation): WxBody }
  > = {
    'subscribeMessage.send': { list: 'subscribeMessages', answer: (data) => this.sendSubscribeMessage(data) },
    'security.msgSecCheck': { list: 'secChecks', answer: (data) => checkText(data) },
    'cloudbase.sendSms': { list: 'smsMessages', answer: (data) => this.sendSms(data) },
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
      smsMessages: [],
      failNextSubscribeSend: (errCode, { count = 1, touser } = {}) => {
        this.injectedFailures.push({ errCode, remaining: count, touser })
      },
      failNextSms: (kind, { count = 1, phone } = {}) => {
        this.injectedSmsFailures.push({ kind, remaining: count, phone })
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

  /**
   * cloudbase.sendSms (docs: api_sendcloudbasesms): parameters checked as the platform documents them, a
   * refusal answered -501007 (参数有误) with the reason, as the platform does; injected failures answer a
   * quota exhausted for the whole call (-501007 …配额不足, the message developers report) or an invalid
   * number in that number's send_status_list entry (Tencent Cloud SMS's code; the call itself succeeds).
   */
  private sendSms(data: Record<string, unknown>): WxBody {
    const refuse = (why: string) => ({ errcode: SMS_INVALID, errmsg: `sendSms: invalid parameter: ${why}` })
    const { env, phone_number_list: phones, sms_type: smsType = 'Marketing' } = data
    if (typeof env !== 'string' || !env) return refuse('env')
    if (!Array.isArray(phones) || phones.length === 0 || phones.length > 1000) return refuse('phone_number_list')
    const badPhone = phones.find((phone) => typeof phone !== 'string' || !/^\+861[3-9]\d{9}$/.test(phone))
    if (badPhone !== undefined) return refuse(`phone_number_list: ${String(badPhone)} (须以+86开头的11位手机号)`)
    if (smsType === 'Marketing') {
      const problem = smsContentProblem(data.content)
      if (problem) return refuse(`content: ${problem}`)
      if (typeof data.path !== 'string' || !data.path.startsWith('/')) return refuse('path')
    } else if (smsType === 'Notification') {
      if (typeof data.template_id !== 'string' || !data.template_id) return refuse('template_id')
      if (!Array.isArray(data.template_param_list)) return refuse('template_param_list')
    } else return refuse('sms_type')
    if (data.use_short_name !== undefined && typeof data.use_short_name !== 'boolean') return refuse('use_short_name')
    const failure = this.injectedSmsFailures.find((f) => f.phone === undefined || phones.includes(f.phone))
    if (failure) {
      failure.remaining -= 1
      if (failure.remaining <= 0) this.injectedSmsFailures.splice(this.injectedSmsFailures.indexOf(failure), 1)
      if (failure.kind === 'quotaExhausted')
        return { errcode: SMS_INVALID, errmsg: 'sendSms: consumeUsage failed, err=[100003]配额不足' }
    }
    return {
      ...OK,
      send_status_list: (phones as string[]).map((phone) => {
        const invalid = failure?.kind === 'invalidNumber' && (failure.phone === undefined || failure.phone === phone)
        return {
          serial_no: `local-sms-${++this.smsSerial}`,
          phone_number: phone,
          code: invalid ? 'InvalidParameterValue.IncorrectPhoneNumber' : 'Ok',
          message: invalid ? 'incorrect phone number' : 'send success',
          iso_code: 'CN',
        }
      }),
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

/**
 * The platform's content rules for sendSms (docs: "可自定义内容最多为 30 个字符"; 短信内容规范: no 【】 — read as a
 * signature —, no ¥, ★ or composed symbols). Written here from the documentation, apart from the functions' own check.
 */
function smsContentProblem(content: unknown): string | null {
  if (typeof content !== 'string' || content.length === 0) return 'empty'
  if ([...content].length > 30) return 'longer than 30 characters'
  if (/[【】¥★☆※☞✓]/.test(content)) return 'holds 【】, ¥, ★ or a composed symbol'
  return null
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
