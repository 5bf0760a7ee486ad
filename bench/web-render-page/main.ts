/**
 * Seeds the app's own database (same origin, same name as the app opens) through
 * the repositories, for bench/web-render.ts to time the invoice list against.
 */
import { createContacts } from '../../web/src/db/contacts.ts'
import { createInvoices } from '../../web/src/db/invoices.ts'
import type { InvoiceImport } from '../../web/src/db/invoices.ts'
import { appDb } from '../../web/src/db/index.ts'
import type { LocalId } from '#shared/domain/index.ts'
import { people } from './people.ts'

export type Seeded = { contacts: number; invoices: number; ms: number }

/** `realistic`: customers with real-looking names, emails and phones (bench/contact-search.ts) instead of numbered ones. */
async function seed(n: number, chunk: number, realistic = false): Promise<Seeded> {
  const db = appDb()
  await db.open()
  const t0 = performance.now()
  const ids: LocalId[] = []
  const realisticInputs = realistic ? people(n) : []
  for (let start = 0; start < n; start += chunk) {
    const r = await createContacts(
      db,
      Array.from({ length: Math.min(chunk, n - start) }, (_, k) => {
        const i = start + k
        if (realistic) return realisticInputs[i]!
        return {
          givenName: `Given${i}`,
          familyName: `Family${i}`,
          email: `person${i}@example.com`,
          billingAddress: { line1: `${i} Main St`, city: 'Sacramento', region: 'CA', postalCode: '95814' },
        }
      }),
    )
    if (!r.ok) throw new Error(JSON.stringify(r.error))
    for (const c of r.value) ids.push(c.id)
  }
  for (let start = 0; start < n; start += chunk) {
    const inputs: InvoiceImport[] = Array.from({ length: Math.min(chunk, n - start) }, (_, k) => {
      const i = start + k
      const day = String(1 + (i % 28)).padStart(2, '0')
      return {
        contactId: ids[i % ids.length]!,
        issueDate: `2026-0${1 + (i % 9)}-${day}`,
        taxRateBps: 775,
        lines: [
          { name: 'Service Call', qty: 1000, unitPrice: 8900 },
          { name: 'Labor - Standard', qty: 1500 + (i % 4) * 250, unitPrice: 11500 },
          { name: 'Shutoff Valve 1/2 in', qty: 2000, unitPrice: 1175, taxable: true },
        ],
        finalize: i % 4 !== 0,
      }
    })
    const r = await createInvoices(db, inputs)
    if (!r.ok) throw new Error(JSON.stringify(r.error))
  }
  const counts = { contacts: await db.contacts.count(), invoices: await db.invoices.count() }
  db.close()
  return { ...counts, ms: performance.now() - t0 }
}

declare global {
  interface Window {
    fieldsyncRenderSeed: typeof seed
  }
}
window.fieldsyncRenderSeed = seed
document.getElementById('status')!.textContent = 'loaded'
