/**
 * The data bench/main-thread.ts syncs: the emulator's sandbox company grown to N customers and N/10 items, and
 * contacts recorded on the tablet before connecting.
 * @module
 */
import type { Page } from '@playwright/test'

/** Customers in the grown company (FIELDSYNC_BENCH_N, default 5000); items and tablet contacts are N/10. */
export const N = Number(process.env.FIELDSYNC_BENCH_N ?? 5000)

type Json = Record<string, unknown>

/** The sandbox company plus N customers and N/10 service items, all active. */
export async function grow(adminUrl: string, realmId: string): Promise<void> {
  const snap = (await (await fetch(`${adminUrl}/companies/${realmId}`)).json()) as { entities: Record<string, Json[]> }
  const maxId = (rows: Json[] | undefined) => Math.max(0, ...(rows ?? []).map((r) => Number(r['Id']) || 0))
  const at = '2026-02-01T09:00:00-08:00'
  const meta = { CreateTime: at, LastUpdatedTime: at }
  const c0 = maxId(snap.entities['Customer'])
  const customers = Array.from({ length: N }, (_, i) => ({
    Id: String(c0 + i + 1),
    SyncToken: '0',
    DisplayName: `Bench Customer ${i}`,
    GivenName: 'Bench',
    FamilyName: `Customer ${i}`,
    PrimaryEmailAddr: { Address: `bench.customer.${i}@example.com` },
    Active: true,
    Job: false,
    BillWithParent: false,
    Balance: 0,
    BalanceWithJobs: 0,
    Taxable: false,
    PreferredDeliveryMethod: 'None',
    domain: 'QBO',
    sparse: false,
    MetaData: meta,
  }))
  const i0 = maxId(snap.entities['Item'])
  const income = (snap.entities['Account'] ?? []).find((a) => a['AccountType'] === 'Income')
  const items = Array.from({ length: Math.round(N / 10) }, (_, i) => ({
    Id: String(i0 + i + 1),
    SyncToken: '0',
    Name: `Bench Service ${i}`,
    FullyQualifiedName: `Bench Service ${i}`,
    Type: 'Service',
    Active: true,
    UnitPrice: 50 + (i % 200),
    Taxable: false,
    IncomeAccountRef: income ? { value: income['Id'], name: income['Name'] } : undefined,
    TrackQtyOnHand: false,
    domain: 'QBO',
    sparse: false,
    MetaData: meta,
  }))
  const body = {
    ...snap,
    entities: {
      ...snap.entities,
      Customer: [...(snap.entities['Customer'] ?? []), ...customers],
      Item: [...(snap.entities['Item'] ?? []), ...items],
    },
  }
  const res = await fetch(`${adminUrl}/companies/${realmId}/seed`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
  })
  if (!res.ok) throw new Error(`seeding the company failed: ${res.status} ${await res.text()}`)
}

/** Contacts recorded on this tablet before connecting, through the app's own write path (the New contact form is too slow for hundreds). */
export async function recordContacts(page: Page, n: number): Promise<void> {
  await page.evaluate(async (count) => {
    // The built app exposes no module URLs: write the rows the repositories would (record + outbox row, one transaction).
    const open = indexedDB.open('fieldsync')
    await new Promise((ok, ko) => {
      open.onsuccess = ok
      open.onerror = ko
    })
    const db = open.result
    const tx = db.transaction(['contacts', 'outbox'], 'readwrite')
    const at = new Date().toISOString()
    for (let i = 0; i < count; i++) {
      const id = crypto.randomUUID()
      const name = `Tablet Contact ${i}`
      tx.objectStore('contacts').add({
        id,
        version: 1,
        updatedAt: at,
        displayName: name,
        givenName: 'Tablet',
        familyName: `Contact ${i}`,
        email: `tablet.${i}@example.com`,
        active: true,
        emailKey: `tablet.${i}@example.com`,
        nameKey: name.toLowerCase(),
      })
      tx.objectStore('outbox').add({
        kind: 'contact',
        localId: id,
        version: 1,
        op: 'create',
        createdAt: at,
        attempts: 0,
      })
    }
    await new Promise((ok, ko) => {
      tx.oncomplete = ok
      tx.onerror = ko
    })
    db.close()
  }, n)
}
