import { useState } from 'react'
import type { TicketSearchPayload } from '../../../../types/search'
import type { SearchResult } from '../../../services/ticketSearch'
import type { Row } from './WorkbenchTable'

/**
 * The reject form's 合并至: find the ticket a duplicate merges into by number, enterprise or text (Enter
 * searches), pick one; the value is that ticket's id (event field `mergedInto`).
 */
export function DuplicatePicker(props: {
  selfId: string
  value: string | undefined
  search: (payload: TicketSearchPayload) => Promise<SearchResult>
  onChange: (ticketId: string | undefined) => void
}) {
  const [keyword, setKeyword] = useState('')
  const [found, setFound] = useState<Row[] | null>(null)
  const [chosen, setChosen] = useState<Row | null>(null)
  const [error, setError] = useState('')

  async function find() {
    setError('')
    if (!keyword.trim()) {
      setError('请输入诉求编号、企业名称或关键词')
      return
    }
    const res = await props.search({ filters: { keyword: keyword.trim() }, sort: 'newest', limit: 8 })
    if (!res.ok) {
      setError(res.error.message)
      return
    }
    setFound(res.data.items.filter((r) => r._id !== props.selfId))
  }

  if (props.value && chosen) {
    return (
      <div className="wb-dup-chosen">
        <span>
          合并至 {chosen.no}（{chosen.enterpriseName}：{chosen.title}）
        </span>
        <button
          type="button"
          className="wb-button"
          onClick={() => {
            setChosen(null)
            props.onChange(undefined)
          }}
        >
          取消合并
        </button>
      </div>
    )
  }
  return (
    <div className="wb-dup">
      <div className="wb-dup-search">
        <input
          className="wb-input"
          aria-label="查找重复的诉求"
          value={keyword}
          placeholder="输入编号、企业或关键词，回车查找"
          onChange={(e) => setKeyword(e.target.value)}
          onKeyDown={(e) => {
            if (e.key === 'Enter') {
              e.preventDefault()
              void find()
            }
          }}
        />
        <button type="button" className="wb-button" onClick={() => void find()}>
          查找
        </button>
      </div>
      {error ? <p className="wb-error">{error}</p> : null}
      {found !== null && found.length === 0 ? <p className="wb-muted">没有找到其他诉求</p> : null}
      {found && found.length > 0 ? (
        <ul className="wb-dup-list">
          {found.map((r) => (
            <li key={r._id}>
              <button
                type="button"
                className="wb-dup-option"
                onClick={() => {
                  setChosen(r)
                  props.onChange(r._id)
                }}
              >
                {r.no} · {r.enterpriseName} · {r.title}
              </button>
            </li>
          ))}
        </ul>
      ) : null}
    </div>
  )
}
