import { describe, expect, it } from 'vitest'
import { parseRefToken, refToken, resolveRefs, resolverFrom } from './refs.ts'

describe('ref placeholders', () => {
  it('round-trip through their token', () => {
    expect(parseRefToken(refToken({ kind: 'invoice', localId: 'a:b' }))).toStrictEqual({
      kind: 'invoice',
      localId: 'a:b',
    })
    expect(parseRefToken('@@ref:quote:x')).toBeUndefined()
    expect(parseRefToken('58')).toBeUndefined()
  })

  it('resolve known records to their Id and leave a placeholder for the others', () => {
    const r = resolverFrom((ref) => (ref.localId === 'c1' ? '58' : undefined))
    expect(r({ kind: 'contact', localId: 'c1' })).toBe('58')
    expect(r({ kind: 'contact', localId: 'c2' })).toBe('@@ref:contact:c2')
  })

  it.each<[string, unknown, Record<string, string>, unknown]>([
    [
      'refs and linked transactions are swapped',
      {
        CustomerRef: { value: '@@ref:contact:c1' },
        Line: [{ LinkedTxn: [{ TxnId: '@@ref:invoice:i1', TxnType: 'Invoice' }] }],
      },
      { 'contact:c1': '58', 'invoice:i1': '130' },
      { CustomerRef: { value: '58' }, Line: [{ LinkedTxn: [{ TxnId: '130', TxnType: 'Invoice' }] }] },
    ],
    [
      'a placeholder typed into free text is left alone',
      { Description: '@@ref:contact:c1' },
      {},
      { Description: '@@ref:contact:c1' },
    ],
  ])('%s', (_n, body, ids, expected) => {
    expect(resolveRefs(body, (r) => ids[`${r.kind}:${r.localId}`])).toStrictEqual({ ok: true, value: expected })
  })

  it('names the records still unknown instead of returning a body QuickBooks would reject', () => {
    expect(resolveRefs({ CustomerRef: { value: '@@ref:contact:c9' } }, () => undefined)).toStrictEqual({
      ok: false,
      error: {
        kind: 'missing-reference',
        missing: [{ kind: 'contact', localId: 'c9' }],
        message: 'A record it refers to is not in QuickBooks yet.',
      },
    })
  })
})
