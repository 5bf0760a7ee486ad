/**
 * The proxy's query strings, parsed strictly: `name=value` pairs joined by `&`, names in plain
 * letters, values form-encoded (`+` a space) with well-formed escapes, each name at most once. Any
 * other shape (a `;`, an empty pair, a name alone, an escaped name, a broken escape) is refused, so
 * nothing reaches Intuit that was not parsed here: the edge rebuilds the string from what it read.
 */
import { err, ok, type Result } from '#shared/result.ts'

export type SearchParams = ReadonlyMap<string, string>

/** `raw` is the query string without its `?`. */
export function parseSearch(raw: string): Result<SearchParams, string> {
  const params = new Map<string, string>()
  if (raw === '') return ok(params)
  if (raw.includes(';')) return err('a ";" in the query string is not forwarded')
  for (const part of raw.split('&')) {
    const m = /^([A-Za-z]+)=(.*)$/s.exec(part)
    if (m === null) return err(`the query string part "${part.slice(0, 40)}" is not forwarded`)
    const [, name = '', encoded = ''] = m
    if (params.has(name)) return err(`query parameter "${name}" appears more than once`)
    const value = decode(encoded)
    if (value === null) return err(`query parameter "${name}" has a malformed percent-escape`)
    params.set(name, value)
  }
  return ok(params)
}

function decode(encoded: string): string | null {
  try {
    return decodeURIComponent(encoded.replace(/\+/g, ' '))
  } catch {
    return null
  }
}

/** The canonical query string of `pairs`, in their order. */
export function buildSearch(pairs: ReadonlyArray<readonly [string, string]>): string {
  return new URLSearchParams(pairs.map(([k, v]) => [k, v])).toString()
}
