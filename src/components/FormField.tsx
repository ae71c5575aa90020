import { Text, View } from '@tarojs/components'
import type { ReactNode } from 'react'
import './FormField.css'

/** A labelled form row with its own error line; `required` adds the red asterisk. */
export function FormField(props: {
  label: string
  required?: boolean
  error?: string
  hint?: string
  /** the field's key, so a form can scroll to its first error */
  field?: string
  children: ReactNode
}) {
  const { label, required, error, hint, field, children } = props
  return (
    <View className={`form-field${error ? ' form-field-invalid' : ''}`} data-field={field}>
      <View className="form-field-label">
        {required ? <Text className="form-field-required">*</Text> : null}
        <Text>{label}</Text>
      </View>
      {children}
      {hint && !error ? <Text className="muted">{hint}</Text> : null}
      {error ? <Text className="error-text form-field-error">{error}</Text> : null}
    </View>
  )
}
