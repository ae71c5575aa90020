import { Button, Input, Text, View } from '@tarojs/components'
import { useEffect, useRef, useState } from 'react'
import type { DirectoryKind } from '../../../../types/directory'
import { callCloud } from '../../../services/cloud'
import { KIND_TAB_LABELS, rowOf, type DirectoryRow } from '../lib/records'

/**
 * Picks one or several records of a kind by searching the directory (active records only: a stopped unit
 * or commissioner cannot be given new work). Shows the picked ones by name, looking up names it was not given.
 */
export function RefPicker(props: {
  kind: DirectoryKind
  value: readonly string[]
  onChange: (next: string[]) => void
  multiple?: boolean
  names?: Record<string, string>
  disabled?: boolean
  /** id of the search input, for tests */
  inputId?: string
}) {
  const { kind, value, onChange, multiple = false, disabled = false } = props
  const [keyword, setKeyword] = useState('')
  const [results, setResults] = useState<DirectoryRow[] | null>(null)
  const [error, setError] = useState('')
  const [searching, setSearching] = useState(false)
  const [found, setFound] = useState<Record<string, string>>({})
  const asked = useRef(new Set<string>())
  const nameOf = (id: string) => props.names?.[id] ?? found[id] ?? id

  // names the caller did not know (a project's enterprise, a member unit): one directory.get each, once
  useEffect(() => {
    for (const id of value) {
      if (props.names?.[id] || asked.current.has(id)) continue
      asked.current.add(id)
      void callCloud('directory.get', { kind, id }).then((res) => {
        if (res.ok) setFound((prev) => ({ ...prev, [id]: rowOf(res.data).name }))
      })
    }
  }, [kind, value, props.names])

  async function search() {
    if (searching) return
    setSearching(true)
    const res = await callCloud('directory.search', { kind, keyword: keyword.trim(), page: 0 })
    setSearching(false)
    if (!res.ok) {
      setError(res.error.message)
      return
    }
    setError('')
    setResults(res.data.items.map(rowOf))
  }

  function pick(row: DirectoryRow) {
    asked.current.add(row.id) // its name is known now: no lookup
    setFound((prev) => ({ ...prev, [row.id]: row.name }))
    if (!multiple) {
      onChange([row.id])
      setResults(null)
    } else if (!value.includes(row.id)) {
      onChange([...value, row.id])
    }
  }

  return (
    <View className="ref-picker" data-ref-kind={kind}>
      {value.length > 0 ? (
        <View className="ref-chips">
          {value.map((id) => (
            <View className="ref-chip" key={id} data-ref-id={id}>
              <Text>{nameOf(id)}</Text>
              {disabled ? null : (
                <Text className="ref-remove" onClick={() => onChange(value.filter((v) => v !== id))}>
                  ×
                </Text>
              )}
            </View>
          ))}
        </View>
      ) : null}
      {disabled ? null : (
        <View className="ref-search-row">
          <Input
            className="field-input ref-search"
            id={props.inputId}
            value={keyword}
            placeholder={`搜索${KIND_TAB_LABELS[kind]}名称或代码`}
            confirmType="search"
            onInput={(e) => setKeyword(e.detail.value)}
            onConfirm={() => void search()}
          />
          <Button className="btn-plain ref-search-button" size="mini" loading={searching} onClick={() => void search()}>
            搜索
          </Button>
        </View>
      )}
      {error ? <Text className="error-text">{error}</Text> : null}
      {results && !disabled ? (
        <View className="ref-results">
          {results.length === 0 ? <Text className="muted">没有找到，请换个关键词</Text> : null}
          {results.map((row) => (
            <View
              className={`ref-option${value.includes(row.id) ? ' ref-option-on' : ''}`}
              key={row.id}
              data-ref-id={row.id}
              onClick={() => pick(row)}
            >
              <Text className="ref-option-name">{row.name}</Text>
              <Text className="muted">{row.facts.slice(0, 3).join(' · ')}</Text>
            </View>
          ))}
        </View>
      ) : null}
    </View>
  )
}
