/**
 * Three-way field merge of a record: base (the snapshot last synced), local and remote. A field changed on
 * one side takes that side; changed on both to different values, the side changed most recently wins and
 * the pair is reported as a conflict so the log can show both values. Fields are compared by value (objects
 * and arrays as a whole: invoice lines merge as one field, since a line set half from each side would not
 * add up to either total).
 *
 * Equal change times are broken by comparing the values themselves, never by which side is "local", so two
 * parties merging the same three versions always reach the same record (convergence).
 * @module
 */
import { z } from 'zod'

export type Fields = Readonly<Record<string, unknown>>

export const MergeConflict = z.object({
  field: z.string(),
  base: z.unknown(),
  local: z.unknown(),
  remote: z.unknown(),
  winner: z.enum(['local', 'remote']),
})
export type MergeConflict = z.infer<typeof MergeConflict>

export interface MergeInput {
  /** The last synced snapshot; `undefined` when the record was never synced (every difference is a conflict). */
  base: Fields | undefined
  local: Fields
  remote: Fields
  /** When each side last changed: epoch ms or an ISO 8601 timestamp with offset. */
  localChangedAt: number | string
  remoteChangedAt: number | string
  /** Fields one side always owns (an invoice's balance comes from QuickBooks), whatever changed. */
  owners?: Readonly<Record<string, 'local' | 'remote'>>
}

export interface MergeResult {
  merged: Record<string, unknown>
  conflicts: MergeConflict[]
  /** Fields where `merged` differs from remote: what a sparse update must send. Sorted. */
  toRemote: string[]
  /** Fields where `merged` differs from local: what must be written here. Sorted. */
  toLocal: string[]
}

/** JSON with sorted keys: equal values give equal text, whatever their key order. */
export function canonical(v: unknown): string {
  if (v === undefined) return 'u'
  if (v === null || typeof v !== 'object') return JSON.stringify(v)
  if (Array.isArray(v)) return '[' + v.map(canonical).join(',') + ']'
  const o = v as Record<string, unknown>
  return (
    '{' +
    Object.keys(o)
      .filter((k) => o[k] !== undefined)
      .sort()
      .map((k) => JSON.stringify(k) + ':' + canonical(o[k]))
      .join(',') +
    '}'
  )
}

function toMs(t: number | string): number {
  const ms = typeof t === 'number' ? t : Date.parse(t)
  return Number.isFinite(ms) ? ms : 0
}

/**
 * @example
 * merge({ base: { a: 1, b: 1 }, local: { a: 2, b: 1 }, remote: { a: 1, b: 3 }, localChangedAt: 1, remoteChangedAt: 2 })
 *   // merged { a: 2, b: 3 }, no conflicts, toRemote ['a'], toLocal ['b']
 */
export function merge(input: MergeInput): MergeResult {
  const { base, local, remote, owners } = input
  const tl = toMs(input.localChangedAt),
    tr = toMs(input.remoteChangedAt)
  const fields = [...new Set([...Object.keys(base ?? {}), ...Object.keys(local), ...Object.keys(remote)])].sort()
  const merged: Record<string, unknown> = {}
  const conflicts: MergeConflict[] = []
  const toRemote: string[] = []
  const toLocal: string[] = []

  for (const f of fields) {
    const l = local[f],
      r = remote[f]
    const cl = canonical(l),
      cr = canonical(r)
    let value: unknown
    const owner = owners?.[f]
    if (owner !== undefined) value = owner === 'local' ? l : r
    else if (cl === cr) value = l
    else {
      const cb = base === undefined ? undefined : canonical(base[f])
      if (cb === cl) value = r
      else if (cb === cr) value = l
      else {
        const winner = tl !== tr ? (tl > tr ? 'local' : 'remote') : cl > cr ? 'local' : 'remote'
        value = winner === 'local' ? l : r
        conflicts.push({ field: f, base: base?.[f], local: l, remote: r, winner })
      }
    }
    if (value !== undefined) merged[f] = value
    const cv = canonical(value)
    if (cv !== cr) toRemote.push(f)
    if (cv !== cl) toLocal.push(f)
  }
  return { merged, conflicts, toRemote, toLocal }
}
