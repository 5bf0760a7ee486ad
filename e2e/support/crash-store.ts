/**
 * Reading and seeding state beside the app: an emulator company of the journey's own, and the app's IndexedDB
 * read straight from the page.
 * @module
 */
import { expect, type Page } from '@playwright/test'
import { admin } from '../journey-steps.ts'

export type Json = Record<string, unknown>

/**
 * A company of its own with the sandbox's chart of accounts, tax codes and vendors but no customers, items,
 * invoices or payments: what is in QuickBooks at the end is then exactly what this journey sent.
 */
export async function emptyCompany(page: Page, name: string): Promise<string> {
  const list = (await (await page.request.get(admin('/companies'))).json()) as {
    realmId: string
    companyName: string
  }[]
  const source = list.find((c) => !c.companyName.startsWith('Journey'))!.realmId
  const snap = (await (await page.request.get(admin(`/companies/${source}`))).json()) as {
    companyInfo: Json
    entities: Record<string, Json[]>
  } & Json
  const { Customer: _c, Item: _i, Invoice: _n, Payment: _p, ...kept } = snap.entities
  const realmId = `93${String(Math.floor(Math.random() * 1e14)).padStart(14, '0')}`
  const res = await page.request.post(admin(`/companies/${realmId}/seed`), {
    data: { ...snap, realmId, entities: kept, deleted: [], companyInfo: { ...snap.companyInfo, CompanyName: name } },
  })
  expect(res.ok()).toBe(true)
  return realmId
}

export type Local = {
  outbox: { kind: string; localId: string; lastError?: { message: string } }[]
  contacts: { id: string; displayName: string; deletedAt?: string }[]
  items: { name: string; unitPrice: number; deletedAt?: string }[]
  invoices: { number?: string; status: string; total: number; balance: number }[]
  payments: { contactId: string; amount: number; deletedAt?: string }[]
}

/** The app's IndexedDB as it is on the tablet, read without going through the app. */
export function local(page: Page): Promise<Local> {
  return page.evaluate(
    () =>
      new Promise<Local>((resolve, reject) => {
        const open = indexedDB.open('fieldsync')
        open.onerror = () => reject(open.error)
        open.onsuccess = () => {
          const db = open.result
          const tx = db.transaction(['outbox', 'contacts', 'items', 'invoices', 'payments'], 'readonly')
          const all = (store: string) =>
            new Promise<unknown[]>((res) => {
              const r = tx.objectStore(store).getAll()
              r.onsuccess = () => res(r.result)
            })
          void Promise.all([all('outbox'), all('contacts'), all('items'), all('invoices'), all('payments')]).then(
            ([outbox, contacts, items, invoices, payments]) => {
              db.close()
              resolve({ outbox, contacts, items, invoices, payments } as Local)
            },
          )
        }
      }),
  )
}
