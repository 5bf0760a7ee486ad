/**
 * A record as the merge base stores it: its fields without the envelope that changes on every write.
 * @module
 */

/** A deep copy of plain data (what records and request bodies are), so a stored snapshot shares nothing. */
export function clonePlain<T>(value: T): T {
  if (Array.isArray(value)) return value.map((v: unknown) => clonePlain(v)) as T
  if (value !== null && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, clonePlain(v)])) as T
  }
  return value
}

export function fieldsOf(record: object): Record<string, unknown> {
  const { id: _i, version: _v, updatedAt: _u, ...rest } = record as Record<string, unknown>
  return clonePlain(rest)
}
