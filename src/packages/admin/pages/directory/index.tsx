import { Button, Input, Text, View } from '@tarojs/components'
import Taro from '@tarojs/taro'
import { useCallback, useState } from 'react'
import type { DirectoryKind } from '../../../../../types/directory'
import { DIRECTORY_KINDS } from '../../../../../types/directory-schemas'
import { Chips } from '../../../../components/Chips'
import { EmptyState } from '../../../../components/EmptyState'
import '../../../../components/Tabs.css'
import { callCloud } from '../../../../services/cloud'
import { usePagedList } from '../../../../services/usePagedList'
import { useProfile } from '../../../../services/useProfile'
import { KIND_TAB_LABELS, rowOf } from '../../lib/records'
import '../../admin.css'

const editUrl = (kind: DirectoryKind, id?: string) =>
  `/packages/admin/pages/edit/index?kind=${kind}${id ? `&id=${encodeURIComponent(id)}` : ''}`

/** 名录管理: the office searches each kind of record; the admin adds and edits them. */
export default function DirectoryPage() {
  const { profile } = useProfile()
  const isAdmin = profile?.activeRole === 'admin'
  const [kind, setKind] = useState<DirectoryKind>('enterprise')
  const [draft, setDraft] = useState('')
  const [keyword, setKeyword] = useState('')
  const [includeInactive, setIncludeInactive] = useState(false)

  const fetchPage = useCallback(
    (page: number) => callCloud('directory.search', { kind, keyword, includeInactive, page }),
    [kind, keyword, includeInactive],
  )
  const { items, loading, error, hasMore } = usePagedList(fetchPage)
  const rows = items.map(rowOf)

  return (
    <View className="page directory">
      <View className="tabs kind-tabs">
        {DIRECTORY_KINDS.map((k) => (
          <View
            key={k}
            className={`tab${k === kind ? ' tab-on' : ''}`}
            data-kind={k}
            onClick={() => {
              // a name searched among enterprises seldom names a unit: each kind starts unfiltered
              setDraft('')
              setKeyword('')
              setKind(k)
            }}
          >
            <Text>{KIND_TAB_LABELS[k]}</Text>
          </View>
        ))}
      </View>
      <View className="admin-toolbar">
        <Input
          className="field-input"
          id="directory-search"
          value={draft}
          placeholder="名称、代码或信用代码"
          confirmType="search"
          onInput={(e) => setDraft(e.detail.value)}
          onConfirm={() => setKeyword(draft.trim())}
        />
        <Button
          className="btn-primary admin-toolbar-button"
          id="directory-search-button"
          size="mini"
          onClick={() => setKeyword(draft.trim())}
        >
          搜索
        </Button>
      </View>
      <View className="row">
        <View id="include-inactive">
          <Chips
            options={[{ value: 'all', label: '含已停用' }]}
            selected={includeInactive ? ['all'] : []}
            onToggle={() => setIncludeInactive((v) => !v)}
          />
        </View>
        {isAdmin ? (
          <Button
            className="btn-primary admin-add"
            id="directory-add"
            size="mini"
            onClick={() => void Taro.navigateTo({ url: editUrl(kind) })}
          >
            新增{KIND_TAB_LABELS[kind]}
          </Button>
        ) : null}
      </View>

      {error ? <Text className="error-text">{error.message}</Text> : null}
      {!loading && !error && rows.length === 0 ? (
        <EmptyState title="没有找到记录" hint={keyword ? '请换个关键词' : undefined} />
      ) : null}
      {rows.map((row) => (
        <View
          className="card directory-row"
          key={row.id}
          data-kind={row.kind}
          data-id={row.id}
          data-active={String(row.active)}
          onClick={() => void Taro.navigateTo({ url: editUrl(row.kind, row.id) })}
        >
          <View>
            <Text className="admin-row-name">{row.name}</Text>
            {row.active ? null : <Text className="tag tag-inactive">已停用</Text>}
          </View>
          <Text className="muted admin-facts">{row.facts.join(' · ')}</Text>
        </View>
      ))}
      {loading ? <Text className="muted">正在加载…</Text> : null}
      {!loading && hasMore ? <Text className="muted">上拉加载更多</Text> : null}
    </View>
  )
}
