/**
 * The rules document is data the office edits: it is validated on load, and a bad one is refused with a
 * Chinese message that lists every problem and where it is.
 */
import defaultRulesJson from '../../config/rules/default-rules.json'
import { LIMIT_NAMES } from '../../types/rules'
import { RulesDocumentError, loadRulesDocument, parseTicketDraft } from '../../cloudfunctions/core/rules'

/** A deep copy of the default document, changed by `edit`. */
function editedDefaults(edit: (document: any) => void): unknown {
  const document = structuredClone(defaultRulesJson) as any
  edit(document)
  return document
}

function problemsOf(input: unknown): readonly string[] {
  try {
    loadRulesDocument(input)
  } catch (error) {
    if (error instanceof RulesDocumentError) return error.problems
    throw error
  }
  throw new Error('the document was accepted')
}

describe('the default rules document', () => {
  it('validates and holds the rules DESIGN.md §4 names', () => {
    const document = loadRulesDocument(defaultRulesJson)
    const ids = document.rules.map((rule) => rule.id)
    expect(ids).toEqual(
      expect.arrayContaining(['R-TRACK-RECEPTION-MAJOR', 'R-COORD-MULTI', 'R-LEVEL-UPSTREAM', 'R-TRACK-TIMED']),
    )
    expect(document.categories.labor).toMatchObject({ id: 'R-CAT-LABOR', leadUnit: 'hrss', taskForce: null })
  })

  it('has every named limit with the DESIGN.md values', () => {
    const { limits } = loadRulesDocument(defaultRulesJson)
    expect(Object.keys(limits).sort()).toEqual([...LIMIT_NAMES].sort())
    expect(limits).toEqual({
      accept: 1,
      sign: 1,
      'reply.timed': 5,
      'reply.timed.urgent': 2,
      'reply.coordination': 20,
      'meeting.coordination': 10,
      'reply.reception': 20,
      sendBack: 2,
      'extension.max': 10,
      rating: 5,
      'escalate.overdue': 5,
      'remind.before': 1,
    })
  })

  it('gives every rule a Chinese reason for the UI', () => {
    const document = loadRulesDocument(defaultRulesJson)
    for (const rule of [...document.rules, ...Object.values(document.categories)])
      expect(rule.reason).toMatch(/[\u4e00-\u9fa5]/)
  })
})

describe('a bad rules document is refused, naming the place and the problem in Chinese', () => {
  it.each<[string, (document: any) => void, string]>([
    ['a fact that does not exist', (d) => (d.rules[0].when.all[0].fact = 'flagz'), 'rules.0.when'],
    ['a flag that does not exist', (d) => (d.rules[0].when.all[0].value = 'majr'), '未知取值 "majr"'],
    ['a list operator on a single value', (d) => (d.rules[9].when.all[1].value = 'visit'), 'in 须给出取值列表'],
    ['a boolean fact compared with a string', (d) => (d.rules[1].when.all[1].value = 'yes'), '须与 true 或 false 比较'],
    [
      'a named limit that does not exist',
      (d) => (d.rules[7].when.all[1].value = { limit: 'escalate.late' }),
      'rules.7.when',
    ],
    ['two rules with one id', (d) => (d.rules[1].id = d.rules[0].id), '规则编号 R-TRACK-RECEPTION-MAJOR 重复'],
    ['a rule id in the wrong form', (d) => (d.rules[0].id = 'coord-multi'), '规则编号须形如'],
    ['a rule without a reason', (d) => (d.rules[0].reason = '  '), '须写明中文理由'],
    ['a rule that does nothing', (d) => (d.rules[0].then = {}), 'then 须至少给出 track 或 raiseLevel'],
    ['an unknown track', (d) => (d.rules[0].then = { track: 'express' }), 'rules.0.then.track'],
    ['a category without a route', (d) => delete d.categories.labor, 'categories.labor'],
    ['a missing limit', (d) => delete d.limits['reply.timed'], 'limits.reply.timed'],
    ['a negative limit', (d) => (d.limits.accept = -1), 'limits.accept'],
    ['a fractional limit', (d) => (d.limits.rating = 2.5), 'limits.rating'],
    [
      'no unconditional track rule to fall back on',
      (d) => (d.rules = d.rules.filter((r: any) => r.id !== 'R-TRACK-TIMED')),
      '兜底规则',
    ],
    ['an unknown unit level', (d) => (d.unitLevels.hrss = 'province'), 'unitLevels.hrss'],
    ['an unknown key', (d) => (d.owner = '市重点办'), 'owner'],
  ])('%s', (_why, edit, expected) => {
    const problems = problemsOf(editedDefaults(edit))
    expect(problems.join('\n')).toContain(expected)
  })

  it('lists every problem at once, with the INVALID_INPUT code', () => {
    const input = editedDefaults((d) => {
      d.version = 0
      d.limits.sign = -2
      d.rules[0].when.all[0].value = 'majr'
    })
    let thrown: unknown
    try {
      loadRulesDocument(input)
    } catch (error) {
      thrown = error
    }
    expect(thrown).toBeInstanceOf(RulesDocumentError)
    const error = thrown as RulesDocumentError
    expect(error.code).toBe('INVALID_INPUT')
    expect(error.problems).toHaveLength(3)
    expect(error.message).toMatch(/^规则文档校验失败（3 处问题）：/)
    for (const place of ['version', 'limits.sign', 'rules.0.when.all.0.value']) expect(error.message).toContain(place)
  })

  it('refuses what is not a document at all', () => {
    expect(problemsOf(null).join()).toMatch(/期望 object/)
  })
})

describe('a draft given as JSON', () => {
  it('is read with its instant and offset', () => {
    const parsed = parseTicketDraft({
      id: 'd1',
      enterprise: { name: '企业', isKey: false },
      category: 'labor',
      title: '招工',
      description: '',
      units: [],
      flags: [],
      urgency: 'normal',
      reopenCount: 0,
      submittedAt: '2026-09-30T10:00:00+08:00',
    })
    expect(parsed).toMatchObject({ ok: true, draft: { submittedAt: new Date('2026-09-30T02:00:00Z') } })
  })

  it('that is wrong gives INVALID_INPUT naming each field in Chinese', () => {
    const parsed = parseTicketDraft({
      id: 'd2',
      enterprise: { name: '企业', isKey: false },
      category: 'lab',
      title: '',
      description: '',
      units: ['hrss', 'hrss'],
      flags: [],
      urgency: 'normal',
      reopenCount: -1,
      submittedAt: '2026-09-30 10:00',
    })
    expect(parsed.ok).toBe(false)
    if (parsed.ok) return
    expect(parsed.error.code).toBe('INVALID_INPUT')
    for (const fragment of [
      'category',
      'title: 请填写诉求标题',
      'units: 单位不能重复',
      'reopenCount',
      'submittedAt: 提交时间须为带时区的 ISO-8601 时间',
    ]) {
      expect(parsed.error.message).toContain(fragment)
    }
  })
})
