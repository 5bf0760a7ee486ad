/**
 * The user's answers to the initial sync's questions: each ambiguous group's local records linked to the
 * QuickBooks record picked, or (`qboId: null`) created in QuickBooks; unanswered ones stay asked.
 * @module
 */
import type { MatchResult } from './match-types.ts'

/** A user's answer for one ambiguous group: link a local record to one QuickBooks record, or keep them apart. */
export type MatchDecision = { kind: 'contact' | 'item'; localId: string; qboId: string | null }

/** The answers turn ambiguous groups into links (or, with `qboId: null`, into records created in QuickBooks). */
export function applyDecisions(m: MatchResult, decisions: readonly MatchDecision[]): MatchResult {
  if (decisions.length === 0) return m
  const decided = new Map(decisions.map((d) => [d.localId, d.qboId]))
  const links = [...m.links]
  const localOnly = [...m.localOnly]
  const ambiguous = []
  const usedQbo = new Set<string>()
  for (const g of m.ambiguous) {
    const answered = g.localIds.filter((id) => decided.has(id))
    if (answered.length === 0) {
      ambiguous.push(g)
      continue
    }
    for (const id of g.localIds) {
      const q = decided.get(id)
      if (q === undefined) continue
      if (q !== null && g.qboIds.includes(q) && !usedQbo.has(q)) {
        links.push({ localId: id, qboId: q, via: 'name' })
        usedQbo.add(q)
      } else localOnly.push(id)
    }
    const rest = g.localIds.filter((id) => !decided.has(id))
    if (rest.length > 0) ambiguous.push({ ...g, localIds: rest, qboIds: g.qboIds.filter((q) => !usedQbo.has(q)) })
  }
  return { ...m, links, localOnly, ambiguous }
}
