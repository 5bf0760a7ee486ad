// Initial sync of 10,000 contacts, 10,000 finalized invoices and 500 items into the emulator's sandbox company,
// with Intuit's limits (500 requests/min, 40 batch calls/min, 10 in flight) enforced by the emulator and time-
// scaled, and the edge's pacer (the same Pacer class the RealmGate runs) in front of it in process. Reports the
// total against the floor those limits allow, and how many 429s reached the engine.
//
// Rerun: `npx node bench/sync-initial.ts` (or `npm run bench`). FIELDSYNC_BENCH_SCALE (default 20) is the
// emulator's time scale; FIELDSYNC_BENCH_N (default 10000) the number of contacts and of invoices; RUNS (default 1).
import { pacedGateway } from './support/paced-gateway.ts'
import { startEmulator } from '../e2e/qbo-emulator/src/serve.ts'
import { SMALL_REALM_ID } from '../e2e/qbo-emulator/src/seeds/small.ts'
import type { Contact, Invoice, Item, OutboxRow } from '#shared/domain/index.ts'
import { directGateway } from '../web/src/sync/adapters/edge-gateway.ts'
import { previewInitialSync, runInitialSync } from '../web/src/sync/initial-sync.ts'
import { MemoryStore } from '../web/src/sync/adapters/memory-store.ts'
import { realClock, realRandom } from '../web/src/sync/ports.ts'

const scale = Number(process.env.FIELDSYNC_BENCH_SCALE ?? 20)
const n = Number(process.env.FIELDSYNC_BENCH_N ?? 10_000)
const items = Math.max(1, Math.round(n / 20))
const runs = Number(process.env.RUNS ?? 1)

function localData(): MemoryStore {
  const at = '2026-03-01T09:00:00.000Z'
  const id = (p: string, i: number) => `${p}-0000-4000-8000-${String(i).padStart(12, '0')}`
  const contacts: Contact[] = Array.from({ length: n }, (_, i) => ({
    id: id('00000001', i) as Contact['id'],
    version: 1,
    updatedAt: at,
    displayName: `Bench Customer ${i}`,
    email: `bench${i}@example.com`,
    active: true,
  }))
  const its: Item[] = Array.from({ length: items }, (_, i) => ({
    id: id('00000002', i) as Item['id'],
    version: 1,
    updatedAt: at,
    name: `Bench Item ${i}`,
    type: 'service',
    unitPrice: 5_000 + i,
    taxable: false,
    active: true,
  }))
  const invoices: Invoice[] = Array.from({ length: n }, (_, i) => {
    const item = its[i % items]!
    return {
      id: id('00000003', i) as Invoice['id'],
      version: 1,
      updatedAt: at,
      number: `B${i}`,
      contactId: contacts[i]!.id,
      status: 'finalized',
      issueDate: '2026-03-01',
      dueDate: '2026-03-31',
      lines: [
        {
          id: 'L1',
          itemId: item.id,
          name: item.name,
          qty: 2000,
          unitPrice: item.unitPrice,
          amount: 2 * item.unitPrice,
          taxable: false,
        },
      ],
      taxRateBps: 0,
      subtotal: 2 * item.unitPrice,
      tax: 0,
      total: 2 * item.unitPrice,
      balance: 2 * item.unitPrice,
    }
  })
  const store = new MemoryStore({ records: { contacts, items: its, invoices } })
  const row = (kind: OutboxRow['kind'], localId: string): Omit<OutboxRow, 'seq'> => ({
    kind,
    localId: localId as OutboxRow['localId'],
    version: 1,
    op: 'create',
    createdAt: at,
    attempts: 0,
  })
  for (const c of contacts) store.enqueue(row('contact', c.id))
  for (const i of its) store.enqueue(row('item', i.id))
  for (const v of invoices) store.enqueue(row('invoice', v.id))
  return store
}

async function once(): Promise<{
  ms: number
  floorMs: number
  throttled: number
  batches: number
  calls: number
  failed: number
  created: number
}> {
  const emu = await startEmulator({ port: 0, seed: 'small', timeScale: scale })
  try {
    const tokenRes = await fetch(`${emu.url}/__admin/tokens/connect`, {
      method: 'POST',
      body: JSON.stringify({ realmId: SMALL_REALM_ID }),
      headers: { 'Content-Type': 'application/json' },
    })
    const token = ((await tokenRes.json()) as { access_token: string }).access_token
    const { gateway, counts } = pacedGateway(
      directGateway(emu.url, SMALL_REALM_ID, () => token),
      scale,
    )
    const store = localData()
    const deps = { store, gateway, clock: realClock, random: realRandom, realmId: SMALL_REALM_ID, concurrency: 10 }
    const t0 = performance.now()
    const session = await previewInitialSync(deps)
    if (!session.ok) throw new Error(session.error.userMessage)
    const summary = await runInitialSync(session.value, [], deps)
    const ms = performance.now() - t0
    // The earliest the last batch may start under 40 batch calls per minute, and 500 calls per minute overall.
    const windowMs = 60_000 / scale
    const floorMs = Math.max(Math.ceil(counts.batches / 40) - 1, Math.ceil(counts.calls / 500) - 1) * windowMs
    return {
      ms,
      floorMs,
      throttled: counts.throttled,
      batches: counts.batches,
      calls: counts.calls,
      failed: summary.failed,
      created: summary.synced,
    }
  } finally {
    await emu.close()
  }
}

export async function run(): Promise<string> {
  const results = []
  for (let i = 0; i < runs; i++) results.push(await once())
  const ratios = results.map((r) => r.ms / r.floorMs).sort((a, b) => a - b)
  const fmt = (x: number) => x.toFixed(3)
  const mid = ratios[Math.floor(ratios.length / 2)]!
  const r0 = results[0]!
  return [
    `Initial sync of ${n.toLocaleString('en-US')} contacts, ${n.toLocaleString('en-US')} finalized invoices and ${items} items into the emulator's sandbox company, time scale ${scale}× (an Intuit minute every ${(60 / scale).toFixed(1)} s), the edge's Pacer in process in front of it, memory store, ${runs} run(s).`,
    '',
    '| measure | min | median | max |',
    '| --- | ---: | ---: | ---: |',
    `| total ÷ floor (target ≤ 1.15) | ${fmt(ratios[0]!)} | ${fmt(mid)} | ${fmt(ratios.at(-1)!)} |`,
    `| 429s reaching the engine (target 0) | ${Math.min(...results.map((r) => r.throttled))} | — | ${Math.max(...results.map((r) => r.throttled))} |`,
    '',
    `First run: ${(r0.ms / 1000).toFixed(1)} s against a floor of ${(r0.floorMs / 1000).toFixed(1)} s (${r0.batches} batch calls, ${r0.calls} calls in all; ${r0.created} records written, ${r0.failed} failed).`,
  ].join('\n')
}

if (import.meta.main) console.log(await run())
