import { describe, expect, it } from 'vitest'
import type { Json } from './types.ts'
import { entityOf, faultCode, REALM, salesLine, testCompany } from './test-helpers.ts'

// Bundles (docs/quickbooks.md §3.3): QuickBooks returns a GroupLineDetail line holding its parts; an invoice read
// back with one must be writable back with it, or the app could not keep a bundle it does not show.
const BUNDLE = '900'

function withBundleItem() {
  const t = testCompany()
  const snap = t.companies.snapshot(REALM)!
  const items = (snap.entities.Item ?? []) as Json[]
  // Group items cannot be made over the API: the company has one, as if made in QuickBooks.
  const bundle = { Id: BUNDLE, Name: 'Water heater install kit', Type: 'Group', Active: true, SyncToken: '0' }
  expect(t.companies.seed('77', { ...snap, entities: { ...snap.entities, Item: [...items, bundle] } }).ok).toBe(true)
  const at = (path: string) => `http://x/v3/company/77${path}`
  return { t, at }
}

const group = (parts: Json[], extra: Json = {}): Json => ({
  DetailType: 'GroupLineDetail',
  Description: 'Install kit',
  GroupLineDetail: { GroupItemRef: { value: BUNDLE }, Quantity: 1, Line: parts },
  ...extra,
})

describe('GroupLineDetail', () => {
  it('takes a bundle with its parts, totals them and names the group item', async () => {
    const { t, at } = withBundleItem()
    const r = await t.post(at('/invoice'), {
      CustomerRef: { value: '1' },
      Line: [salesLine('1', 1, 100, 100), group([salesLine('2', 2, 30, 60), salesLine('3', 1, 15.5, 15.5)])],
    })
    expect(r.status).toBe(200)
    const inv = entityOf(r, 'Invoice')
    expect(inv.TotalAmt).toBe(175.5)
    const bundle = (inv.Line as Json[]).find((l) => l.DetailType === 'GroupLineDetail')!
    expect(bundle).toMatchObject({
      Id: '2',
      LineNum: 2,
      Amount: 75.5,
      GroupLineDetail: { GroupItemRef: { value: BUNDLE, name: 'Water heater install kit' }, Quantity: 1 },
    })
    expect(((bundle.GroupLineDetail as Json).Line as Json[]).map((l) => [l.Id, l.Amount])).toEqual([
      ['3', 60],
      ['4', 15.5],
    ])
    expect((inv.Line as Json[]).at(-1)).toMatchObject({ DetailType: 'SubTotalLineDetail', Amount: 175.5 })
  })

  it('keeps a bundle read back and sent again with an edit of another line, its Ids unchanged', async () => {
    const { t, at } = withBundleItem()
    const made = entityOf(
      await t.post(at('/invoice'), {
        CustomerRef: { value: '1' },
        Line: [salesLine('1', 1, 100, 100), group([salesLine('2', 2, 30, 60)])],
      }),
      'Invoice',
    )
    const [first, bundle] = made.Line as Json[]
    const edited = await t.post(at('/invoice'), {
      Id: made.Id,
      SyncToken: made.SyncToken,
      sparse: true,
      Line: [{ ...salesLine('1', 2, 100, 200), Id: first!.Id }, bundle],
    })
    expect(edited.status).toBe(200)
    const after = entityOf(edited, 'Invoice')
    expect(after.TotalAmt).toBe(260)
    expect((after.Line as Json[])[1]).toEqual({ ...bundle, LineNum: 2 })
  })

  it('refuses a bundle without parts, with a part that is not a sales line, or naming no item', async () => {
    const { t, at } = withBundleItem()
    const post = (line: Json) => t.post(at('/invoice'), { CustomerRef: { value: '1' }, Line: [line] })
    expect(faultCode(await post(group([])))).toBe('2020')
    expect(faultCode(await post(group([{ DetailType: 'DiscountLineDetail', Amount: 1 }])))).toBe('2170')
    expect(
      faultCode(
        await post(
          group([salesLine('1', 1, 5, 5)], {
            GroupLineDetail: { GroupItemRef: { value: '999' }, Line: [salesLine('1', 1, 5, 5)] },
          }),
        ),
      ),
    ).toBe('2500')
  })
})
