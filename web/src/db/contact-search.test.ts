import { describe, expect, it } from 'vitest'
import { byRank, narrows, parseSearch, rank, searchKey, type Searchable } from './contact-search.ts'

const people: Searchable[] = [
  { displayName: 'Ann Smithers', email: 'ann@example.com' },
  { displayName: 'José Álvarez', companyName: 'Sunrise Roofing', phone: '(555) 201-3344' },
  { displayName: 'Mary Joseph', email: 'mj@example.com' },
  { displayName: 'Smith Plumbing', email: 'office@smithplumbing.com', phone: '916.555.0123' },
  { displayName: 'Zoë García', email: 'zoe.garcia@gmail.com', phone: '+1 916 555 0199' },
  { displayName: 'Bob Jones', companyName: 'Blacksmith Supply', email: 'bob@jones.net' },
]
const names = (text: string) => byRank(people, searchKey, parseSearch(text)).map((c) => c.displayName)

describe('contact search', () => {
  it('matches the start of any word of the name, company or email, whatever the case and accents', () => {
    expect(names('alv')).toEqual(['José Álvarez'])
    expect(names('ALVAREZ')).toEqual(['José Álvarez'])
    expect(names('Álv')).toEqual(['José Álvarez'])
    expect(names('zoe')).toEqual(['Zoë García'])
    expect(names('garcía')).toEqual(['Zoë García'])
    expect(names('sunrise ro')).toEqual(['José Álvarez'])
    expect(names('jose alv')).toEqual(['José Álvarez'])
    expect(names('lvarez')).toEqual([])
  })

  it('matches emails from their start or any word before the @, not by their domain alone', () => {
    expect(names('mj@')).toEqual(['Mary Joseph'])
    expect(names('zoe.gar')).toEqual(['Zoë García'])
    expect(names('garcia@')).toEqual(['Zoë García'])
    expect(names('bob@jones.n')).toEqual(['Bob Jones'])
    expect(names('OFFICE@smith')).toEqual(['Smith Plumbing'])
    expect(names('gmail')).toEqual([])
  })

  it('matches phone digits whatever the formatting, from 3 digits on', () => {
    expect(names('201-33')).toEqual(['José Álvarez'])
    expect(names('2013344')).toEqual(['José Álvarez'])
    expect(names('(916) 555-01')).toEqual(['Smith Plumbing', 'Zoë García'])
    expect(names('555 0199')).toEqual(['Zoë García'])
    expect(names('55')).toEqual([])
  })

  it('lists names that start with the search first, then name words, then company, email and phone', () => {
    expect(names('smi')).toEqual(['Smith Plumbing', 'Ann Smithers'])
    expect(names('jose')).toEqual(['José Álvarez', 'Mary Joseph'])
    expect(names('bla')).toEqual(['Bob Jones'])
    expect(rank(searchKey(people[3]!), parseSearch('smith'))).toBe(0)
    expect(rank(searchKey(people[0]!), parseSearch('smith'))).toBe(1)
    expect(rank(searchKey(people[5]!), parseSearch('blacksmith'))).toBe(2)
    expect(rank(searchKey(people[5]!), parseSearch('smith'))).toBe(-1)
  })

  it('shows everyone for an empty search, or one of only spaces and punctuation', () => {
    expect(names('')).toHaveLength(people.length)
    expect(names('  - ')).toHaveLength(people.length)
  })

  it('narrows to the previous matches only when every new match is one of them', () => {
    expect(narrows(parseSearch('sm'), parseSearch('smi'))).toBe(true)
    expect(narrows(parseSearch('jose'), parseSearch('jose a'))).toBe(true)
    expect(narrows(parseSearch('smi'), parseSearch('sm'))).toBe(false)
    expect(narrows(parseSearch('smi'), parseSearch('sma'))).toBe(false)
    expect(narrows(parseSearch(''), parseSearch('s'))).toBe(false)
    // "55" matches no phone; "555" matches phones.
    expect(narrows(parseSearch('55'), parseSearch('555'))).toBe(false)
    expect(narrows(parseSearch('555'), parseSearch('5550'))).toBe(true)
  })
})
