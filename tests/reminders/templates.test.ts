/**
 * The template registry is config (config/notifications/templates.json): validated on load, every
 * notification of core/routing.ts accounted for, template ids only from the environment.
 */
import templatesJson from '../../config/notifications/templates.json'
import { NOTIFICATION_TEMPLATES, ROUTING_TABLE } from '../../cloudfunctions/core/routing'
import {
  TemplateRegistryError,
  defaultTemplateRegistry,
  loadTemplateRegistry,
  resolveTemplateIds,
  subscribeTemplateIds,
  subscriptionModeOf,
  templateKeyFor,
} from '../../cloudfunctions/core/reminders/templates'
import { envWithAllTemplateIds } from './factories'

const registry = defaultTemplateRegistry()

/** A copy of the default registry with one change, for the invalid cases. */
function registryWith(change: (draft: any) => void): unknown {
  const draft = JSON.parse(JSON.stringify(templatesJson))
  change(draft)
  return draft
}

describe('the default registry', () => {
  it('loads', () => {
    expect(Object.keys(registry.templates)).toEqual([
      'newTicket',
      'newAssignment',
      'dueSoon',
      'overdue',
      'accepted',
      'progress',
      'replied',
      'escalated',
      'closed',
      'leaderDigest',
    ])
  })

  it('names a template, or in-app only, for every notification routing knows', () => {
    for (const notification of NOTIFICATION_TEMPLATES) expect(registry.notifications).toHaveProperty(notification)
    expect(templateKeyFor('replyDueSoon')).toBe('dueSoon')
    expect(templateKeyFor('ticketSupervised')).toBe('overdue')
    expect(templateKeyFor('ticketEscalated')).toBe('escalated')
    expect(templateKeyFor('leaderSummary')).toBe('leaderDigest')
  })

  it('holds no template id, only the names of the variables that hold them', () => {
    expect(JSON.stringify(templatesJson)).not.toMatch(/"templateId"\s*:/)
    for (const template of Object.values(registry.templates)) expect(template.templateIdEnv).toMatch(/^HQ_TPL_/)
  })

  it('tells the enterprise only through templates it is asked to subscribe to', () => {
    const enterpriseTemplates = new Set(
      Object.entries(registry.subscribeGroups)
        .filter(([name]) => name.startsWith('enterprise'))
        .flatMap(([, group]) => group.templates),
    )
    for (const notification of NOTIFICATION_TEMPLATES) {
      const templateKey = registry.notifications[notification]
      if (ROUTING_TABLE[notification].includes('enterprise') && templateKey !== null) {
        expect([notification, enterpriseTemplates.has(templateKey)]).toEqual([notification, true])
      }
    }
  })

  it('is in one-time mode until the account is approved for long-term subscription', () => {
    expect(subscriptionModeOf('dueSoon')).toBe('oneTime')
    const longTerm = loadTemplateRegistry(registryWith((draft) => (draft.subscription = 'longTerm')))
    expect(subscriptionModeOf('dueSoon', longTerm)).toBe('longTerm')
  })
})

describe('an invalid registry is refused with every problem in Chinese', () => {
  it.each([
    [
      'a field key that does not start with its type',
      (d: any) => (d.templates.dueSoon.fields[1].key = 'name2'),
      '字段键须以其类型开头',
    ],
    [
      'a field source that does not exist',
      (d: any) => (d.templates.dueSoon.fields[1].source = 'ticket.secret'),
      'fields',
    ],
    [
      'six fields',
      (d: any) =>
        d.templates.dueSoon.fields.push({ key: 'thing6', label: '备注', type: 'thing', source: 'ticket.title' }),
      '最多5个',
    ],
    [
      'a notification mapped to an unknown template',
      (d: any) => (d.notifications.replyDueSoon = 'soon'),
      '没有名为 soon 的模板',
    ],
    ['a notification left out', (d: any) => delete d.notifications.ticketSupervised, 'ticketSupervised'],
    [
      'four templates in one consent request',
      (d: any) => d.subscribeGroups.unitInbox.templates.push('progress'),
      '最多3个模板',
    ],
    [
      'two templates sharing an env variable',
      (d: any) => (d.templates.overdue.templateIdEnv = 'HQ_TPL_DUE_SOON'),
      '已用于模板 dueSoon',
    ],
    [
      'a page outside the mini-program',
      (d: any) => (d.templates.dueSoon.page = 'https://example.com'),
      '小程序内的页面',
    ],
    [
      'an unknown page placeholder',
      (d: any) => (d.templates.dueSoon.page = 'pages/ticket/index?id={openid}'),
      '{ticketId}',
    ],
    [
      'a send window that ends before it starts',
      (d: any) => (d.scheduler.sendWindow = { from: '21:00', to: '08:30' }),
      '开始须早于结束',
    ],
  ])('%s', (_, change, expected) => {
    expect(() => loadTemplateRegistry(registryWith(change))).toThrow(TemplateRegistryError)
    expect(() => loadTemplateRegistry(registryWith(change))).toThrow(expected)
  })

  it('carries the INVALID_INPUT code of the one error enum', () => {
    try {
      loadTemplateRegistry({})
      throw new Error('expected a TemplateRegistryError')
    } catch (error) {
      expect(error).toBeInstanceOf(TemplateRegistryError)
      expect((error as TemplateRegistryError).code).toBe('INVALID_INPUT')
    }
  })
})

describe('resolveTemplateIds', () => {
  it('lists every template missing from an empty environment, in Chinese, with the variable to set', () => {
    const resolved = resolveTemplateIds({})
    expect(resolved.configured).toEqual({})
    expect(resolved.missing).toHaveLength(10)
    expect(resolved.message).toContain('未配置10个订阅消息模板ID')
    expect(resolved.message).toContain('即将超期（HQ_TPL_DUE_SOON）')
    expect(resolved.message).toContain('只在小程序消息中心显示')
  })

  it('is silent when every template has an id', () => {
    const env = envWithAllTemplateIds(registry.templates)
    const resolved = resolveTemplateIds(env)
    expect(resolved.missing).toEqual([])
    expect(resolved.message).toBeNull()
    expect(resolved.configured.dueSoon).toBe(env.HQ_TPL_DUE_SOON)
    expect(resolved.keysById[env.HQ_TPL_DUE_SOON]).toBe('dueSoon')
  })

  it('tells a malformed id from a missing one', () => {
    const env = { ...envWithAllTemplateIds(registry.templates), HQ_TPL_OVERDUE: 'not an id!', HQ_TPL_CLOSED: '  ' }
    const resolved = resolveTemplateIds(env)
    expect(resolved.missing.map(({ templateKey, reason }) => [templateKey, reason])).toEqual([
      ['overdue', 'malformed'],
      ['closed', 'missing'],
    ])
    expect(resolved.message).toContain('已超期督办（HQ_TPL_OVERDUE，格式不正确）')
  })

  it('gives the ids of a consent group, configured ones only and never more than 3', () => {
    const env = envWithAllTemplateIds(registry.templates)
    expect(subscribeTemplateIds('enterpriseOnSubmit', resolveTemplateIds(env))).toEqual([
      env.HQ_TPL_ACCEPTED,
      env.HQ_TPL_PROGRESS,
      env.HQ_TPL_REPLIED,
    ])
    const { HQ_TPL_REPLIED: _, ...withoutReplied } = env
    expect(subscribeTemplateIds('enterpriseOnSubmit', resolveTemplateIds(withoutReplied))).toEqual([
      env.HQ_TPL_ACCEPTED,
      env.HQ_TPL_PROGRESS,
    ])
    for (const group of Object.keys(registry.subscribeGroups)) {
      expect(subscribeTemplateIds(group, resolveTemplateIds(env)).length).toBeLessThanOrEqual(3)
    }
  })
})
