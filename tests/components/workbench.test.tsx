/**
 * The office's PC workbench (issue 11): the filter form becomes the search payload, the dense table shows
 * names, 退回 and lateness, and bulk actions report each row's own result in Chinese, retry-safe.
 */
import { act, fireEvent, render, screen, waitFor, within } from '@testing-library/react'
import type { ActionResult, Wire } from '../../types/actions'
import type { ApiResult } from '../../types/api'
import type { TicketRow, TicketSearchPage, TicketSearchPayload } from '../../types/search'
import { EMPTY_FORM, filtersOf, payloadOf, periodStart } from '../../src/packages/dispatcher/workbench/filters'
import { runBulk, type BulkDeps } from '../../src/packages/dispatcher/workbench/bulk'
import { WorkbenchTable } from '../../src/packages/dispatcher/workbench/WorkbenchTable'
import { Workbench } from '../../src/packages/dispatcher/workbench/Workbench'
import { DuplicatePicker } from '../../src/packages/dispatcher/workbench/DuplicatePicker'

const NOW = new Date('2026-11-27T02:00:00.000Z') // Friday 10:00 in Beijing

function row(overrides: Partial<Wire<TicketRow>> = {}): Wire<TicketRow> {
  return {
    _id: 'T1',
    no: 'HQ20261126-0001',
    title: '新厂区急需招聘技术工人',
    category: 'labor',
    state: 'submitted',
    track: 'timed',
    urgency: 'normal',
    enterpriseName: '燕京啤酒（桂林漓泉）股份有限公司',
    channel: 'app',
    acceptDueAt: '2026-11-27T15:59:59.999Z',
    replyDueAt: null,
    createdAt: '2026-11-26T01:00:00.000Z',
    enterpriseDistrict: '七星区',
    unitNames: ['市人力资源和社会保障局'],
    currentDue: { kind: 'accept', dueAt: '2026-11-27T15:59:59.999Z' },
    lateness: [],
    sentBack: null,
    ...overrides,
  }
}

describe('filters → search payload', () => {
  it('sends only what was chosen, with the tab’s own state', () => {
    const form = {
      ...EMPTY_FORM,
      keyword: ' 漓泉 ',
      category: 'labor' as const,
      district: '七星区',
      sort: 'dueSoonest' as const,
    }
    expect(payloadOf('new', form, NOW)).toEqual({
      filters: { keyword: '漓泉', categories: ['labor'], district: '七星区', states: ['submitted'] },
      sort: 'dueSoonest',
      limit: 50,
    })
  })
  it('keeps the form’s state, unit, track, channel and lateness on 全部', () => {
    const form = {
      ...EMPTY_FORM,
      state: 'signed' as const,
      unitCode: 'hrss',
      track: 'coordination' as const,
      channel: 'hotline' as const,
      overdue: 'reply' as const,
    }
    expect(filtersOf('all', form, NOW)).toEqual({
      states: ['signed'],
      unitCode: 'hrss',
      tracks: ['coordination'],
      channels: ['hotline'],
      overdue: 'reply',
    })
  })
  it('narrows 已超期 to the chosen due, any due otherwise', () => {
    expect(filtersOf('overdue', EMPTY_FORM, NOW)).toEqual({ overdue: 'any' })
    expect(filtersOf('overdue', { ...EMPTY_FORM, overdue: 'sign' }, NOW)).toEqual({ overdue: 'sign' })
  })
  it('starts a period at the Beijing month, quarter and year', () => {
    expect(periodStart('month', NOW)).toBe('2026-10-31T16:00:00.000Z')
    expect(periodStart('quarter', NOW)).toBe('2026-09-30T16:00:00.000Z')
    expect(periodStart('year', NOW)).toBe('2025-12-31T16:00:00.000Z')
    expect(filtersOf('all', { ...EMPTY_FORM, period: 'month' }, NOW).from).toBe('2026-10-31T16:00:00.000Z')
  })
})

describe('WorkbenchTable', () => {
  it('shows names, the due, 退回 with its reason and the working days overdue', () => {
    const rows = [
      row(),
      row({
        _id: 'T2',
        no: 'HQ20261120-0002',
        state: 'accepted',
        unitNames: ['市教育局', '市人力资源和社会保障局'],
        currentDue: null,
        sentBack: { reason: '不属于本单位职责', at: '2026-11-25T02:00:00.000Z', unitName: '市教育局' },
      }),
      row({
        _id: 'T3',
        no: 'HQ20261101-0003',
        state: 'signed',
        currentDue: { kind: 'reply', dueAt: '2026-11-10T15:59:59.999Z' },
        lateness: [{ kind: 'reply', dueAt: '2026-11-10T15:59:59.999Z', workingDaysLate: 12, open: true }],
      }),
    ]
    const { container } = render(
      <WorkbenchTable
        rows={rows}
        selected={new Set()}
        openId={null}
        now={NOW.getTime()}
        onToggle={() => undefined}
        onToggleAll={() => undefined}
        onOpen={() => undefined}
      />,
    )
    const [first, second, third] = Array.from(container.querySelectorAll('tbody tr'))
    expect(first.textContent).toContain('燕京啤酒（桂林漓泉）股份有限公司')
    expect(first.textContent).toContain('用工招工')
    expect(first.textContent).toContain('市人力资源和社会保障局')
    expect(first.textContent).toContain('受理 2026-11-27 23:59')
    expect(second.textContent).toContain('市教育局（协办 1 个）')
    expect(second.textContent).toContain('退回市教育局：不属于本单位职责')
    expect(third.querySelector('.wb-late')?.textContent).toContain('答复')
    expect(third.textContent).toContain('答复超期 12 个工作日')
    expect(container.textContent).not.toMatch(/hrss|labor|signed/)
  })
})

type Detail = ActionResult<'ticket.get'>
const detail = (id: string, state: Detail['state'], version: number) =>
  ({ _id: id, state, version, offeredEvents: state === 'submitted' ? ['accept', 'reject'] : ['dispatch'] }) as Detail
const okRes = <T,>(data: T): ApiResult<T> => ({ ok: true, data })

describe('bulk actions', () => {
  it('fires each row with its current version and reports each result in Chinese', async () => {
    const versions: Record<string, number> = {}
    const deps: BulkDeps = {
      get: async (id) =>
        id === 'T3' ? okRes(detail(id, 'accepted', 4)) : okRes(detail(id, 'submitted', id === 'T1' ? 2 : 7)),
      act: async ({ ticketId, version }) => {
        versions[ticketId] = version
        if (ticketId === 'T2') return { ok: false, error: { code: 'CONFLICT', message: '已被他人修改' } }
        return okRes(detail(ticketId, 'accepted', version + 1))
      },
    }
    const outcomes = await runBulk(
      [
        { _id: 'T1', no: 'N1' },
        { _id: 'T2', no: 'N2' },
        { _id: 'T3', no: 'N3' },
      ],
      'accept',
      deps,
    )
    expect(versions).toEqual({ T1: 2, T2: 7 }) // T3 is already accepted: never fired
    expect(outcomes.map((o) => [o.no, o.status, o.message])).toEqual([
      ['N1', 'done', '已受理'],
      ['N2', 'conflict', '刚被他人修改，未受理，请刷新后再试'],
      ['N3', 'already', '已受理，无需重复操作'],
    ])
  })

  it('on retry sends only what did not succeed, and counts a lost answer as done', async () => {
    let fired = 0
    let stateOfT2: Detail['state'] = 'submitted'
    const deps: BulkDeps = {
      get: async (id) => okRes(detail(id, id === 'T2' ? stateOfT2 : 'submitted', 1)),
      act: async ({ ticketId }) => {
        fired++
        if (ticketId === 'T2') {
          stateOfT2 = 'accepted' // the write went through…
          return { ok: false, error: { code: 'INTERNAL', message: '网络异常，请检查网络后重试' } } // …the answer was lost
        }
        return okRes(detail(ticketId, 'accepted', 2))
      },
    }
    const rows = [
      { _id: 'T1', no: 'N1' },
      { _id: 'T2', no: 'N2' },
    ]
    const first = await runBulk(rows, 'accept', deps)
    expect(first.map((o) => o.status)).toEqual(['done', 'failed'])
    expect(first[1].message).toBe('受理失败：网络异常，请检查网络后重试')
    const again = await runBulk(rows, 'accept', deps, undefined, first)
    expect(fired).toBe(2) // T1 was not sent again, T2 was read and found accepted
    expect(again.map((o) => o.status)).toEqual(['done', 'already'])
  })
})

describe('Workbench', () => {
  const page = (items: Array<Wire<TicketRow>>): ApiResult<Wire<TicketSearchPage>> =>
    okRes({ items, nextCursor: null, total: items.length })

  function setup(deps?: BulkDeps) {
    const calls: TicketSearchPayload[] = []
    const search = jest.fn(async (p: TicketSearchPayload) => {
      calls.push(p)
      if (p.limit === 1) return okRes({ items: [], nextCursor: null, total: p.filters?.overdue ? 3 : 9 })
      return page([row(), row({ _id: 'T2', no: 'HQ20261126-0002', enterpriseName: '桂林华信制药有限公司' })])
    })
    const utils = render(
      <Workbench
        search={search}
        now={() => NOW}
        loadUnits={async () => [{ code: 'hrss', name: '市人力资源和社会保障局', level: 'city' }]}
        bulkDeps={deps}
      />,
    )
    return { ...utils, calls }
  }

  it('counts each tab and searches what the form says when Enter is pressed', async () => {
    const { container, calls } = setup()
    await screen.findByText('HQ20261126-0002')
    await waitFor(() => expect(container.querySelector('[data-tab="overdue"]')?.textContent).toBe('已超期3'))
    expect(container.querySelector('[data-tab="new"]')?.textContent).toBe('待受理2')

    fireEvent.change(screen.getByLabelText('承办单位'), { target: { value: 'hrss' } })
    fireEvent.change(screen.getByLabelText('搜索'), { target: { value: 'HQ20261126-0002' } })
    calls.length = 0
    await act(async () => {
      fireEvent.submit(screen.getByRole('search'))
    })
    await waitFor(() => expect(calls.length).toBeGreaterThan(0))
    expect(calls[0]).toEqual({
      filters: { keyword: 'HQ20261126-0002', unitCode: 'hrss', states: ['submitted'] },
      sort: 'oldest',
      limit: 50,
    })
  })

  it('accepts the selected rows in bulk and lists each row’s result', async () => {
    const deps: BulkDeps = {
      get: async (id) => okRes(detail(id, 'submitted', 3)),
      act: async ({ ticketId }) =>
        ticketId === 'T2'
          ? { ok: false, error: { code: 'CONFLICT', message: '已被他人修改' } }
          : okRes(detail(ticketId, 'accepted', 4)),
    }
    const { container } = setup(deps)
    await screen.findByText('HQ20261126-0002')
    fireEvent.click(screen.getByLabelText('全选本页'))
    const bulkAccept = container.querySelector('[data-bulk="accept"]') as HTMLButtonElement
    expect(bulkAccept.textContent).toBe('批量受理（2）')
    fireEvent.click(bulkAccept)
    fireEvent.click(container.querySelector('[data-bulk-confirm]') as HTMLElement)
    const results = await waitFor(() => {
      const list = container.querySelector('[data-bulk-results]') as HTMLElement
      expect(list.children).toHaveLength(2)
      expect(container.querySelector('[data-bulk-retry]')).not.toBeNull()
      return list
    })
    expect(within(results).getByText('HQ20261126-0001：已受理')).toBeTruthy()
    expect(within(results).getByText('HQ20261126-0002：刚被他人修改，未受理，请刷新后再试')).toBeTruthy()
    expect(screen.getAllByText('批量受理：成功 1 件，未完成 1 件').length).toBeGreaterThan(0)
  })
})

describe('DuplicatePicker', () => {
  it('finds the ticket a duplicate merges into by Enter in its box, never offering the ticket itself', async () => {
    const search = jest.fn(async (_p: TicketSearchPayload) =>
      okRes({ items: [row(), row({ _id: 'T9', no: 'HQ20261120-0009' })], nextCursor: null, total: 2 }),
    )
    const onChange = jest.fn()
    render(<DuplicatePicker selfId="T1" value={undefined} search={search} onChange={onChange} />)
    const box = screen.getByLabelText('查找重复的诉求')
    fireEvent.keyDown(box, { key: 'Enter' })
    expect(await screen.findByText('请输入诉求编号、企业名称或关键词')).toBeTruthy()
    fireEvent.change(box, { target: { value: '漓泉' } })
    fireEvent.keyDown(box, { key: 'Enter' })
    const option = await screen.findByText(/HQ20261120-0009/)
    expect(search).toHaveBeenCalledWith({ filters: { keyword: '漓泉' }, sort: 'newest', limit: 8 })
    expect(screen.queryByText(/HQ20261126-0001/)).toBeNull()
    fireEvent.click(option)
    expect(onChange).toHaveBeenCalledWith('T9')
  })
})
