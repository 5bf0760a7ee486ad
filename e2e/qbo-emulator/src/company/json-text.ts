/**
 * JSON text of response bodies, the same as `JSON.stringify` gives, but each stored record is
 * serialised once and its text reused: records are frozen (a change stores a new one), so their text
 * cannot go stale. A page of 1000 invoices then costs a join, not a walk of every line of every invoice.
 */

const texts = new WeakMap<object, string>()

export function jsonText(value: unknown): string {
  return write(value) ?? 'null'
}

/** undefined where JSON.stringify leaves a value out (undefined, functions, symbols). */
function write(value: unknown): string | undefined {
  if (typeof value !== 'object' || value === null) return JSON.stringify(value)
  if (Object.isFrozen(value)) {
    let text = texts.get(value)
    if (text === undefined) texts.set(value, (text = JSON.stringify(value)))
    return text
  }
  if ('toJSON' in value && typeof value.toJSON === 'function') return JSON.stringify(value)
  if (Array.isArray(value)) return `[${value.map((v) => write(v) ?? 'null').join(',')}]`
  const parts: string[] = []
  for (const [k, v] of Object.entries(value)) {
    const text = write(v)
    if (text !== undefined) parts.push(`${JSON.stringify(k)}:${text}`)
  }
  return `{${parts.join(',')}}`
}
