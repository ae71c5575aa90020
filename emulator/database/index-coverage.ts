/**
 * Does the manifest have an index for this query? The WeChat cloud answers an unindexed query too, only
 * slowly and at scale not at all (indexes are created in the console from db-manifest.json), so the local
 * cloud can insist: with `requireIndexes`, a where-query no manifest index covers fails at once, naming the
 * fields, and a missing index shows up in the first test that makes the query.
 *
 * Covered = every field the filter and the sort use is a key of one index, and that index's first key is
 * among them (a compound index serves queries on a prefix of its keys). A query that tests `_id` is served
 * by the primary key (e.g. the conditional update `{_id, version}` of a transition).
 */
import type { DbManifest } from '../types'

const LOGICAL = new Set(['$and', '$or', '$nor'])

/** Field paths a MongoDB-style filter tests (through $and/$or/$nor), in first-seen order. */
export function filterFields(filter: Record<string, unknown>): string[] {
  const fields = new Set<string>()
  const visit = (node: unknown) => {
    if (Array.isArray(node)) return node.forEach(visit)
    if (node === null || typeof node !== 'object') return
    for (const [key, value] of Object.entries(node as Record<string, unknown>)) {
      if (LOGICAL.has(key)) visit(value)
      else if (!key.startsWith('$')) fields.add(key)
    }
  }
  visit(filter)
  return [...fields]
}

/** The name of an index covering the query, '_id', 'none needed' for an unfiltered unsorted query, or null. */
export function coveringIndex(
  manifest: DbManifest,
  collection: string,
  filter: Record<string, unknown>,
  sort: Record<string, unknown> | undefined,
): string | null {
  const fields = [...new Set([...filterFields(filter), ...Object.keys(sort ?? {})])]
  if (fields.length === 0) return 'none needed'
  if (filterFields(filter).includes('_id')) return '_id'
  const used = fields
  for (const index of manifest.collections[collection]?.indexes ?? []) {
    const keys = Object.keys(index.keys)
    if (used.includes(keys[0]) && used.every((field) => keys.includes(field))) return index.name
  }
  return null
}
