import { Text, View } from '@tarojs/components'
import './Tabs.css'

/** A segmented tab bar for a workspace list. */
export function Tabs<T extends string>(props: {
  tabs: ReadonlyArray<{ value: T; label: string }>
  current: T
  onChange: (t: T) => void
}) {
  return (
    <View className="tabs">
      {props.tabs.map((t) => (
        <View
          key={t.value}
          className={`tab${props.current === t.value ? ' tab-on' : ''}`}
          data-tab={t.value}
          onClick={() => props.onChange(t.value)}
        >
          <Text>{t.label}</Text>
        </View>
      ))}
    </View>
  )
}
