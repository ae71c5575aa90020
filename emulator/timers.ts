/**
 * Timer triggers: the 7-field cron of a function's config.json (second minute hour day month weekday
 * year), read in UTC+8 as the WeChat cloud does (DESIGN.md §6). Fields take `*`, `?`, numbers, names
 * (JAN-DEC, SUN-SAT), lists `a,b`, ranges `a-b` and steps `*\/n`, `a-b/n`, `a/n`.
 */

export interface CronSchedule {
  matches(at: Date): boolean
}

interface FieldSpec {
  name: string
  min: number
  max: number
  /** names of min, min + 1, … */
  names?: readonly string[]
}

const MONTHS = ['JAN', 'FEB', 'MAR', 'APR', 'MAY', 'JUN', 'JUL', 'AUG', 'SEP', 'OCT', 'NOV', 'DEC']
const WEEKDAYS = ['SUN', 'MON', 'TUE', 'WED', 'THU', 'FRI', 'SAT']

const FIELDS: readonly FieldSpec[] = [
  { name: 'second', min: 0, max: 59 },
  { name: 'minute', min: 0, max: 59 },
  { name: 'hour', min: 0, max: 23 },
  { name: 'day', min: 1, max: 31 },
  { name: 'month', min: 1, max: 12, names: MONTHS },
  { name: 'weekday', min: 0, max: 6, names: WEEKDAYS },
  { name: 'year', min: 1970, max: 2099 },
]

const UTC8_OFFSET_MS = 8 * 60 * 60 * 1000

export function parseCron(expression: string): CronSchedule {
  const parts = expression.trim().split(/\s+/)
  if (parts.length !== FIELDS.length) {
    throw new Error(`timer trigger '${expression}': expected 7 fields (second minute hour day month weekday year)`)
  }
  const [second, minute, hour, day, month, weekday, year] = parts.map((part, i) =>
    parseField(part, FIELDS[i], expression),
  )
  return {
    matches(at: Date): boolean {
      const local = new Date(at.getTime() + UTC8_OFFSET_MS) // read with getUTC* = wall clock in UTC+8
      // as in classic cron, a restricted day and weekday match when either does [UNC for the WeChat cloud]
      const dayMatches =
        day.any || weekday.any
          ? day.has(local.getUTCDate()) && weekday.has(local.getUTCDay())
          : day.has(local.getUTCDate()) || weekday.has(local.getUTCDay())
      return (
        dayMatches &&
        second.has(local.getUTCSeconds()) &&
        minute.has(local.getUTCMinutes()) &&
        hour.has(local.getUTCHours()) &&
        month.has(local.getUTCMonth() + 1) &&
        year.has(local.getUTCFullYear())
      )
    },
  }
}

interface FieldMatcher {
  any: boolean
  has(value: number): boolean
}

function parseField(text: string, spec: FieldSpec, expression: string): FieldMatcher {
  if (text === '*' || text === '?') return { any: true, has: () => true }
  const values = new Set<number>()
  for (const item of text.split(',')) {
    const [range, stepText] = item.split('/')
    const step = stepText === undefined ? 1 : Number(stepText)
    const [low, high] =
      range === '*'
        ? [spec.min, spec.max]
        : range.includes('-')
          ? range.split('-').map((v) => fieldValue(v, spec))
          : [fieldValue(range, spec)]
    const last = high ?? (stepText === undefined ? low : spec.max)
    if (
      !Number.isInteger(step) ||
      step < 1 ||
      [low, last].some((v) => !(v >= spec.min && v <= spec.max)) ||
      low > last
    ) {
      throw new Error(`timer trigger '${expression}': invalid ${spec.name} field '${text}'`)
    }
    for (let value = low; value <= last; value += step) values.add(value)
  }
  return { any: false, has: (value) => values.has(value) }
}

function fieldValue(text: string, spec: FieldSpec): number {
  const named = spec.names?.indexOf(text.toUpperCase()) ?? -1
  if (named >= 0) return spec.min + named // JAN = 1, SUN = 0
  return /^\d+$/.test(text) ? Number(text) : NaN
}
