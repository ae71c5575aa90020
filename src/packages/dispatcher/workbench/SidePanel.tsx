import { useCallback, useEffect, useRef, useState } from 'react'
import type { ActionResult } from '../../../../types/actions'
import { CATEGORY_LABELS, CHANNEL_LABELS, LEVEL_LABELS, TRACK_LABELS, URGENCY_LABELS } from '../../../../types/domain'
import type { TicketSearchPayload } from '../../../../types/search'
import { StatusTag } from '../../../components/StatusTag'
import { StaffTicketActions } from '../../../staff/StaffTicketActions'
import { Timeline } from '../../../components/Timeline'
import { callCloud } from '../../../services/cloud'
import { formatDateTime } from '../../../services/format'
import type { SearchResult } from '../../../services/ticketSearch'
import { DuplicatePicker } from './DuplicatePicker'
import type { Row } from './WorkbenchTable'

type Detail = ActionResult<'ticket.get'>

/** Taro's H5 buttons and chips are custom elements: make them reachable by Tab and pressable by Enter/Space. */
const PRESSABLE = 'taro-button-core, .chip'
function makePressable(root: HTMLElement) {
  root.querySelectorAll<HTMLElement>(PRESSABLE).forEach((el) => {
    if (!el.hasAttribute('tabindex')) el.setAttribute('tabindex', '0')
    if (!el.hasAttribute('role')) el.setAttribute('role', 'button')
  })
}

/**
 * The ticket beside the table: its facts, grade, dues, the actions the caller may fire now (the shared
 * StaffTicketActions, with the workbench's duplicate search in the reject form) and the timeline.
 * Esc closes it; Ctrl+Enter in a form confirms it.
 */
export function SidePanel(props: {
  ticketId: string
  row: Row | undefined
  search: (payload: TicketSearchPayload) => Promise<SearchResult>
  onClose: () => void
  onChanged: () => void
}) {
  const { ticketId, onClose } = props
  const [ticket, setTicket] = useState<Detail | null>(null)
  const [error, setError] = useState('')
  const ref = useRef<HTMLElement>(null)

  const load = useCallback(async () => {
    const res = await callCloud('ticket.get', { ticketId })
    if (res.ok) {
      setTicket(res.data)
      setError('')
    } else setError(res.error.message)
  }, [ticketId])

  useEffect(() => {
    setTicket(null)
    void load()
  }, [load])

  useEffect(() => {
    const root = ref.current
    if (!root) return
    root.focus()
    makePressable(root)
    if (typeof MutationObserver === 'undefined') return
    const observer = new MutationObserver(() => makePressable(root))
    observer.observe(root, { childList: true, subtree: true })
    return () => observer.disconnect()
  }, [ticketId])

  function onKeyDown(e: React.KeyboardEvent<HTMLElement>) {
    const target = e.target as HTMLElement
    if (e.key === 'Escape') {
      e.stopPropagation()
      onClose()
    } else if (e.key === 'Enter' && (e.ctrlKey || e.metaKey)) {
      const submit = ref.current?.querySelector<HTMLElement>('.action-submit')
      if (submit) {
        e.preventDefault()
        submit.click()
      }
    } else if ((e.key === 'Enter' || e.key === ' ') && target.matches(PRESSABLE)) {
      e.preventDefault()
      target.click()
    }
  }

  const unitName = (code: string) => ticket?.unitNames?.[code] ?? code
  const sentBack = props.row?.sentBack
  return (
    <aside
      className="wb-panel"
      role="dialog"
      aria-label="诉求详情"
      tabIndex={-1}
      ref={ref}
      onKeyDown={onKeyDown}
      data-panel={ticketId}
    >
      <div className="wb-panel-head">
        <span className="wb-panel-no">{ticket?.no ?? props.row?.no}</span>
        {ticket ? <StatusTag state={ticket.state} /> : null}
        <button type="button" className="wb-button wb-panel-close" onClick={onClose} aria-label="关闭详情（Esc）">
          关闭
        </button>
      </div>
      {error ? <p className="wb-error">{error}</p> : null}
      {!ticket && !error ? <p className="wb-muted">正在加载…</p> : null}
      {ticket ? (
        <div className="wb-panel-body">
          <h2 className="wb-panel-title">{ticket.title}</h2>
          {sentBack ? (
            <p className="wb-sentback wb-panel-sentback">
              <span className="wb-sentback-tag">退回</span>
              {sentBack.unitName}于{formatDateTime(sentBack.at)}退回：{sentBack.reason}
            </p>
          ) : null}
          <p className="wb-panel-text">{ticket.description}</p>
          <dl className="wb-facts">
            <dt>企业</dt>
            <dd>{ticket.enterpriseName}</dd>
            <dt>类别</dt>
            <dd>
              {CATEGORY_LABELS[ticket.category]} · {URGENCY_LABELS[ticket.urgency]}
            </dd>
            <dt>渠道</dt>
            <dd>
              {CHANNEL_LABELS[ticket.channel]} · {formatDateTime(ticket.createdAt)}提交
            </dd>
            <dt>办理方式</dt>
            <dd>
              {TRACK_LABELS[ticket.track]} · {LEVEL_LABELS[ticket.level]}
            </dd>
            <dt>承办单位</dt>
            <dd>
              牵头：{unitName(ticket.units[0])}
              {ticket.units.length > 1 ? `；协办：${ticket.units.slice(1).map(unitName).join('、')}` : ''}
            </dd>
            {props.row?.currentDue ? (
              <>
                <dt>当前时限</dt>
                <dd>{formatDateTime(props.row.currentDue.dueAt)}</dd>
              </>
            ) : null}
          </dl>
          {ticket.gradeReasons.length > 0 ? (
            <details className="wb-reasons">
              <summary>分级依据</summary>
              <ul>
                {ticket.gradeReasons.map((r) => (
                  <li key={r}>{r}</li>
                ))}
              </ul>
            </details>
          ) : null}
          <StaffTicketActions
            ticket={ticket}
            onChanged={() => {
              void load()
              props.onChanged()
            }}
            pageFields={{
              ticketRef: (value, onChange) => (
                <DuplicatePicker
                  selfId={ticket._id}
                  value={value as string | undefined}
                  search={props.search}
                  onChange={onChange}
                />
              ),
            }}
          />
          <section className="wb-panel-timeline">
            <h3>办理进度</h3>
            <Timeline entries={ticket.timeline} />
          </section>
        </div>
      ) : null}
    </aside>
  )
}
