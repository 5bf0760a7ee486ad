/**
 * The page bench/web-writes.ts drives in Chromium: the real repositories on real
 * IndexedDB, exposed on `window.fieldsyncBench`.
 */
import { createContacts } from '../../web/src/db/contacts.ts'
import { createInvoices } from '../../web/src/db/invoices.ts'
import type { InvoiceImport } from '../../web/src/db/invoices.ts'
import { pendingCount, pendingCount$ } from '../../web/src/db/outbox.ts'
import { FieldsyncDB } from '../../web/src/db/schema.ts'
import type { LocalId } from '#shared/domain/index.ts'

export type WriteTimes = { contactsMs: number; invoicesMs: number; pending: number }

async function writes(dbName: string, n: number, chunk: number): Promise<WriteTimes> {
  const db = new FieldsyncDB(dbName)
  await db.open()
  const ids: LocalId[] = []
  let t0 = performance.now()
  for (let start = 0; start < n; start += chunk) {
    const inputs = Array.from({ length: Math.min(chunk, n - start) }, (_, k) => {
      const i = start + k
      return {
        givenName: `Given${i}`,
        familyName: `Family${i}`,
        email: `person${i}@example.com`,
        phone: `(916) 555-${String(i % 10000).padStart(4, '0')}`,
        billingAddress: { line1: `${i} Main St`, city: 'Sacramento', region: 'CA', postalCode: '95814' },
      }
    })
    const r = await createContacts(db, inputs)
    if (!r.ok) throw new Error(JSON.stringify(r.error))
    for (const c of r.value) ids.push(c.id)
  }
  const contactsMs = performance.now() - t0
  t0 = performance.now()
  for (let start = 0; start < n; start += chunk) {
    const inputs: InvoiceImport[] = Array.from({ length: Math.min(chunk, n - start) }, (_, k) => {
      const i = start + k
      return {
        contactId: ids[i % ids.length]!,
        issueDate: '2026-02-01',
        taxRateBps: 775,
        lines: [
          { name: 'Service Call', qty: 1000, unitPrice: 8900 },
          { name: 'Labor - Standard', qty: 1500 + (i % 4) * 250, unitPrice: 11500 },
          { name: 'Shutoff Valve 1/2 in', qty: 2000, unitPrice: 1175, taxable: true },
        ],
        finalize: i % 2 === 0,
      }
    })
    const r = await createInvoices(db, inputs)
    if (!r.ok) throw new Error(JSON.stringify(r.error))
  }
  const invoicesMs = performance.now() - t0
  const pending = await pendingCount(db)
  db.close()
  return { contactsMs, invoicesMs, pending }
}

let reached: Promise<number> | undefined

/**
 * Subscribes to the live pending count and resolves once the first value is in, so the
 * other tab writes only after this one is listening; `reached()` then waits for `want`.
 */
function watchPending(dbName: string, want: number): Promise<void> {
  const db = new FieldsyncDB(dbName)
  return new Promise((ready) => {
    reached = new Promise((resolve) => {
      const sub = pendingCount$(db).subscribe({
        next: (n) => {
          ready()
          if (n === want) {
            setTimeout(() => sub.unsubscribe())
            resolve(n)
          }
        },
      })
    })
  })
}

function reachedPending(): Promise<number> {
  return reached ?? Promise.reject(new Error('watchPending was not called'))
}

async function addOne(dbName: string): Promise<void> {
  const db = new FieldsyncDB(dbName)
  const r = await createContacts(db, [{ givenName: 'Other', familyName: 'Tab' }])
  if (!r.ok) throw new Error(JSON.stringify(r.error))
  db.close()
}

declare global {
  interface Window {
    fieldsyncBench: {
      writes: typeof writes
      watchPending: typeof watchPending
      reachedPending: typeof reachedPending
      addOne: typeof addOne
    }
  }
}
window.fieldsyncBench = { writes, watchPending, reachedPending, addOne }
document.getElementById('status')!.textContent = 'loaded'
