import { Text, View } from '@tarojs/components'
import type { ReactNode } from 'react'

/** What a list shows when it has nothing, with an optional next step. */
export function EmptyState({ title, hint, children }: { title: string; hint?: string; children?: ReactNode }) {
  return (
    <View className="card" style={{ textAlign: 'center', padding: '64px 28px' }}>
      <Text className="card-title">{title}</Text>
      {hint ? <Text className="muted">{hint}</Text> : null}
      {children}
    </View>
  )
}
