/**
 * Jobs ↔ QuickBooks sub-customers (`Job: true`), by parent customer and job name (docs/product.md §Syncs), when jobs
 * sync as sub-customers. A job whose contact is not linked yet has no parent to compare, so it stays unmatched
 * (and is created under its parent once that exists). Sub-customers nothing here matches are left alone:
 * jobs go from Fieldsync to QuickBooks only.
 * @module
 */
import { z } from 'zod'
import { runStages, type Stage } from './match.ts'
import type { MappedPair, MatchResult } from './match-types.ts'
import { nameKey } from './normalize.ts'

export const LocalJobCandidate = z.object({
  id: z.string(),
  name: z.string().optional(),
  /** QuickBooks Id of the job's contact, when linked. */
  parentQboId: z.string().optional(),
})
export type LocalJobCandidate = z.infer<typeof LocalJobCandidate>

export const RemoteJobCandidate = z.object({
  id: z.string(),
  name: z.string().optional(),
  parentQboId: z.string(),
  active: z.boolean().default(true),
})
export type RemoteJobCandidate = z.input<typeof RemoteJobCandidate>

export function matchJobs(
  local: readonly LocalJobCandidate[],
  remote: readonly RemoteJobCandidate[],
  mappings: readonly MappedPair[],
): MatchResult {
  // The parent Id goes into the key, so "Kitchen" under one customer never meets "Kitchen" under another.
  const keyOf = (parent: string | undefined, name: string | undefined) => {
    const k = nameKey(name)
    return parent === undefined || k === undefined ? undefined : `${parent}\u0000${k}`
  }
  // The composite key travels as the candidates' name, so each side is keyed without looking anything up.
  const stages: Stage[] = [{ key: (c) => c.name, via: 'name', manyReason: 'name' }]
  const result = runStages(
    local.map((l) => ({ id: l.id, name: keyOf(l.parentQboId, l.name) })),
    remote.map((r) => ({ id: r.id, name: keyOf(r.parentQboId, r.name), active: r.active ?? true })),
    mappings,
    stages,
  )
  return { ...result, ambiguous: result.ambiguous.map((g) => ({ ...g, key: g.key.split('\u0000')[1] ?? g.key })) }
}
