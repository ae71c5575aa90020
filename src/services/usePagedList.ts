import { useCallback, useEffect, useRef, useState } from 'react'
import { useDidShow, useReachBottom } from '@tarojs/taro'
import type { ApiError, ApiResult } from '../../types/api'

/** A page as the lists answer it; cursor-paged lists also say where the next page starts. */
export interface ListPage<T> {
  items: T[]
  hasMore: boolean
  nextCursor?: string | null
}

/**
 * A list fetched page by page: reloads when the page shows or `fetchPage` changes (another tab), loads more
 * at the bottom. Cursor-paged lists take the previous page's `nextCursor` (never a growing skip); the page
 * number stays for the lists that still count pages.
 */
export function usePagedList<T>(fetchPage: (page: number, cursor?: string) => Promise<ApiResult<ListPage<T>>>) {
  const [items, setItems] = useState<T[]>([])
  const [page, setPage] = useState(0)
  const [cursor, setCursor] = useState<string | undefined>(undefined)
  const [hasMore, setHasMore] = useState(false)
  const [loading, setLoading] = useState(true)
  const [error, setError] = useState<ApiError | null>(null)

  const load = useCallback(
    async (nextPage: number, from?: string) => {
      setLoading(true)
      const res = await fetchPage(nextPage, from)
      setLoading(false)
      if (!res.ok) {
        setError(res.error)
        return
      }
      setError(null)
      setItems((prev) => (nextPage === 0 ? res.data.items : [...prev, ...res.data.items]))
      setHasMore(res.data.hasMore)
      setCursor(res.data.nextCursor ?? undefined)
      setPage(nextPage)
    },
    [fetchPage],
  )

  useEffect(() => {
    void load(0)
  }, [load])
  // coming back to the page (after acting on a ticket) refreshes it; the first show is the effect above
  const shown = useRef(false)
  useDidShow(() => {
    if (shown.current) void load(0)
    shown.current = true
  })
  const loadMore = () => {
    if (hasMore && !loading) void load(page + 1, cursor)
  }
  useReachBottom(loadMore)
  return { items, hasMore, loading, error, reload: () => load(0), loadMore }
}
