import { Button, Text, View } from '@tarojs/components'
import type { ApiError } from '../../types/api'

/**
 * A list's state under its rows: 正在加载, or failed with 重试 (offline said as such), or the end of the list.
 * The rows stay visible while a next page loads or fails.
 */
export function ListStatus(props: {
  loading: boolean
  error: ApiError | null
  hasMore: boolean
  count: number
  onRetry: () => void
}) {
  const { loading, error, hasMore, count, onRetry } = props
  if (loading)
    return (
      <View className="list-status" data-list-status="loading">
        <Text className="muted">正在加载…</Text>
      </View>
    )
  if (error)
    return (
      <View className="list-status" data-list-status="failed">
        <Text className="error-text">{offline() ? '网络未连接，请检查网络后重试' : `加载失败：${error.message}`}</Text>
        <Button className="btn-plain list-retry" onClick={onRetry}>
          重试
        </Button>
      </View>
    )
  if (!hasMore && count > 0) return <Text className="muted list-status">没有更多了</Text>
  return null
}

/** Whether the browser knows it is offline (H5); the mini-program's request fails with its own message. */
function offline(): boolean {
  return process.env.TARO_ENV === 'h5' && typeof navigator !== 'undefined' && navigator.onLine === false
}
