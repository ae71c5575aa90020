/**
 * Reminders and subscribe messages (DESIGN.md §4 "Reminders", §6): the pure core. The timer function plans
 * with schedule.ts, fires the events through the lifecycle, writes outbox records (outbox.ts) rendered with
 * format.ts from the template registry (templates.ts), checks consent (consent.ts) and sends.
 */
export * from './addressees'
export * from './consent'
export * from './digest'
export * from './format'
export * from './outbox'
export * from './schedule'
export * from './sms'
export * from './templates'
