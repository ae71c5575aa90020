/**
 * Reachability of one person (issue 10 item 4), pure: for every template of the subscribe groups their roles
 * are asked for, what is left (core/reminders/consent.ts remaining), and whether any configured one can still
 * carry a message. WeChat tells no count (DESIGN.md §6): these are our own counts of one-time consents.
 */
import type { Role } from '../../types/domain'
import type { ReachTemplate } from '../../types/reach'
import { remaining, type ConsentLedger, type TemplateRegistry } from './reminders'

export function reachOf(
  openid: string,
  groups: readonly string[],
  ledger: ConsentLedger,
  configured: Readonly<Record<string, string>>,
  registry: TemplateRegistry,
): { templates: ReachTemplate[]; reachable: boolean } {
  const keys = [...new Set(groups.flatMap((group) => registry.subscribeGroups[group]?.templates ?? []))]
  const templates = keys.map((templateKey) => ({
    templateKey,
    title: registry.templates[templateKey]?.title ?? templateKey,
    configured: configured[templateKey] !== undefined,
    remaining: remaining(ledger, openid, templateKey),
  }))
  const reachable = templates.some((t) => t.configured && (t.remaining === 'unlimited' || t.remaining > 0))
  return { templates, reachable }
}

export function rolesOf(grants: ReadonlyArray<{ role: Role }>): Role[] {
  return [...new Set(grants.map((grant) => grant.role))]
}
