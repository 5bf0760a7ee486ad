/** The object without its `undefined` members, so bodies carry no empty keys and records compare strictly. */
export function compact<T extends Record<string, unknown>>(o: T): { [K in keyof T]: Exclude<T[K], undefined> } {
  const out: Record<string, unknown> = {}
  for (const [k, v] of Object.entries(o)) if (v !== undefined) out[k] = v
  return out as { [K in keyof T]: Exclude<T[K], undefined> }
}

/** `undefined` for an object left with no members. */
export function nonEmpty<T extends Record<string, unknown>>(o: T): T | undefined {
  return Object.keys(o).length === 0 ? undefined : o
}
