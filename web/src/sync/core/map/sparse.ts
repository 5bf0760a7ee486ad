/**
 * Sparse updates: only the fields that changed since the body QuickBooks last accepted, so an edit here
 * never overwrites a field someone changed there (a full update nulls every field it leaves out).
 * @module
 */
import { canonical } from '../merge.ts'

export interface SparseTarget {
  Id: string
  SyncToken: string
}

/** What sending "no value" looks like for a field QuickBooks holds: blank strings, emptied objects, no lines. */
function cleared(previous: unknown): unknown {
  if (typeof previous === 'string') return ''
  if (Array.isArray(previous)) return []
  if (previous !== null && typeof previous === 'object') {
    const out: Record<string, unknown> = {}
    for (const [k, v] of Object.entries(previous)) {
      const c = cleared(v)
      if (c !== undefined) out[k] = c
    }
    return out
  }
  return undefined // numbers and booleans cannot be blanked; leave them as they are
}

/**
 * The sparse update body taking `previous` to `next`, or `undefined` when nothing changed. `Id` and
 * `SyncToken` always come from `target`; fields in `neverClear` (DisplayName) are never blanked.
 * @example sparseUpdate({ Id: '58', SyncToken: '2' }, { DisplayName: 'Ann', Notes: 'x' }, { DisplayName: 'Ann' })
 *   // { Id: '58', SyncToken: '2', sparse: true, Notes: 'x' }
 */
export function sparseUpdate(
  target: SparseTarget,
  next: Readonly<Record<string, unknown>>,
  previous: Readonly<Record<string, unknown>> | undefined,
  neverClear: readonly string[] = ['DisplayName', 'Name'],
): Record<string, unknown> | undefined {
  const changed: Record<string, unknown> = {}
  let any = false
  for (const k of Object.keys(next).sort()) {
    if (k === 'Id' || k === 'SyncToken' || k === 'sparse') continue
    if (previous === undefined || canonical(next[k]) !== canonical(previous[k])) {
      if (next[k] === undefined) continue
      changed[k] = next[k]
      any = true
    }
  }
  for (const k of Object.keys(previous ?? {}).sort()) {
    if (k === 'Id' || k === 'SyncToken' || k === 'sparse' || next[k] !== undefined || neverClear.includes(k)) continue
    const c = cleared(previous?.[k])
    if (c === undefined) continue
    changed[k] = c
    any = true
  }
  return any ? { Id: target.Id, SyncToken: target.SyncToken, sparse: true, ...changed } : undefined
}
