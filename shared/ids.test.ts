import { describe, expect, it } from 'vitest'
import { LocalId, newLocalId, QboId, RealmId, SyncToken } from './ids.ts'

describe('ids', () => {
  it('take digit strings', () => {
    expect(QboId.parse('130')).toBe('130')
    expect(RealmId.parse('9341457021722202')).toBe('9341457021722202')
    expect(SyncToken.parse('0')).toBe('0')
  })

  it.each([['1.5'], [''], [' 12'], [12], [null], ['-COMPANY_ID-']])('refuse %j as a QuickBooks id', (input) => {
    expect(QboId.safeParse(input).success).toBe(false)
  })

  it('say what a realm id is when one is refused', () => {
    expect(RealmId.safeParse('abc').error?.issues[0]?.message).toBe('a realm id is a string of digits')
  })

  it('cap a realm id at 32 digits, since it also names a Durable Object', () => {
    expect(RealmId.safeParse('9'.repeat(32)).success).toBe(true)
    expect(RealmId.safeParse('9'.repeat(33)).success).toBe(false)
    expect(RealmId.safeParse('../../9130').success).toBe(false)
  })

  it('take local ids as UUIDs only', () => {
    const id = newLocalId()
    expect(LocalId.parse(id)).toBe(id)
    expect(LocalId.safeParse('58').success).toBe(false)
  })
})
