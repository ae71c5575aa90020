import { useCallback, useEffect, useRef, useState } from 'react'
import { useDidShow, useReachBottom } from '@tarojs/taro'
import type { ApiError, ApiResult } from '../../types/api'

/**
 * A list fetched page by page: reloads when the page shows or `fetchPage` changes (another tab), loads more
 * at the bottom.
 */
export function usePagedList<T>(fetchPage: (page: number) => Promise<ApiResult<{ items: T[]; hasMore: boolean }>>) {
  const [items, setItems] = useState<T[]>([])
  const [page, setPage] = useState(0)
  const [hasMore, setHasMore] = useState(false)
  const [loading, setLoading] = useState(true)
  const [error, setError] = useState<ApiError | null>(null)

  const load = useCallback(
    async (nextPage: number) => {
      setLoading(true)
      const res = await fetchPage(nextPage)
      setLoading(false)
      if (!res.ok) {
        setError(res.error)
        return
      }
      setError(null)
      setItems((prev) => (nextPage === 0 ? res.data.items : [...prev, ...res.data.items]))
      setHasMore(res.data.hasMore)
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
  useReachBottom(() => {
    if (hasMore && !loading) void load(page + 1)
  })
  return { items, hasMore, loading, error, reload: () => load(0) }
}
