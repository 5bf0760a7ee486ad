import { describe, expect, it } from 'vitest'
import type { Contact } from '#shared/domain/index.ts'
import { ContactIndex } from './contact-index.ts'
import { byRank, parseSearch, searchKey } from './contact-search.ts'

let n = 0
const contact = (displayName: string, more: Partial<Contact> = {}): Contact =>
  ({ id: `c${++n}`, version: 1, updatedAt: '2026-01-01T00:00:00.000Z', displayName, active: true, ...more }) as Contact

const all = [
  contact('Ann Smith', { phone: '(916) 555-0100' }),
  contact('Bea Smithers', { active: false }),
  contact('Carl Jones', { email: 'c.smithson@example.com' }),
  contact('Smith Bakery', { phone: '916-555-0199' }),
  contact('Dan Ruiz', { phone: '530 555 0100' }),
]

describe('ContactIndex', () => {
  it('finds what the search rules find, typed one key at a time or pasted at once', () => {
    const typed = new ContactIndex()
    typed.load(all)
    const pasted = new ContactIndex()
    pasted.load(all)
    for (const text of [
      's',
      'sm',
      'smi',
      'smit',
      'smith',
      'smith ',
      'smith b',
      'smit',
      '9',
      '91',
      '916',
      '916 555',
      '',
      '5',
      '55',
      '555',
      '555-01',
    ]) {
      const want = byRank(
        all.filter((c) => c.active),
        searchKey,
        parseSearch(text),
      ).map((c) => c.id)
      expect(
        typed.search(text, false).map((c) => c.id),
        text,
      ).toEqual(want)
      pasted.load(all)
      expect(
        pasted.search(text, false).map((c) => c.id),
        text,
      ).toEqual(want)
    }
  })

  it('leaves inactive contacts out unless asked for', () => {
    const index = new ContactIndex()
    index.load(all)
    expect(index.search('smi', false).map((c) => c.displayName)).toEqual(['Smith Bakery', 'Ann Smith', 'Carl Jones'])
    expect(index.search('smi', true).map((c) => c.displayName)).toEqual([
      'Smith Bakery',
      'Ann Smith',
      'Bea Smithers',
      'Carl Jones',
    ])
    expect(index.search('', true)).toHaveLength(5)
  })

  it('searches the contacts of the latest load, with a changed name searched by its new name', () => {
    const index = new ContactIndex()
    index.load(all)
    expect(index.search('ruiz', false)).toHaveLength(1)
    index.load(all.map((c) => (c.displayName === 'Dan Ruiz' ? { ...c, displayName: 'Dan Ortiz', version: 2 } : c)))
    expect(index.search('ruiz', false)).toHaveLength(0)
    expect(index.search('ortiz', false).map((c) => c.displayName)).toEqual(['Dan Ortiz'])
  })

  it('works out every key ahead of the first search in small slices', () => {
    const index = new ContactIndex()
    index.load(all)
    const queued: (() => void)[] = []
    index.warm((next) => queued.push(next))
    while (queued.length > 0) queued.shift()!()
    expect(index.search('dan', false).map((c) => c.displayName)).toEqual(['Dan Ruiz'])
  })
})
