import 'fake-indexeddb/auto'
import { afterEach, describe, expect, it } from 'vitest'
import { emailKey, invoiceState, nameKey } from '#shared/domain/index.ts'
import { DEMO_CONTACTS, demoRequested, loadDemoData } from './demo-data.ts'
import { pendingCount } from './outbox.ts'
import type { FieldsyncDB } from './schema.ts'
import { testDb, unwrap } from './test-db.ts'

let db: FieldsyncDB
afterEach(async () => {
  await db?.delete()
})

describe('demo data', () => {
  it("fills an empty app with a small contractor's records, once", async () => {
    db = testDb()
    const summary = unwrap(await loadDemoData(db))
    expect(summary).toMatchObject({ contacts: 40, items: 15, invoices: 25, payments: 8 })
    expect(summary.properties).toBeGreaterThanOrEqual(40)
    const states = (await db.invoices.toArray()).map(invoiceState)
    const count = (s: string) => states.filter((x) => x === s).length
    expect([count('draft'), count('paid'), count('partial'), count('open')]).toEqual([8, 8, 1, 8])
    // the balances the payments left add up: paid ones are zero, totals minus payments elsewhere
    const invoices = await db.invoices.toArray()
    const paid = (await db.payments.toArray()).flatMap((p) => p.applications).reduce((s, a) => s + a.amount, 0)
    const finalized = invoices.filter((i) => i.status === 'finalized')
    expect(finalized.reduce((s, i) => s + i.total - i.balance, 0)).toBe(paid)
    // everything syncable is queued: 40 contacts, 15 items, 17 finalized invoices, 8 payments
    expect(await pendingCount(db)).toBe(40 + 15 + 17 + 8)
    expect((await loadDemoData(db)).ok).toBe(false)
  })

  it('is the same every time, and holds the overlaps the first sync must resolve', async () => {
    db = testDb()
    unwrap(await loadDemoData(db))
    const a = (await db.contacts.orderBy('nameKey').toArray()).map((c) => [c.displayName, c.email])
    const other = testDb()
    unwrap(await loadDemoData(other))
    expect((await other.contacts.orderBy('nameKey').toArray()).map((c) => [c.displayName, c.email])).toEqual(a)
    await other.delete()
    // two local contacts share one email apart from case (ambiguous for matching)
    const keys = DEMO_CONTACTS.map((r) => emailKey(r[3])).filter(Boolean)
    expect(keys.length - new Set(keys).size).toBe(1)
    const names = new Set(a.map(([n]) => nameKey(n ?? '')))
    for (const n of ['amy chen', 'maria garcia', 'kim lee', 'carlos mendoza', 'smith plumbing'])
      expect(names).toContain(n)
  })

  it('reads the ?demo=1 flag from the query or the hash route', () => {
    expect(demoRequested('http://x.test/?demo=1')).toBe(true)
    expect(demoRequested('http://x.test/#/invoices?demo=1')).toBe(true)
    expect(demoRequested('http://x.test/#/invoices')).toBe(false)
  })
})
