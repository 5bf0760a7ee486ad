/**
 * JSON.parse that refuses what JSON.parse forgives: an object naming a key twice. JSON.parse keeps the
 * last value while the raw text (and whoever reads it next) may keep the first, so a body checked by
 * its parsed value could mean something else upstream. The scanner walks the text once, tracking the
 * keys of each open object (decoded, so `"a"` and `"\u0061"` are the same key); JSON.parse itself
 * still decides what is valid JSON.
 */
import { err, ok, type Result } from '#shared/result.ts'

export type JsonRefusal = { kind: 'not_json' | 'duplicate_key'; message: string }

export function parseStrictJson(text: string): Result<unknown, JsonRefusal> {
  let value: unknown
  try {
    value = JSON.parse(text)
  } catch {
    return err({ kind: 'not_json', message: 'the body is not JSON' })
  }
  const duplicate = findDuplicateKey(text)
  if (duplicate !== null)
    return err({ kind: 'duplicate_key', message: `the body names "${duplicate}" twice in one object` })
  return ok(value)
}

/**
 * The first key that appears twice in one object of `text`, or null. `text` must already be valid
 * JSON: the scanner only tells strings, objects and arrays apart.
 */
export function findDuplicateKey(text: string): string | null {
  // One entry per open container: a key set for an object, null for an array.
  const open: (Set<string> | null)[] = []
  // In an object, a string is a key when it follows `{` or `,`; otherwise it is a value.
  let expectKey = false
  for (let i = 0; i < text.length; i++) {
    const ch = text[i]
    if (ch === '"') {
      const end = stringEnd(text, i)
      const top = open[open.length - 1]
      if (expectKey && top) {
        const key = JSON.parse(text.slice(i, end + 1)) as string
        if (top.has(key)) return key
        top.add(key)
      }
      expectKey = false
      i = end
    } else if (ch === '{') {
      open.push(new Set())
      expectKey = true
    } else if (ch === '[') {
      open.push(null)
      expectKey = false
    } else if (ch === '}' || ch === ']') {
      open.pop()
      expectKey = false
    } else if (ch === ',') {
      expectKey = open[open.length - 1] instanceof Set
    }
  }
  return null
}

/** Index of the quote closing the string that opens at `start`. */
function stringEnd(text: string, start: number): number {
  for (let i = start + 1; i < text.length; i++) {
    const ch = text[i]
    if (ch === '\\') i++
    else if (ch === '"') return i
  }
  return text.length - 1
}
