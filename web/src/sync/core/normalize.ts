/**
 * Comparison forms used by matching. None of these are ever sent anywhere or shown; they only decide
 * whether two records are "the same" for linking.
 *
 * Legal suffixes (LLC, Inc, Ltd…) are kept in `nameKey`: "Smith Plumbing" and "Smith Plumbing LLC" may be
 * two businesses (or the same one), and a wrong silent merge puts one client's invoices on another's
 * account. `nameStem` drops the suffixes so the matcher can flag such pairs for the user to decide.
 * @module
 */

/** Lower-cased, trimmed email, or `undefined` when it is blank or cannot be an address (no `@`). */
export function normalizeEmail(email: string | null | undefined): string | undefined {
  if (email == null) return undefined
  const e = email.trim().toLowerCase()
  return e.includes('@') ? e : undefined
}

// Apostrophes and dots vanish ("O'Brien" = "OBrien", "L.L.C." = "LLC"); other punctuation separates words.
const VANISHING = /['’‘`.]/g
const SEPARATING = /[^\p{L}\p{N}]+/gu
const COMBINING_MARKS = /\p{M}+/gu

/**
 * Case-folded, accent-folded display name with punctuation removed, `&` read as "and", whitespace collapsed.
 * @example nameKey('  Smith &  Sons, L.L.C. ') === 'smith and sons llc'
 */
export function nameKey(name: string | null | undefined): string | undefined {
  if (name == null) return undefined
  // Plain ASCII (most names) needs no Unicode decomposition; skipping it saves two string copies per name.
  const folded = ASCII.test(name) ? name : name.normalize('NFKD').replace(COMBINING_MARKS, '')
  const key = folded.toLowerCase().replace(/&/g, ' and ').replace(VANISHING, '').replace(SEPARATING, ' ').trim()
  return key === '' ? undefined : key
}
const ASCII = /^[\x00-\x7f]*$/

/** Legal-form suffixes (already in `nameKey` form) that are dropped from the end of a name by `nameStem`. */
export const LEGAL_SUFFIXES: readonly string[] = [
  'llc',
  'inc',
  'incorporated',
  'ltd',
  'limited',
  'co',
  'corp',
  'corporation',
  'company',
  'pllc',
  'llp',
  'lp',
  'plc',
]
const SUFFIX_SET = new Set(LEGAL_SUFFIXES)

/**
 * `nameKey` without trailing legal suffixes (and a trailing "the" is not touched: "The Smith Co" → "the smith").
 * A name made only of suffixes keeps its key, so "Inc" never becomes empty.
 */
export function nameStem(name: string | null | undefined): string | undefined {
  const key = nameKey(name)
  return key === undefined ? undefined : stemOfKey(key)
}

/** `nameStem` of a name whose `nameKey` is already known. */
export function stemOfKey(key: string): string {
  let end = key.length
  for (;;) {
    const space = key.lastIndexOf(' ', end - 1)
    if (space < 0 || !SUFFIX_SET.has(key.slice(space + 1, end))) break
    end = space
  }
  return end === key.length ? key : key.slice(0, end)
}

/**
 * The words of `nameStem` in sorted order: "Lee, Ann" and "Ann Lee" (QuickBooks' "Last, First" habit) get the
 * same form. Only ever used to ask the user, never to link: word order can matter ("Allen Scott" / "Scott Allen").
 */
export function nameWords(name: string | null | undefined): string | undefined {
  const key = nameKey(name)
  return key === undefined ? undefined : wordsOfKey(key)
}

/** `nameWords` of a name whose `nameKey` is already known. */
export function wordsOfKey(key: string): string {
  const stem = stemOfKey(key)
  return stem.includes(' ') ? stem.split(' ').sort().join(' ') : stem
}
