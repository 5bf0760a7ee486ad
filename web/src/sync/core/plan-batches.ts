/**
 * Ordering planned QuickBooks writes into batches: by dependency depth, a claimed batch kept whole, at most
 * `size` per batch, so no batch holds an op and one it depends on.
 * @module
 */
import type { SyncOp } from './plan-types.ts'
import { cmp, KIND_ORDER } from './plan-records.ts'

/** A QuickBooks write being planned: its op, the writes it waits for, and where it sorts. */
export interface Node { op: SyncOp; deps: Node[]; level: number; seq: number }

/**
 * Levels by dependency depth (a claimed batch moves as one unit, at the level of its deepest member), then
 * batches of at most `size` within a level, so nothing shares a batch with an op it depends on and every
 * dependency sits in an earlier batch.
 */
export function orderAndBatch(nodes: Node[], size: number): { ordered: SyncOp[]; batches: string[][] } {
  const groups = new Map<string, Node[]>()
  for (const n of nodes) {
    if (n.op.batchId === undefined) continue
    const g = groups.get(n.op.batchId)
    if (g) g.push(n)
    else groups.set(n.op.batchId, [n])
  }
  if (groups.size > 0) {
    // Lift claimed members to their group's level, and what depends on them after them, until stable.
    for (let changed = true, rounds = 0; changed && rounds <= nodes.length; rounds++) {
      changed = false
      for (const g of groups.values()) {
        const top = Math.max(...g.map((n) => n.level))
        for (const n of g) if (n.level !== top) { n.level = top; changed = true }
      }
      for (const n of nodes) {
        for (const d of n.deps) {
          const sameGroup = d.op.batchId !== undefined && d.op.batchId === n.op.batchId
          if (!sameGroup && d.level + 1 > n.level) { n.level = d.level + 1; changed = true }
        }
      }
    }
  }

  const levels: Node[][] = []
  for (const n of nodes) (levels[n.level] ??= []).push(n)
  const byOrder = (a: Node, b: Node) =>
    KIND_ORDER[a.op.kind] - KIND_ORDER[b.op.kind] || a.seq - b.seq || cmp(a.op.id, b.op.id)

  const ordered: SyncOp[] = []
  const batches: string[][] = []
  const emit = (group: Node[]) => {
    const index = batches.length
    const ids: string[] = []
    for (const n of group) {
      n.op.batch = index
      ids.push(n.op.id)
      ordered.push(n.op)
    }
    batches.push(ids)
  }
  for (const level of levels) {
    if (!level) continue
    const claimed = new Map<string, Node[]>()
    const fresh: Node[] = []
    for (const n of level) {
      if (n.op.batchId === undefined) fresh.push(n)
      else {
        const g = claimed.get(n.op.batchId)
        if (g) g.push(n)
        else claimed.set(n.op.batchId, [n])
      }
    }
    const claimedGroups = [...claimed.values()].map((g) => g.sort(byOrder)).sort((a, b) => byOrder(a[0]!, b[0]!))
    for (const g of claimedGroups) emit(g)
    fresh.sort(byOrder)
    for (let i = 0; i < fresh.length; i += size) emit(fresh.slice(i, i + size))
  }
  return { ordered, batches }
}
