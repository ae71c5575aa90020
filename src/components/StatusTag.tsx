import { Text } from '@tarojs/components'
import { STATE_LABELS, type TicketState } from '../../types/domain'
import './StatusTag.css'

/** A ticket's state as a coloured tag, with the Chinese label from the shared vocabulary. */
export function StatusTag({ state }: { state: TicketState }) {
  return <Text className={`status-tag status-${state}`}>{STATE_LABELS[state]}</Text>
}
