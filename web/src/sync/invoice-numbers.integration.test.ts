import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { createContact, createInvoices, getSettings } from '../db/index.ts'
import { unwrap } from '../db/test-db.ts'
import { previewInitialSync, runInitialSync } from './initial-sync.ts'
import { pullChanges } from './pull.ts'
import { startEmulatorWorld, type EmulatorWorld } from './test-support/emulator-world.ts'

let w: EmulatorWorld
beforeEach(async () => {
  w = await startEmulatorWorld()
})
afterEach(async () => {
  await w.close()
})

const docNumbers = async () => (await w.entities('Invoice')).map((i) => String(i['DocNumber']))

async function finalizeOne(given: string): Promise<string> {
  const c = unwrap(await createContact(w.db, { givenName: given, familyName: 'Number' }))
  const [inv] = unwrap(
    await createInvoices(w.db, [
      { contactId: c.id, lines: [{ name: 'Service call', qty: 1000, unitPrice: 9_500 }], finalize: true },
    ]),
  )
  return inv!.number!
}

describe('local invoice numbers against the emulator small company', () => {
  it('after the initial sync, a newly finalized invoice takes a number QuickBooks does not have', async () => {
    const theirs = await docNumbers()
    // The app's first number is one the company already used: the test fails without the move.
    expect((await getSettings(w.db)).nextInvoiceNumber).toBe(1001)
    expect(theirs).toContain('1001')
    const session = await previewInitialSync(w.deps())
    if (!session.ok) throw new Error(session.error.userMessage)
    await runInitialSync(session.value, [], w.deps())
    const number = await finalizeOne('First')
    expect(theirs).not.toContain(number)
    expect(Number(number)).toBe(Math.max(...theirs.map(Number)) + 1)
  })

  it('after a pull, an invoice numbered in QuickBooks meanwhile moves the next number past it, never backwards', async () => {
    const session = await previewInitialSync(w.deps())
    if (!session.ok) throw new Error(session.error.userMessage)
    await runInitialSync(session.value, [], w.deps())
    // CDC answers from the emulator's own clock: the checkpoint is just before its now.
    const since = async () =>
      w
        .deps()
        .store.setCheckpoint(
          new Date((await w.admin<{ now: number }>('GET', '/clock')).now - 1000).toISOString(),
          w.realmId,
        )
    await since()
    const customer = (await w.entities('Customer')).find((c) => c['Active'] !== false && !c['Job'])!
    const bookkeeper = async (DocNumber: string) => {
      const r = await w.gateway.write(
        'Invoice',
        'create',
        {
          CustomerRef: { value: customer.Id },
          DocNumber,
          Line: [
            {
              DetailType: 'SalesItemLineDetail',
              Amount: 10,
              SalesItemLineDetail: { ItemRef: { value: '1' }, Qty: 1, UnitPrice: 10 },
            },
          ],
        },
        crypto.randomUUID(),
      )
      if (!r.ok) throw new Error(r.error.userMessage)
    }
    await bookkeeper('7000')
    const pulled = await pullChanges(w.deps())
    expect(pulled.ok ? 'ok' : pulled.error.userMessage).toBe('ok')
    expect(await finalizeOne('Second')).toBe('7001')
    // A lower or non-numeric number made in QuickBooks later leaves the local sequence where it is.
    await since()
    await bookkeeper('1500')
    await bookkeeper('INV-99999')
    expect((await pullChanges(w.deps())).ok).toBe(true)
    expect(await finalizeOne('Third')).toBe('7002')
  })
})
