import { Text, View } from '@tarojs/components'
import './Chips.css'

/** A row of tappable choices; `selected` may hold one or several values. */
export function Chips<T extends string | number>(props: {
  options: ReadonlyArray<{ value: T; label: string }>
  selected: readonly T[]
  onToggle: (value: T) => void
}) {
  return (
    <View className="chips">
      {props.options.map((o) => (
        <View
          key={String(o.value)}
          className={`chip${props.selected.includes(o.value) ? ' chip-on' : ''}`}
          onClick={() => props.onToggle(o.value)}
        >
          <Text>{o.label}</Text>
        </View>
      ))}
    </View>
  )
}
