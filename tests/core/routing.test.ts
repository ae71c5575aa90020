/**
 * Who is told of what (DESIGN.md §4 "Routing"): the dispatcher on every new ticket, the handling units once
 * dispatched, the category's task force, and for a key enterprise its 四个一 arrangement.
 */
import type { ServiceArrangement } from '../../types/domain'
import { NOTIFICATION_TEMPLATES, ROUTING_TABLE, recipientsFor } from '../../cloudfunctions/core/routing'
import { ACTORS, TIMES, fire, ticketIn } from './factories'

function makeArrangement(overrides: Partial<ServiceArrangement> = {}): ServiceArrangement {
  return {
    _id: 'ent-1',
    enterpriseId: 'ent-1',
    leaderId: 'leader-7',
    leadUnitCode: 'industry-it',
    serviceTeamId: 'team-3',
    commissionerIds: ['com-1', 'com-2'],
    ...overrides,
  }
}

describe('a new ticket', () => {
  it('of a key enterprise reaches the dispatcher and its arrangement (first chance to solve on site)', () => {
    expect(recipientsFor('ticketSubmitted', ticketIn('submitted'), makeArrangement())).toEqual([
      { kind: 'dispatcher' },
      { kind: 'serviceTeam', serviceTeamId: 'team-3' },
      { kind: 'commissioner', commissionerId: 'com-1' },
      { kind: 'commissioner', commissionerId: 'com-2' },
      { kind: 'unit', unitCode: 'industry-it', as: 'staff' },
    ])
  })

  it('of an ordinary enterprise reaches the dispatcher only, whatever arrangement is passed', () => {
    const ticket = ticketIn('submitted', {
      intake: { enterprise: { _id: 'ent-1', name: '小企业', isKey: false, district: '叠彩区' } },
    })
    expect(recipientsFor('ticketSubmitted', ticket, makeArrangement())).toEqual([{ kind: 'dispatcher' }])
  })

  it('ignores an arrangement that belongs to another enterprise', () => {
    expect(recipientsFor('ticketSubmitted', ticketIn('submitted'), makeArrangement({ enterpriseId: 'ent-9' }))).toEqual(
      [{ kind: 'dispatcher' }],
    )
  })
})

describe('handling units and task forces', () => {
  it('are told of the dispatch: lead, co-units, the category task force, and the lead service unit', () => {
    const ticket = ticketIn('dispatched', {
      intake: { category: 'land' },
      events: { dispatch: { units: ['natural-resources', 'county-lingui'], reason: '涉及临桂区用地' } },
    })
    expect(recipientsFor('ticketDispatched', ticket, makeArrangement())).toEqual([
      { kind: 'unit', unitCode: 'natural-resources', as: 'staff' },
      { kind: 'unit', unitCode: 'county-lingui', as: 'staff' },
      { kind: 'unit', unitCode: 'tf-land', as: 'staff' },
      { kind: 'unit', unitCode: 'industry-it', as: 'staff' },
    ])
  })

  it('are not told before the dispatch: a withdrawal before it reaches the dispatcher alone', () => {
    expect(recipientsFor('ticketWithdrawn', ticketIn('withdrawn'), null)).toEqual([{ kind: 'dispatcher' }])
    const afterDispatch = fire(ticketIn('dispatched'), 'withdraw', TIMES.signed)
    expect(recipientsFor('ticketWithdrawn', afterDispatch, null)).toEqual([
      { kind: 'dispatcher' },
      { kind: 'unit', unitCode: 'hrss', as: 'staff' },
    ])
  })

  it('a lead service unit that is also the lead unit is told once', () => {
    const recipients = recipientsFor('ticketSupervised', ticketIn('signed'), makeArrangement({ leadUnitCode: 'hrss' }))
    expect(recipients).toEqual([
      { kind: 'unit', unitCode: 'hrss', as: 'staff' },
      { kind: 'unit', unitCode: 'hrss', as: 'head' },
    ])
  })
})

describe('the arrangement', () => {
  it('leader hears of escalations, the lead service unit gets a copy, the commissioners follow it', () => {
    expect(recipientsFor('ticketEscalated', ticketIn('signed'), makeArrangement())).toEqual([
      { kind: 'dispatcher' },
      { kind: 'unit', unitCode: 'hrss', as: 'staff' },
      { kind: 'leader', leaderId: 'leader-7' },
      { kind: 'unit', unitCode: 'industry-it', as: 'staff' },
      { kind: 'commissioner', commissionerId: 'com-1' },
      { kind: 'commissioner', commissionerId: 'com-2' },
    ])
  })

  it('commissioners follow their enterprises’ tickets to the end: reply, escalation, closing, 上报', () => {
    for (const template of ['ticketReplied', 'ticketEscalated', 'ticketRated', 'ticketClosedUnrated'] as const) {
      expect(ROUTING_TABLE[template]).toContain('commissioners')
    }
    expect(ROUTING_TABLE.ticketTakenUpward).toEqual(expect.arrayContaining(['dispatcher', 'commissioners']))
  })

  it('an ended arrangement tells nobody', () => {
    expect(recipientsFor('leaderSummary', ticketIn('closed'), { ...makeArrangement(), active: false })).toEqual([])
  })

  it('leader gets the summaries', () => {
    expect(recipientsFor('leaderSummary', ticketIn('closed'), makeArrangement())).toEqual([
      { kind: 'leader', leaderId: 'leader-7' },
    ])
  })

  it('lead service unit gets 督办 copies', () => {
    expect(ROUTING_TABLE.ticketSupervised).toContain('leadServiceUnit')
  })
})

describe('the enterprise', () => {
  it('is told only what it must act on or was promised (each subscribe message spends a consent)', () => {
    const toEnterprise = NOTIFICATION_TEMPLATES.filter((template) => ROUTING_TABLE[template].includes('enterprise'))
    expect(toEnterprise).toEqual([
      'ticketAccepted',
      'ticketRejected',
      'ticketResolvedOnSite',
      'supplementRequested',
      'ticketReplied',
      'ticketClosedUnrated',
      'receptionScheduled',
      'ratingDueSoon',
      // invited to the reception day or coordination meeting that takes up its problem
      'meetingInvited',
      // its reply due moved because the office entered a year's statutory holidays (issue 11)
      'calendarDueMoved',
    ])
  })

  it('supplies material back to whoever asked for it', () => {
    const asked = fire(ticketIn('signed'), 'askSupplement', TIMES.signed)
    expect(recipientsFor('supplementProvided', asked, null)).toEqual([{ kind: 'user', userId: ACTORS.handler.id }])
  })
})
