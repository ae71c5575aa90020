import { useCallback, useEffect, useMemo, useRef, useState } from 'react'
import type { UnitOption } from '../../../../types/actions'
import type { TicketSearchPayload } from '../../../../types/search'
import { callCloud } from '../../../services/cloud'
import { exportTickets } from '../../../services/exportTickets'
import { searchTickets, type SearchResult } from '../../../services/ticketSearch'
import { BULK_FROM, BULK_LABELS, runBulk, summarize, type BulkDeps, type BulkEvent, type BulkOutcome } from './bulk'
import { FilterBar } from './FilterBar'
import {
  EMPTY_FORM,
  WORKBENCH_TABS,
  WORKBENCH_TAB_LABELS,
  filtersOf,
  payloadOf,
  tabFixesState,
  type FilterForm,
  type WorkbenchTab,
} from './filters'
import { SidePanel } from './SidePanel'
import { WorkbenchTable, type Row } from './WorkbenchTable'
import './workbench.css'

const PAGE_LIMIT = 50

const defaultBulkDeps: BulkDeps = {
  get: (ticketId) => callCloud('ticket.get', { ticketId }),
  act: (payload) => callCloud('ticket.act', payload),
}

interface BulkState {
  type: BulkEvent
  rows: Row[]
  running: boolean
  outcomes: BulkOutcome[]
}

/**
 * 市重点办's workbench on a PC (≥ 1024 px, H5): a tab per queue with its count, search and filters, a dense
 * sortable table, bulk accept and dispatch with per-row results, and the ticket in a side panel.
 */
export function Workbench(props: {
  search?: (payload: TicketSearchPayload) => Promise<SearchResult>
  bulkDeps?: BulkDeps
  loadUnits?: () => Promise<UnitOption[]>
  now?: () => Date
  onHotline?: () => void
}) {
  const search = props.search ?? searchTickets
  const bulkDeps = props.bulkDeps ?? defaultBulkDeps
  const now = props.now ?? (() => new Date())
  const [tab, setTab] = useState<WorkbenchTab>('new')
  const [draft, setDraft] = useState<FilterForm>(EMPTY_FORM)
  const [applied, setApplied] = useState<FilterForm>(EMPTY_FORM)
  const [rows, setRows] = useState<Row[]>([])
  const [total, setTotal] = useState<number | null>(null)
  const [cursor, setCursor] = useState<string | null>(null)
  const [counts, setCounts] = useState<Partial<Record<WorkbenchTab, number>>>({})
  const [loading, setLoading] = useState(true)
  const [error, setError] = useState('')
  const [selected, setSelected] = useState<Set<string>>(new Set())
  const [openId, setOpenId] = useState<string | null>(null)
  const [units, setUnits] = useState<UnitOption[]>([])
  const [bulk, setBulk] = useState<BulkState | null>(null)
  const [notice, setNotice] = useState('')
  const lastFocus = useRef<HTMLElement | null>(null)
  const generation = useRef(0)

  const load = useCallback(
    async (more?: string) => {
      const mine = ++generation.current
      setLoading(true)
      // the page and the other tabs' counts (same filters) are asked together and shown together, so a count
      // never lags behind the rows it stands beside
      const [res, otherCounts] = await Promise.all([
        search(payloadOf(tab, applied, now(), { limit: PAGE_LIMIT, ...(more ? { cursor: more } : {}) })),
        Promise.all(
          WORKBENCH_TABS.filter((t) => t !== tab).map(async (t) => {
            const c = await search(payloadOf(t, applied, now(), { limit: 1 }))
            return [t, c.ok ? c.data.total : undefined] as const
          }),
        ),
      ])
      if (mine !== generation.current) return // a newer query has started
      setLoading(false)
      if (!res.ok) {
        setError(res.error.message)
        return
      }
      setError('')
      setRows((prev) => (more ? [...prev, ...res.data.items] : res.data.items))
      setTotal(res.data.total)
      setCursor(res.data.nextCursor)
      if (!more) setSelected(new Set())
      setCounts(Object.fromEntries([...otherCounts, [tab, res.data.total] as const]))
    },
    // `now` and `search` are fixed for the component's life
    // eslint-disable-next-line react-hooks/exhaustive-deps
    [tab, applied],
  )

  useEffect(() => {
    void load()
  }, [load])

  useEffect(() => {
    const loadUnits =
      props.loadUnits ??
      (async () => {
        const res = await callCloud('directory.units', {})
        return res.ok ? res.data : []
      })
    void loadUnits().then(setUnits)
    // once
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [])

  const byId = useMemo(() => new Map(rows.map((r) => [r._id, r])), [rows])
  const selectedRows = rows.filter((r) => selected.has(r._id))
  const eligible = (type: BulkEvent) => selectedRows.filter((r) => r.state === BULK_FROM[type])

  function open(id: string) {
    lastFocus.current = document.activeElement as HTMLElement | null
    setOpenId(id)
  }
  function close() {
    setOpenId(null)
    lastFocus.current?.focus()
  }

  async function startBulk(state: BulkState, previous: BulkOutcome[] = []) {
    setBulk({ ...state, running: true, outcomes: previous })
    const outcomes = await runBulk(
      state.rows,
      state.type,
      bulkDeps,
      (partial) => setBulk((b) => b && { ...b, outcomes: partial }),
      previous,
    )
    setBulk((b) => b && { ...b, running: false, outcomes })
    setNotice(summarize(outcomes, state.type))
    void load()
  }

  const failed =
    bulk && !bulk.running ? bulk.outcomes.filter((o) => o.status === 'conflict' || o.status === 'failed') : []

  return (
    <div className={`workbench${openId ? ' workbench-with-panel' : ''}`}>
      <div className="wb-main">
        <div className="wb-top">
          <h1 className="wb-heading">受理派单工作台</h1>
          <div className="wb-top-buttons">
            {props.onHotline ? (
              <button type="button" className="wb-button" onClick={props.onHotline}>
                录入966011热线诉求
              </button>
            ) : null}
            <button
              type="button"
              className="wb-button"
              id="wb-export"
              onClick={() => {
                setNotice('正在导出…')
                void exportTickets(filtersOf(tab, applied, now())).then((r) =>
                  setNotice(r.ok ? `已导出 ${r.count} 条：${r.fileName}` : `导出失败：${r.message}`),
                )
              }}
            >
              导出Excel
            </button>
          </div>
        </div>
        <div className="wb-tabs" role="tablist">
          {WORKBENCH_TABS.map((t) => (
            <button
              key={t}
              type="button"
              role="tab"
              aria-selected={t === tab}
              data-tab={t}
              className={`wb-tab${t === tab ? ' wb-tab-on' : ''}`}
              onClick={() => {
                setTab(t)
                if (tabFixesState(t)) setDraft((d) => ({ ...d, state: '' }))
              }}
            >
              {WORKBENCH_TAB_LABELS[t]}
              <span className="wb-count">{counts[t] ?? '…'}</span>
            </button>
          ))}
        </div>
        <FilterBar
          form={draft}
          units={units}
          stateFixed={tabFixesState(tab)}
          onChange={setDraft}
          onApply={() => setApplied({ ...draft, state: tabFixesState(tab) ? '' : draft.state })}
          onReset={() => {
            setDraft(EMPTY_FORM)
            setApplied(EMPTY_FORM)
          }}
        />
        <div className="wb-bulk" aria-label="批量操作">
          <span className="wb-selected">已选 {selected.size} 件</span>
          {(['accept', 'dispatch'] as const).map((type) => (
            <button
              key={type}
              type="button"
              className="wb-button wb-button-primary"
              data-bulk={type}
              disabled={eligible(type).length === 0 || bulk?.running === true}
              onClick={() => setBulk({ type, rows: eligible(type), running: false, outcomes: [] })}
            >
              批量{BULK_LABELS[type]}
              {type === 'dispatch' ? '（按分级单位）' : ''}（{eligible(type).length}）
            </button>
          ))}
          {notice ? (
            <span className="wb-notice" role="status">
              {notice}
            </span>
          ) : null}
        </div>
        {bulk ? (
          <div className="wb-bulk-panel" data-bulk-panel={bulk.type}>
            {bulk.outcomes.length === 0 && !bulk.running ? (
              <>
                <p>
                  将对以下 {bulk.rows.length} 件诉求{BULK_LABELS[bulk.type]}
                  {bulk.type === 'dispatch' ? '，派给分级确定的承办单位：' : '：'}
                </p>
                <ul className="wb-bulk-list">
                  {bulk.rows.map((r) => (
                    <li key={r._id}>
                      {r.no} · {r.enterpriseName}
                      {bulk.type === 'dispatch'
                        ? ` → ${r.unitNames.length > 0 ? r.unitNames.join('、') : '分级确定的牵头单位'}`
                        : ''}
                    </li>
                  ))}
                </ul>
                <div className="wb-row-buttons">
                  <button
                    type="button"
                    className="wb-button wb-button-primary"
                    data-bulk-confirm
                    onClick={() => void startBulk(bulk)}
                  >
                    确认{BULK_LABELS[bulk.type]}
                  </button>
                  <button type="button" className="wb-button" onClick={() => setBulk(null)}>
                    取消
                  </button>
                </div>
              </>
            ) : (
              <>
                <p>{bulk.running ? `正在${BULK_LABELS[bulk.type]}…` : summarize(bulk.outcomes, bulk.type)}</p>
                <ul className="wb-bulk-list" data-bulk-results>
                  {bulk.outcomes.map((o) => (
                    <li key={o.ticketId} className={`wb-outcome wb-outcome-${o.status}`} data-outcome={o.status}>
                      {o.no}：{o.message}
                    </li>
                  ))}
                </ul>
                {!bulk.running ? (
                  <div className="wb-row-buttons">
                    {failed.length > 0 ? (
                      <button
                        type="button"
                        className="wb-button wb-button-primary"
                        data-bulk-retry
                        onClick={() => void startBulk(bulk, bulk.outcomes)}
                      >
                        重试未完成的 {failed.length} 件
                      </button>
                    ) : null}
                    <button type="button" className="wb-button" onClick={() => setBulk(null)}>
                      完成
                    </button>
                  </div>
                ) : null}
              </>
            )}
          </div>
        ) : null}
        {error ? (
          <p className="wb-error" role="alert">
            {error}
            <button type="button" className="wb-button" onClick={() => void load()}>
              重试
            </button>
          </p>
        ) : null}
        <p className="wb-muted wb-total">
          {loading ? '正在加载…' : total !== null ? `共 ${total} 件，已显示 ${rows.length} 件` : ''}
        </p>
        <WorkbenchTable
          rows={rows}
          selected={selected}
          openId={openId}
          now={now().getTime()}
          onToggle={(id) =>
            setSelected((s) => {
              const next = new Set(s)
              if (next.has(id)) next.delete(id)
              else next.add(id)
              return next
            })
          }
          onToggleAll={(on) => setSelected(on ? new Set(rows.map((r) => r._id)) : new Set())}
          onOpen={open}
        />
        {!loading && !error && rows.length === 0 ? <p className="wb-empty">没有符合条件的诉求</p> : null}
        {cursor ? (
          <button type="button" className="wb-button wb-more" disabled={loading} onClick={() => void load(cursor)}>
            加载更多
          </button>
        ) : null}
      </div>
      {openId ? (
        <SidePanel
          ticketId={openId}
          row={byId.get(openId)}
          search={search}
          onClose={close}
          onChanged={() => void load()}
        />
      ) : null}
    </div>
  )
}
