/** The initial sync of the demo data against the emulator's small company: preview, decisions, and every record landed once. */
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { loadDemoData } from '../db/demo-data.ts'
import { unwrap } from '../db/test-db.ts'
import { previewInitialSync, runInitialSync, type MatchDecision } from './initial-sync.ts'
import { startEmulatorWorld, type EmulatorWorld } from './test-support/emulator-world.ts'

let w: EmulatorWorld
beforeEach(async () => {
  w = await startEmulatorWorld()
})
afterEach(async () => {
  await w.close()
})

const names = (xs: Record<string, unknown>[], field: string) => xs.map((x) => String(x[field])).sort()
const dupes = (xs: string[]) => xs.filter((x, i) => xs.indexOf(x) !== i)

describe('initial sync of the emulator small company with the demo data', () => {
  it('previews the exact links, creations and ambiguous pairs, then lands every record once', async () => {
    unwrap(await loadDemoData(w.db))
    const before = await w.entities('Customer')
    const session = await previewInitialSync(w.deps())
    if (!session.ok) throw new Error(session.error.userMessage)
    const { counts, decisions } = session.value.preview
    const { contacts, items } = session.value.match
    // Same email (any case) or same name links; the seed's near-duplicates and shared emails are asked.
    expect(contacts.links.map((l) => l.via).sort()).toEqual([
      'email',
      'email',
      'email',
      'email',
      'email',
      'email',
      'email',
      'name',
      'name',
    ])
    expect(items.links).toHaveLength(6)
    expect(counts).toMatchObject({ link: 15, createHere: 17, needDecision: 5 })
    expect(decisions.map((d) => [d.reason, Object.values(d.labels).sort()])).toEqual([
      ['email', ['Garcia, Maria', 'Maria Garcia', 'Maria Garcia']],
      ['email', ['Michael Johnson', 'Mike Johnson', 'Mike Johnson']],
      ['email', ['Sunrise Bakery', 'Sunrise Bakery', 'Sunrise Bakery (Midtown)']],
      ['email-differs', ['Beth Anderson', 'Beth Anderson']],
      // Inactive in QuickBooks (pulled for matching): only linked, and so reactivated, if the user says so.
      ['inactive', ['Tom Nguyen', 'Tom Nguyen']],
    ])

    // The user links Mike to Mike and keeps Beth apart; the other two stay undecided (and wait).
    const mike = decisions.find((d) => Object.values(d.labels).includes('Michael Johnson'))!
    const beth = decisions.find((d) => d.reason === 'email-differs')!
    const mikeQbo = mike.qboIds.find((q) => mike.labels[`qbo:${q}`] === 'Mike Johnson')!
    const tom = decisions.find((d) => d.reason === 'inactive')!
    const answers: MatchDecision[] = [
      { kind: 'contact', localId: mike.localIds[0]!, qboId: mikeQbo },
      { kind: 'contact', localId: beth.localIds[0]!, qboId: null },
      { kind: 'contact', localId: tom.localIds[0]!, qboId: tom.qboIds[0]! },
    ]
    const summary = await runInitialSync(session.value, answers, w.deps())
    expect(summary).toMatchObject({ pulled: 17, linked: 17 })
    // Keeping Beth apart creates a second "Beth Anderson", which QuickBooks refuses (names are unique): a red row
    // naming the clashing customer and offering rename or link.
    const errors = (await w.db.syncLog.toArray()).filter((l) => l.status === 'error')
    const bethQbo = beth.qboIds[0]!
    expect(errors.filter((l) => l.kind === 'contact').map((l) => [l.label, l.qboId, l.details])).toEqual([
      [
        'Beth Anderson',
        bethQbo,
        `QuickBooks already has a customer named "Beth Anderson" (Id ${bethQbo}). Rename this contact, or link it to that customer. Field: DisplayName.`,
      ],
    ])
    // Linking Tom to the inactive customer made it active again, as decided.
    expect((await w.entities('Customer')).find((c) => c.Id === tom.qboIds[0])).toMatchObject({
      DisplayName: 'Tom Nguyen',
      Active: true,
    })
    expect((await w.db.mappings.toArray()).find((m) => m.localId === tom.localIds[0])?.qboId).toBe(tom.qboIds[0])
    expect(
      (await w.db.syncLog.toArray()).some((l) => l.localId === tom.localIds[0] && /Made active again/.test(l.details)),
    ).toBe(true)
    // Taxed invoices carry the app's tax (TxnTaxDetail.TotalTax), so QuickBooks' totals are ours and every payment applies.
    expect(errors.filter((l) => l.kind !== 'contact')).toEqual([])
    expect(summary.stoppedBy).toBeUndefined()
    const qboInvoices = new Map((await w.entities('Invoice')).map((q) => [q.Id, q]))
    const invoiceMappings = (await w.db.mappings.toArray()).filter((m) => m.kind === 'invoice')
    const localInvoices = await w.db.invoices.toArray()
    const sent = invoiceMappings.map((m) => ({
      inv: localInvoices.find((i) => i.id === m.localId)!,
      q: qboInvoices.get(m.qboId)!,
    }))
    expect(sent.filter(({ inv }) => inv.tax > 0).length).toBeGreaterThan(0)
    for (const { inv, q } of sent)
      expect([inv.number, Math.round(Number(q['TotalAmt']) * 100)]).toEqual([inv.number, inv.total])
    const paymentMappings = (await w.db.mappings.toArray()).filter((m) => m.kind === 'payment')
    expect(paymentMappings).toHaveLength(await w.db.payments.count())

    const after = await w.entities('Customer')
    expect(dupes(names(after, 'DisplayName'))).toEqual([])
    const created = after.length - before.length
    const mappings = await w.db.mappings.toArray()
    expect(
      mappings.filter((m) => m.kind === 'contact' && Number(m.qboId) > Math.max(...before.map((c) => Number(c.Id)))),
    ).toHaveLength(created)
    expect(mappings.find((m) => m.localId === mike.localIds[0])?.qboId).toBe(mikeQbo)
    expect(dupes(names(await w.entities('Invoice'), 'DocNumber'))).toEqual([])
    const log = await w.db.syncLog.toArray()
    expect([...new Set(log.map((l) => l.status))].sort()).toEqual(['error', 'matched', 'skipped', 'synced'])
    // Every contact is linked, created, or listed as waiting for the user.
    for (const c of await w.db.contacts.toArray()) expect(log.some((l) => l.localId === c.id)).toBe(true)
  })
})
