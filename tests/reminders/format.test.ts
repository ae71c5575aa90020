/**
 * Field values as WeChat accepts them (订阅消息参数值内容限制): a value that breaks its type's rule is refused
 * with 47003 and the message is lost, so every formatter keeps within the limit by construction.
 */
import {
  DUE_STAGE_PHRASES,
  OUTCOME_PHRASES,
  RATING_PHRASES,
  STATE_PHRASES,
  TRACK_PHRASES,
  buildMessageData,
  codePointLength,
  formatCharacterString,
  formatDate,
  formatName,
  formatNumber,
  formatPhrase,
  formatThing,
  formatTime,
  type FieldFormat,
} from '../../cloudfunctions/core/reminders/format'
import { defaultTemplateRegistry } from '../../cloudfunctions/core/reminders/templates'
import { makeMessageTicket, sh } from './factories'

const valueOf = (format: FieldFormat): string => {
  if (!format.ok) throw new Error(`expected a value, got the problem ${format.problem}`)
  return format.value
}

const HAN_ONLY = /^\p{Script=Han}+$/u
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/

describe('codePointLength counts characters as WeChat does, not UTF-16 units', () => {
  it.each([
    ['', 0],
    ['abc', 3],
    ['桂林', 2],
    ['😀', 1], // one astral code point, two UTF-16 units
    ['𠀀𠀁', 2], // CJK Extension B
  ])('%j has %d characters', (text, length) => {
    expect(codePointLength(text)).toBe(length)
  })
})

describe('thing: ≤ 20 characters, the ellipsis counted inside the 20', () => {
  const twenty = '桂林市七星区某机械制造有限公司二期生产线' // 20 汉字
  it.each([
    ['short text is kept', '急需招聘焊工', '急需招聘焊工'],
    ['exactly 20 is kept whole', twenty, twenty],
    ['21 becomes 19 + …', `${twenty}扩`, `${twenty.slice(0, 19)}…`],
    ['line breaks and tabs become one space (no control characters)', '第一行\n\t第二行', '第一行 第二行'],
    ['empty falls back to 无 (WeChat refuses an empty value)', '   ', '无'],
  ])('%s', (_, input, expected) => {
    const value = valueOf(formatThing(input))
    expect(value).toBe(expected)
    expect(codePointLength(value)).toBeLessThanOrEqual(20)
  })

  it('keeps 20 emoji whole although they are 40 UTF-16 units', () => {
    const emoji = '😀'.repeat(20)
    expect(emoji.length).toBe(40)
    expect(valueOf(formatThing(emoji))).toBe(emoji)
  })

  it('cuts 21 astral characters to 19 + … without splitting a surrogate pair', () => {
    const value = valueOf(formatThing('𠀀'.repeat(21)))
    expect(value).toBe(`${'𠀀'.repeat(19)}…`)
    expect(codePointLength(value)).toBe(20)
    expect(value).not.toMatch(LONE_SURROGATE)
  })

  it('does not leave a dangling zero-width joiner before the …', () => {
    const family = '👨‍👩‍👧' // 5 code points: man ZWJ woman ZWJ girl
    // 22 code points; the first 19 end with man + ZWJ
    expect(valueOf(formatThing(`${'桂'.repeat(17)}${family}`))).toBe(`${'桂'.repeat(17)}👨…`)
  })

  it('drops a lone surrogate rather than sending malformed text', () => {
    expect(valueOf(formatThing('招聘\uD800焊工'))).toBe('招聘焊工')
  })
})

describe('phrase: ≤ 5 汉字, 汉字 only', () => {
  it.each([
    ['state phrases', STATE_PHRASES],
    ['outcome phrases', OUTCOME_PHRASES],
    ['track phrases', TRACK_PHRASES],
    ['rating phrases', RATING_PHRASES],
    ['due stage phrases', DUE_STAGE_PHRASES],
  ])('every one of the %s fits', (_, phrases) => {
    for (const phrase of Object.values(phrases)) {
      expect(phrase).toMatch(HAN_ONLY)
      expect(codePointLength(phrase)).toBeLessThanOrEqual(5)
      expect(valueOf(formatPhrase(phrase))).toBe(phrase)
    }
  })

  it.each([
    ['a state label with brackets keeps its 汉字, cut to 5', '已答复(待评价)', '已答复待评'],
    ['latin letters and digits are dropped', 'OK已受理123', '已受理'],
    ['nothing Chinese left falls back to 无', 'done', '无'],
  ])('%s', (_, input, expected) => {
    expect(valueOf(formatPhrase(input))).toBe(expected)
  })

  it('maps the ticket states to short phrases instead of the long labels', () => {
    expect(STATE_PHRASES).toMatchObject({
      submitted: '待受理',
      accepted: '已受理',
      replied: '待评价',
      closed: '已办结',
    })
    expect(DUE_STAGE_PHRASES).toEqual({ dueSoon: '即将超期', overdue: '已超期' })
  })
})

describe('character_string: ≤ 32 letters, digits and symbols, no Chinese', () => {
  it.each([
    ['a ticket number is kept', 'HQ20261127-0003', 'HQ20261127-0003'],
    ['Chinese is stripped', 'HQ编号20261127', 'HQ20261127'],
    ['spaces and emoji are stripped', 'HQ 2026 😀 01', 'HQ202601'],
    ['exactly 32 is kept', 'A'.repeat(32), 'A'.repeat(32)],
    ['33 is cut to 32 (no … : it is not a symbol WeChat takes here)', 'B'.repeat(33), 'B'.repeat(32)],
    ['nothing left falls back to -', '编号', '-'],
  ])('%s', (_, input, expected) => {
    expect(valueOf(formatCharacterString(input))).toBe(expected)
  })
})

describe('time and date: 24 h, in Asia/Shanghai whatever the server zone', () => {
  it.each([
    ['a Shanghai morning', sh('2026-10-08T08:30'), '2026年10月08日 08:30'],
    ['the end of a due day', sh('2026-10-12T23:59:59.999'), '2026年10月12日 23:59'],
    ['16:30 UTC is already the next day in Shanghai', new Date('2026-09-30T16:30:00Z'), '2026年10月01日 00:30'],
    ['noon is 12, not 0 or 24', sh('2026-10-08T12:05'), '2026年10月08日 12:05'],
  ])('time: %s', (_, instant, expected) => {
    expect(valueOf(formatTime(instant))).toBe(expected)
  })

  it('date drops the time of day', () => {
    expect(valueOf(formatDate(new Date('2026-09-30T16:30:00Z')))).toBe('2026年10月01日')
  })

  it.each([
    ['a missing time', null],
    ['a string', '2026-10-08'],
    ['an invalid date', new Date('nope')],
  ])('refuses %s: a time cannot be made up', (_, raw) => {
    expect(formatTime(raw).ok).toBe(false)
  })
})

describe('name: ≤ 10 汉字 or ≤ 20 letters; mixed counts as a Chinese name', () => {
  it.each([
    ['a Chinese name', '周经办', '周经办'],
    ['11 汉字 are cut to 10', '一二三四五六七八九十百', '一二三四五六七八九十'],
    ['a latin name of 20 is kept', 'Alexander Hamiltonxy', 'Alexander Hamiltonxy'],
    ['a latin name of 25 is cut to 20', 'Abcdefghijklmnopqrstuvwxy', 'Abcdefghijklmnopqrst'],
    ['mixed: 10 characters', 'Tom张三李四王五赵六', 'Tom张三李四王五赵'],
  ])('%s', (_, input, expected) => {
    expect(valueOf(formatName(input))).toBe(expected)
  })
})

describe('number: ≤ 32 digits, may be decimal', () => {
  it.each([
    ['an integer', 48, '48'],
    ['a decimal string', '81.6', '81.6'],
    ['32 digits', '1'.repeat(32), '1'.repeat(32)],
  ])('accepts %s', (_, raw, expected) => {
    expect(valueOf(formatNumber(raw))).toBe(expected)
  })

  it.each([
    ['33 digits', '1'.repeat(33)],
    ['letters', '12a'],
    ['a negative number', -3],
    ['nothing', null],
  ])('refuses %s rather than guess', (_, raw) => {
    expect(formatNumber(raw).ok).toBe(false)
  })
})

describe('buildMessageData', () => {
  const registry = defaultTemplateRegistry()
  const entry = {
    at: sh('2026-10-08T08:30'),
    event: 'supervise',
    actorId: 'system',
    actorName: '系统',
    role: 'system' as const,
    from: 'dispatched' as const,
    to: 'dispatched' as const,
    note: '签收已逾期1个工作日（期限2026年09月30日 23:59），请尽快办理',
  }

  /** the leader's weekly digest is about no ticket (core/reminders/digest.ts) */
  const digest = {
    period: '11月23日—11月29日',
    city: '新增诉求128件，办结117件',
    attention: '接待日12件 升级7件 超期15件',
    linked: '联系企业新增诉求3件',
    at: sh('2026-11-30T08:30'),
  }

  it.each(Object.keys(registry.templates))('fills every field of %s within its type’s limit', (templateKey) => {
    const built = buildMessageData(registry.templates[templateKey], {
      ticket: makeMessageTicket({ closedAt: sh('2026-10-16T08:30'), rating: 'satisfied' }),
      due: { field: 'replyDueAt', at: sh('2026-10-12T23:59:59.999') },
      entry,
      digest,
      now: sh('2026-10-10T08:30'),
    })
    if (!built.ok) throw new Error(JSON.stringify(built.problems))
    expect(built.page).toBe(
      templateKey === 'leaderDigest' ? 'packages/leader/pages/items/index' : 'pages/ticket/index?id=T-1',
    )
    for (const field of registry.templates[templateKey].fields) {
      const { value } = built.data[field.key]
      expect(value.length).toBeGreaterThan(0)
      if (field.type === 'thing') expect(codePointLength(value)).toBeLessThanOrEqual(20)
      if (field.type === 'phrase') expect(value).toMatch(/^\p{Script=Han}{1,5}$/u)
      if (field.type === 'character_string') expect(value).toMatch(/^[\x21-\x7E]{1,32}$/)
      if (field.type === 'time') expect(value).toMatch(/^\d{4}年\d{2}月\d{2}日 \d{2}:\d{2}$/)
    }
  })

  it('renders the reminder as the unit will read it', () => {
    const built = buildMessageData(registry.templates.dueSoon, {
      ticket: makeMessageTicket({
        state: 'signed',
        title: '新厂区投产急需招聘200名技术工人，涉及焊工电工叉车司机等工种',
      }),
      due: { field: 'replyDueAt', at: sh('2026-10-12T23:59:59.999') },
      now: sh('2026-10-10T08:30'),
    })
    expect(built).toEqual({
      ok: true,
      page: 'pages/ticket/index?id=T-1',
      data: {
        character_string1: { value: 'HQ20260929-0001' },
        thing2: { value: '新厂区投产急需招聘200名技术工人，涉…' },
        thing3: { value: '答复期限' },
        time4: { value: '2026年10月12日 23:59' },
        phrase5: { value: '即将超期' },
      },
    })
  })

  it('says 已超期 once the due has passed', () => {
    const built = buildMessageData(registry.templates.dueSoon, {
      ticket: makeMessageTicket(),
      due: { field: 'replyDueAt', at: sh('2026-10-12T23:59:59.999') },
      now: sh('2026-10-13T08:30'),
    })
    expect(built.ok && built.data.phrase5.value).toBe('已超期')
  })

  it('URL-encodes the ticket id in the page', () => {
    const built = buildMessageData(registry.templates.closed, {
      ticket: makeMessageTicket({ _id: 'a b&c', closedAt: sh('2026-10-16T08:30') }),
      now: sh('2026-10-16T08:30'),
    })
    expect(built.ok && built.page).toBe('pages/ticket/index?id=a%20b%26c')
  })

  it('reports every field it cannot fill instead of sending a message WeChat would refuse', () => {
    // an answer-to-rate message about a ticket without a rating due: the template is wired to the wrong event
    const built = buildMessageData(registry.templates.replied, {
      ticket: makeMessageTicket({ ratingDueAt: null }),
      now: sh('2026-10-09T10:00'),
    })
    expect(built).toEqual({
      ok: false,
      problems: [{ key: 'time5', label: '评价截止', source: 'ticket.ratingDueAt', problem: '没有这个时间' }],
    })
  })
})
