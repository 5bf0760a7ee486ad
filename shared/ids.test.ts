import { describe, expect, it } from 'vitest'
import { newLocalId, parseLocalId, parseQboId, parseRealmId, parseSyncToken } from './ids.ts'

describe('id parsers', () => {
  it('accept digit strings', () => {
    expect(parseQboId('130')).toStrictEqual({ ok: true, value: '130' })
    expect(parseRealmId('9341457021722202')).toStrictEqual({ ok: true, value: '9341457021722202' })
    expect(parseSyncToken('0')).toStrictEqual({ ok: true, value: '0' })
  })

  it.each([['1.5'], [''], [' 12'], [12], [null], ['-COMPANY_ID-']])('reject %j as data, not a throw', (input) => {
    const result = parseQboId(input)
    expect(result.ok).toBe(false)
    if (!result.ok) {
      expect(result.error.kind).toBe('invalid_id')
      expect(result.error.idKind).toBe('QboId')
      expect(result.error.message).toMatch(/^QboId: /)
    }
  })

  it('name the kind of id that failed', () => {
    const result = parseRealmId('abc')
    expect(!result.ok && result.error.message).toBe('RealmId: a realm id is a string of digits')
  })

  it('cap a realm id at 32 digits, since it also names a Durable Object', () => {
    expect(parseRealmId('9'.repeat(32)).ok).toBe(true)
    expect(parseRealmId('9'.repeat(33))).toMatchObject({ ok: false, error: { idKind: 'RealmId' } })
    expect(parseRealmId('../../9130')).toMatchObject({ ok: false, error: { idKind: 'RealmId' } })
  })

  it('take local ids as UUIDs only', () => {
    const id = newLocalId()
    expect(parseLocalId(id)).toStrictEqual({ ok: true, value: id })
    expect(parseLocalId('58')).toMatchObject({ ok: false, error: { kind: 'invalid_id', idKind: 'LocalId' } })
  })
})
