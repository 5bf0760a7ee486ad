/**
 * Ordering planned QuickBooks writes into batches: by dependency depth, a claimed batch kept whole, at most
 * `size` per batch, so no batch holds an op and one it depends on.
 * @module
 */
import type { SyncOp } from './plan-types.ts'
import { cmp, KIND_ORDER } from './plan-records.ts'

/** A QuickBooks write being planned: its op, the writes it waits for, and where it sorts. */
export interface Node {
  op: SyncOp
  deps: Node[]
  level: number
  seq: number
}

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
    // A claimed batch whose members depend on each other (directly or through other ops) cannot be resent
    // whole: plan never forms one, but the outbox is data from an earlier run, so it is checked, not trusted.
    const broken = [...groups.entries()].filter(([, g]) => reachesOwnGroup(g)).map(([id]) => id)
    for (const id of broken) breakGroup(groups, id)
    if (!liftGroups(nodes, groups)) {
      // Groups that must each come before the other: dependencies win, every claim is dropped.
      for (const id of [...groups.keys()]) breakGroup(groups, id)
    }
    if (broken.length > 0 || groups.size === 0) relevel(nodes)
    liftGroups(nodes, groups)
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

/** Whether some member of a claimed batch depends, directly or not, on another member of it. */
function reachesOwnGroup(group: readonly Node[]): boolean {
  const members = new Set(group)
  for (const m of group) {
    const seen = new Set<Node>()
    const stack = [...m.deps]
    while (stack.length > 0) {
      const d = stack.pop()!
      if (members.has(d)) return true
      if (seen.has(d)) continue
      seen.add(d)
      stack.push(...d.deps)
    }
  }
  return false
}

/**
 * The claim cannot be honoured: its ops go as new requests, and since the earlier send's outcome is unknown,
 * the runner looks each record up in QuickBooks before creating it again.
 */
function breakGroup(groups: Map<string, Node[]>, id: string): void {
  for (const n of groups.get(id) ?? []) {
    delete n.op.batchId
    delete n.op.requestId
    n.op.lookupFirst = true
  }
  groups.delete(id)
}

/** Levels from dependencies alone; nodes come in creation order, each after the nodes it depends on. */
function relevel(nodes: readonly Node[]): void {
  for (const n of nodes) {
    let level = 0
    for (const d of n.deps) if (d.level + 1 > level) level = d.level + 1
    n.level = level
  }
}

/**
 * Lifts each claimed batch's members to the level of its deepest member, and what depends on them after them,
 * until stable. False when it cannot settle (batches that must each come before the other).
 */
function liftGroups(nodes: readonly Node[], groups: ReadonlyMap<string, Node[]>): boolean {
  if (groups.size === 0) return true
  for (let rounds = 0; rounds <= groups.size + 1; rounds++) {
    let changed = false
    for (const g of groups.values()) {
      const top = Math.max(...g.map((n) => n.level))
      for (const n of g)
        if (n.level !== top) {
          n.level = top
          changed = true
        }
    }
    for (const n of nodes) {
      for (const d of n.deps)
        if (d.level + 1 > n.level) {
          n.level = d.level + 1
          changed = true
        }
    }
    if (!changed) return true
  }
  return false
}
