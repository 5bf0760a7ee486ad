/**
 * The contacts of the Contacts screen held in memory with their search keys, so a keystroke filters an array
 * (and typing one more letter only the previous matches) instead of scanning IndexedDB and re-normalizing
 * 10,000 names. Keys are worked out once per contact and kept across reloads while its searched fields are
 * unchanged (a sync rewrites many rows, few names).
 */
import type { Contact } from '#shared/domain/index.ts'
import { narrows, parseSearch, rank, searchKey, type Search, type SearchKey } from './contact-search.ts'

type Entry = { contact: Contact; key: SearchKey | undefined }
type Cached = {
  displayName: string
  companyName: string | undefined
  email: string | undefined
  phone: string | undefined
  key: SearchKey
}

/** Keys worked out per slice of `warm`: well under a frame even on a tablet's CPU. */
const WARM_SLICE_MS = 8

export class ContactIndex {
  private entries: Entry[] = []
  private cache = new Map<string, Cached>()
  private last: { search: Search; includeInactive: boolean; found: Entry[] } | undefined

  /** The contacts to search, in display order (by name), deleted ones left out. */
  load(contacts: readonly Contact[]): void {
    const cache = this.cache
    this.entries = contacts.map((contact) => {
      const hit = cache.get(contact.id)
      const same =
        hit &&
        hit.displayName === contact.displayName &&
        hit.companyName === contact.companyName &&
        hit.email === contact.email &&
        hit.phone === contact.phone
      return { contact, key: same ? hit.key : undefined }
    })
    this.last = undefined
  }

  get size(): number {
    return this.entries.length
  }

  /**
   * Works out the keys not known yet in slices of a few milliseconds, between which the page stays responsive,
   * so the first keystroke finds them ready. Returns the function that stops it.
   */
  warm(schedule: (next: () => void) => unknown = (next) => setTimeout(next, 0)): () => void {
    let stopped = false
    let i = 0
    const slice = () => {
      if (stopped) return
      const until = performance.now() + WARM_SLICE_MS
      while (i < this.entries.length && performance.now() < until) {
        for (const end = Math.min(i + 100, this.entries.length); i < end; i++) this.keyOf(this.entries[i]!)
      }
      if (i < this.entries.length) schedule(slice)
    }
    schedule(slice)
    return () => {
      stopped = true
    }
  }

  /** The contacts matching `text` (see contact-search.ts), active ones only unless `includeInactive`. */
  search(text: string, includeInactive: boolean): Contact[] {
    const s = parseSearch(text)
    const last = this.last
    const from = last && last.includeInactive === includeInactive && narrows(last.search, s) ? last.found : this.entries
    const found: Entry[] = []
    const groups: [Contact[], Contact[], Contact[]] = [[], [], []]
    for (const e of from) {
      if (!includeInactive && !e.contact.active) continue
      const r = s.words.length === 0 ? 0 : rank(this.keyOf(e), s)
      if (r < 0) continue
      found.push(e)
      groups[r as 0 | 1 | 2].push(e.contact)
    }
    this.last = { search: s, includeInactive, found }
    return groups[0].concat(groups[1], groups[2])
  }

  private keyOf(e: Entry): SearchKey {
    if (e.key) return e.key
    const c = e.contact
    const key = searchKey(c)
    e.key = key
    this.cache.set(c.id, {
      displayName: c.displayName,
      companyName: c.companyName,
      email: c.email,
      phone: c.phone,
      key,
    })
    return key
  }
}
