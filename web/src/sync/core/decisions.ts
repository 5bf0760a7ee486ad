/**
 * The user's answers to the initial sync's questions: each ambiguous group's local records linked to the
 * QuickBooks record picked, or (`qboId: null`) created in QuickBooks; unanswered ones stay asked — on their rows,
 * so "Decide later" holds past the initial sync (`undecidedSettlements`).
 * @module
 */
import type { OutboxRow } from '#shared/domain/index.ts'
import type { MatchResult } from './match-types.ts'
import type { Decision } from './plan-types.ts'
import type { Settlement } from './settle/types.ts'

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

/** The code on the rows of a record left at "Decide later": planned as waiting, never sent, until answered. */
export const UNDECIDED_CODE = 'undecided'
export const UNDECIDED_MESSAGE = 'Waiting for your decision: QuickBooks may already have this record.'

/** A question of the preview, with the labels it was shown with (`qbo:<Id>` for QuickBooks records). */
export type AskedGroup = Pick<Decision, 'kind' | 'localIds' | 'qboIds'> & { labels: Readonly<Record<string, string>> }

/**
 * The records the user left at "Decide later", as settlements of their queued rows: each row keeps the question
 * (`undecided`, with the QuickBooks records it may be) so no later run sends it as a create, and its page offers
 * the choices. Rows already claimed are left alone (a create in flight settles first); a record with no queued row
 * has nothing to hold back.
 */
export function undecidedSettlements(
  asked: readonly AskedGroup[],
  answered: readonly Pick<MatchDecision, 'localId'>[],
  outbox: readonly Pick<OutboxRow, 'seq' | 'kind' | 'localId' | 'batchId' | 'attempts'>[],
  at: string,
): Settlement[] {
  const done = new Set(answered.map((d) => d.localId))
  const out: Settlement[] = []
  for (const g of asked) {
    const choices = g.qboIds.map((q) => ({ qboId: q, label: g.labels[`qbo:${q}`] ?? `QuickBooks record ${q}` }))
    for (const localId of g.localIds) {
      if (done.has(localId)) continue
      const rows = outbox.filter((r) => r.kind === g.kind && r.localId === localId && r.batchId === undefined)
      if (rows.length === 0) continue
      out.push({
        doneSeqs: [],
        log: [],
        failed: {
          seqs: rows.map((r) => r.seq),
          error: { code: UNDECIDED_CODE, message: UNDECIDED_MESSAGE, at, choices },
          attempts: Math.max(0, ...rows.map((r) => r.attempts)),
          release: true,
        },
      })
    }
  }
  return out
}
