/**
 * The order waiting calls are offered to the pacer: round-robin between owners (a company's
 * sessions), the owner served longest ago (or never) first, each owner's own calls first come first
 * served. So a session that queued a burst takes turns with one that asks for a single call.
 *
 * @param servedAt when each owner last had a call admitted (a counter; absent: never)
 */
export function fairOrder<T extends { owner: string }>(
  queue: readonly T[],
  servedAt: ReadonlyMap<string, number>,
): T[] {
  const byOwner = new Map<string, T[]>()
  for (const w of queue) {
    const list = byOwner.get(w.owner)
    if (list) list.push(w)
    else byOwner.set(w.owner, [w])
  }
  // Stable sort: owners never served keep their queue order, ahead of the others.
  const lists = [...byOwner.entries()]
    .sort(([a], [b]) => (servedAt.get(a) ?? -1) - (servedAt.get(b) ?? -1))
    .map(([, list]) => list)
  const out: T[] = []
  for (let round = 0; out.length < queue.length; round++) {
    for (const list of lists) if (round < list.length) out.push(list[round]!)
  }
  return out
}
