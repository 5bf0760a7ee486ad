/**
 * What a contact search matches, and in what order, defined once for the Contacts screen (which searches the
 * contacts it holds in memory, see `ContactIndex`) and for `listContacts` (which searches IndexedDB).
 *
 * A contact matches when every word of the search starts a word of its name, its company or its email before
 * the @ (case, accents and punctuation ignored: "garcia" finds "García", "smith" finds "j.smith@x.com"), when
 * its email starts with the search ("bob@jones.n"), or when the search holds 3 or more digits that appear
 * together in its phone number ("916 555-01" finds "(916) 555-0123"). An email's domain alone does not match:
 * "g" would find every gmail address.
 * Matches come name first: names that start with the search, then names with a word starting with each search
 * word, then the rest (company, email, phone); each group keeps the order it was given in (by name).
 */
import { emailKey, nameKey } from '#shared/domain/index.ts'
import type { Contact } from '#shared/domain/index.ts'

/** The fields a search looks at. */
export type Searchable = Pick<Contact, 'displayName' | 'companyName' | 'email' | 'phone'>

/** A contact's search form, worked out once: every word prefixed by a space, so " smi" finds a word start. */
export type SearchKey = { name: string; hay: string; email: string; phone: string }

export function searchKey(c: Searchable): SearchKey {
  const name = nameKey(c.displayName)
  const email = emailKey(c.email)
  const local = nameKey(email.split('@')[0] ?? '')
  return { name, hay: ` ${name} ${nameKey(c.companyName ?? '')} ${local} `, email, phone: digitsOf(c.phone ?? '') }
}

/** A search as typed, in the form keys are compared with. */
export type Search = { text: string; key: string; words: readonly string[]; email: string; digits: string }

/** A phone needs 3 digits of a search before it can match: "5" would match nearly every phone. */
export const MIN_PHONE_DIGITS = 3

export function parseSearch(text: string): Search {
  const key = nameKey(text)
  return {
    text,
    key,
    words: key
      .split(' ')
      .filter(Boolean)
      .map((w) => ` ${w}`),
    email: emailKey(text),
    digits: digitsOf(text),
  }
}

function digitsOf(s: string): string {
  return s.replace(/\D/g, '')
}

/** No match, or the group a match sorts in: 0 the name starts with the search, 1 name words, 2 anything else. */
export type Rank = -1 | 0 | 1 | 2

export function rank(k: SearchKey, s: Search): Rank {
  if (s.words.length === 0) return 0
  let words = true
  for (const w of s.words) {
    if (!k.hay.includes(w)) {
      words = false
      break
    }
  }
  if (!words && !(s.email && k.email.startsWith(s.email)))
    return s.digits.length >= MIN_PHONE_DIGITS && k.phone.includes(s.digits) ? 2 : -1
  if (k.name.startsWith(s.key)) return 0
  const name = ` ${k.name} `
  return s.words.every((w) => name.includes(w)) ? 1 : 2
}

/** The matches of `s` among `items` in display order: name starts first, then name words, then the rest. */
export function byRank<T>(found: readonly T[], keyOf: (item: T) => SearchKey, s: Search): T[] {
  if (s.words.length === 0) return [...found]
  const groups: [T[], T[], T[]] = [[], [], []]
  for (const item of found) {
    const r = rank(keyOf(item), s)
    if (r >= 0) groups[r as 0 | 1 | 2].push(item)
  }
  return groups[0].concat(groups[1], groups[2])
}

/**
 * Whether every contact matching `next` also matches `prev`, so `next` can search `prev`'s matches instead of
 * every contact (typing one more letter narrows the list).
 */
export function narrows(prev: Search, next: Search): boolean {
  if (!next.text.startsWith(prev.text) || prev.words.length === 0) return false
  // A search that reaches 3 digits starts matching phones its shorter form did not look at.
  return prev.digits.length >= MIN_PHONE_DIGITS || next.digits.length < MIN_PHONE_DIGITS
}
