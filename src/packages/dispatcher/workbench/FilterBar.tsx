import {
  CATEGORIES,
  CATEGORY_LABELS,
  CHANNELS,
  CHANNEL_LABELS,
  STATE_LABELS,
  TICKET_STATES,
  TRACKS,
  TRACK_LABELS,
} from '../../../../types/domain'
import type { UnitOption } from '../../../../types/actions'
import { DUE_KINDS, DUE_KIND_LABELS, TICKET_SORTS, TICKET_SORT_LABELS } from '../../../../types/search'
import { DISTRICTS, PERIODS, PERIOD_LABELS, type FilterForm } from './filters'

type Option = { value: string; label: string }
const opts = <T extends string>(values: readonly T[], labels: Record<T, string>): Option[] =>
  values.map((v) => ({ value: v, label: labels[v] }))

function Select(props: {
  id: string
  label: string
  value: string
  options: Option[]
  anyLabel?: string
  disabled?: boolean
  onChange: (value: string) => void
}) {
  return (
    <label className="wb-field" htmlFor={props.id}>
      <span className="wb-field-label">{props.label}</span>
      <select
        id={props.id}
        className="wb-select"
        value={props.value}
        disabled={props.disabled}
        onChange={(e) => props.onChange(e.target.value)}
      >
        {props.anyLabel !== undefined ? <option value="">{props.anyLabel}</option> : null}
        {props.options.map((o) => (
          <option key={o.value} value={o.value}>
            {o.label}
          </option>
        ))}
      </select>
    </label>
  )
}

/**
 * Search and filters as a real form: Tab moves field to field, Enter in the search box (or 查询) applies,
 * 重置 clears. Choices apply on 查询 so a half-made filter does not reload the table at every change.
 */
export function FilterBar(props: {
  form: FilterForm
  units: UnitOption[]
  stateFixed: boolean
  onChange: (form: FilterForm) => void
  onApply: () => void
  onReset: () => void
}) {
  const { form, onChange } = props
  const set =
    <K extends keyof FilterForm>(key: K) =>
    (value: string) =>
      onChange({ ...form, [key]: value })
  return (
    <form
      className="wb-filters"
      role="search"
      onSubmit={(e) => {
        e.preventDefault()
        props.onApply()
      }}
    >
      <label className="wb-field wb-field-keyword" htmlFor="wb-keyword">
        <span className="wb-field-label">搜索</span>
        <input
          id="wb-keyword"
          className="wb-input"
          type="search"
          value={form.keyword}
          placeholder="诉求编号、企业名称或诉求内容"
          onChange={(e) => onChange({ ...form, keyword: e.target.value })}
        />
      </label>
      <Select
        id="wb-state"
        label="状态"
        value={form.state}
        anyLabel="全部状态"
        disabled={props.stateFixed}
        options={opts(TICKET_STATES, STATE_LABELS)}
        onChange={set('state')}
      />
      <Select
        id="wb-category"
        label="类别"
        value={form.category}
        anyLabel="全部类别"
        options={opts(CATEGORIES, CATEGORY_LABELS)}
        onChange={set('category')}
      />
      <Select
        id="wb-unit"
        label="承办单位"
        value={form.unitCode}
        anyLabel="全部单位"
        options={props.units.map((u) => ({ value: u.code, label: u.name }))}
        onChange={set('unitCode')}
      />
      <Select
        id="wb-district"
        label="县区"
        value={form.district}
        anyLabel="全部县区"
        options={DISTRICTS.map((d) => ({ value: d, label: d }))}
        onChange={set('district')}
      />
      <Select
        id="wb-track"
        label="办理方式"
        value={form.track}
        anyLabel="全部"
        options={opts(TRACKS, TRACK_LABELS)}
        onChange={set('track')}
      />
      <Select
        id="wb-channel"
        label="渠道"
        value={form.channel}
        anyLabel="全部渠道"
        options={opts(CHANNELS, CHANNEL_LABELS)}
        onChange={set('channel')}
      />
      <Select
        id="wb-overdue"
        label="超期"
        value={form.overdue}
        anyLabel="不限"
        options={[
          { value: 'any', label: '任一时限超期' },
          ...DUE_KINDS.map((k) => ({ value: k, label: `${DUE_KIND_LABELS[k]}超期` })),
        ]}
        onChange={set('overdue')}
      />
      <Select
        id="wb-period"
        label="提交时间"
        value={form.period}
        options={opts(PERIODS, PERIOD_LABELS)}
        onChange={set('period')}
      />
      <Select
        id="wb-sort"
        label="排序"
        value={form.sort}
        options={opts(TICKET_SORTS, TICKET_SORT_LABELS)}
        onChange={set('sort')}
      />
      <div className="wb-filter-buttons">
        <button type="submit" className="wb-button wb-button-primary" id="wb-apply">
          查询
        </button>
        <button type="button" className="wb-button" onClick={props.onReset}>
          重置
        </button>
      </div>
    </form>
  )
}
