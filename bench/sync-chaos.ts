// Chaos target (docs/product.md §Targets): with 10 % of requests failing (5xx, 429, stalls past the timeout, answers
// lost after the write) a 10,000-record sync ends identical to a clean one — zero duplicates, zero lost records.
//
// The same 10,000 queued records (contacts, items, finalized invoices, payments: bench/sync-chaos-data.ts) are
// pushed by the engine (`push`, what Sync Now and auto-sync run, repeated as the engine would until the outbox is
// empty) into a fresh emulator, once clean and once per chaos seed. Intuit's limits are on and time-scaled, the
// edge's Pacer sits in front in process, the engine's clock is the emulator's (its backoff sleeps scaled), and a
// call times out after Intuit's 120 s in emulator time. Then both companies are read back through the admin API
// and compared entity by entity with ids normalised (bench/support/company-diff.ts), and every local mapping is
// checked to point at an existing QuickBooks record of the same name/number.
//
// Rerun: `npx node bench/sync-chaos.ts` (or `npm run bench`). FIELDSYNC_BENCH_N (default 10000) records;
// FIELDSYNC_BENCH_SCALE (default 30) emulator time scale; FIELDSYNC_BENCH_CHAOS (default 0.1) probability;
// FIELDSYNC_BENCH_CHAOS_SEEDS (default 7,11,23).
import { startEmulator } from '../e2e/qbo-emulator/src/serve.ts'
import { SMALL_REALM_ID } from '../e2e/qbo-emulator/src/seeds/small.ts'
import { httpGateway } from '../web/src/sync/adapters/edge-gateway.ts'
import type { Random } from '../web/src/sync/ports.ts'
import { previewInitialSync, runInitialSync } from '../web/src/sync/initial-sync.ts'
import { push } from '../web/src/sync/push.ts'
import { diffCompanies, totals, type CompanyDiff, type CompanyState, type Json } from './support/company-diff.ts'
import { pacedGateway } from './support/paced-gateway.ts'
import { scaledClock } from './support/scaled-clock.ts'
import { chaosData, chaosStore, type ChaosData } from './sync-chaos-data.ts'

const n = Number(process.env.FIELDSYNC_BENCH_N ?? 10_000)
const scale = Number(process.env.FIELDSYNC_BENCH_SCALE ?? 30)
const probability = Number(process.env.FIELDSYNC_BENCH_CHAOS ?? 0.1)
const seeds = (process.env.FIELDSYNC_BENCH_CHAOS_SEEDS ?? '7,11,23').split(',').map(Number)
/** `push` (queued records, Sync Now) or `initial` (the first connect: pull, match, preview, run, then pushes). */
const path = process.env.FIELDSYNC_BENCH_CHAOS_PATH === 'initial' ? 'initial' : 'push'
const maxRounds = 30
const realmId = SMALL_REALM_ID

interface RunResult {
  seed: number | null
  ms: number
  rounds: number
  state: CompanyState
  requests: number
  events: Record<string, number>
  limiter429: number
  leftInOutbox: number
  leftErrors: string[]
  mappingProblems: string[]
  mapped: number
}

/** Seeded, so backoff jitter repeats; requestids stay random UUIDs as in the app. */
function seededRandom(seed: number): Random {
  let s = seed >>> 0 || 1
  return { next: () => (s = (Math.imul(s, 1_103_515_245) + 12_345) >>> 0) / 2 ** 32, uuid: () => crypto.randomUUID() }
}

async function once(data: ChaosData, seed: number | null): Promise<RunResult> {
  const emu = await startEmulator({ port: 0, seed: 'small', timeScale: scale })
  const admin = async <T>(method: string, path: string, body?: unknown): Promise<T> => {
    const res = await fetch(`${emu.url}/__admin${path}`, {
      method,
      ...(body !== undefined ? { body: JSON.stringify(body), headers: { 'Content-Type': 'application/json' } } : {}),
    })
    if (!res.ok) throw new Error(`admin ${method} ${path}: ${res.status} ${await res.text()}`)
    return (await res.json()) as T
  }
  try {
    const { access_token: token } = await admin<{ access_token: string }>('POST', '/tokens/connect', { realmId })
    // A stall outlasts Intuit's 120 s timeout, in emulator time like everything else.
    if (seed !== null)
      await admin('PUT', `/companies/${realmId}/chaos`, { probability, seed, stallMs: Math.ceil(130_000 / scale) })
    const direct = httpGateway({
      url: (path, query) =>
        `${emu.url}/v3/company/${realmId}/${path}?${new URLSearchParams({ ...query, minorversion: '75' })}`,
      headers: () => ({ Authorization: `Bearer ${token}` }),
      timeoutMs: Math.ceil(120_000 / scale),
    })
    const { gateway } = pacedGateway(direct, scale)
    const clock = scaledClock(() => emu.clock.now(), scale)
    const store = chaosStore(data)
    const deps = {
      store,
      gateway,
      clock,
      random: seededRandom(seed ?? 1),
      realmId,
      concurrency: 10,
      accounts: { income: '1', deposit: '5' },
    }
    const t0 = performance.now()
    let rounds = 0
    if (path === 'initial') {
      // A failed pull leaves no preview; the user (or the engine's next run) asks again after a pause.
      for (; rounds < maxRounds; rounds++) {
        const session = await previewInitialSync(deps)
        if (session.ok) {
          await runInitialSync(session.value, [], deps)
          rounds++
          break
        }
        await clock.sleep(5_000)
      }
    }
    for (; rounds < maxRounds;) {
      rounds++
      await push(deps)
      const { outbox } = await store.snapshot()
      if (outbox.length === 0) break
      // What the engine does next: the next Sync Now, once the earliest row's backoff has passed.
      const next = Math.min(...outbox.map((r) => (r.nextAttemptAt ? Date.parse(r.nextAttemptAt) : clock.now())))
      await clock.sleep(Math.max(0, next - clock.now()) + 10)
    }
    const ms = performance.now() - t0
    const state = await admin<CompanyState>('GET', `/companies/${realmId}`)
    const log = await admin<{ chaos: string | null; status: number }[]>('GET', `/requests?realmId=${realmId}`)
    const events: Record<string, number> = {}
    for (const e of log) if (e.chaos) events[e.chaos] = (events[e.chaos] ?? 0) + 1
    const snap = await store.snapshot()
    const { problems, mapped } = checkMappings(data, snap.mappings, state)
    return {
      seed,
      ms,
      rounds,
      state,
      requests: log.length,
      events,
      limiter429: log.filter((e) => e.status === 429 && !e.chaos).length,
      leftInOutbox: snap.outbox.length,
      leftErrors: [...new Set(snap.outbox.map((r) => `${r.kind} ${r.lastError?.code ?? 'queued'}`))].slice(0, 5),
      mappingProblems: problems,
      mapped,
    }
  } finally {
    await emu.close()
  }
}

/** Every local record has a mapping, and it points at an existing QuickBooks record with the same name or number and value. */
function checkMappings(
  data: ChaosData,
  mappings: { kind: string; localId: string; qboId: string }[],
  state: CompanyState,
): { problems: string[]; mapped: number } {
  const byId = (entity: string) => new Map((state.entities[entity] ?? []).map((r) => [String(r['Id']), r]))
  const tables = { contact: byId('Customer'), item: byId('Item'), invoice: byId('Invoice'), payment: byId('Payment') }
  const of = new Map(mappings.map((m) => [`${m.kind}:${m.localId}`, m.qboId]))
  const problems: string[] = []
  let mapped = 0
  // Its name or number, and one value QuickBooks holds for it (email, price, total), as this device has them.
  const check = (
    kind: keyof typeof tables,
    localId: string,
    field: string,
    want: string | undefined,
    value: (r: Json) => unknown,
    wantValue: unknown,
  ) => {
    const qboId = of.get(`${kind}:${localId}`)
    const remote = qboId === undefined ? undefined : tables[kind].get(qboId)
    if (qboId === undefined) problems.push(`${kind} ${want} not linked`)
    else if (!remote) problems.push(`${kind} ${want} → missing Id ${qboId}`)
    else if (String(remote[field]) !== want) problems.push(`${kind} ${want} → Id ${qboId} is ${String(remote[field])}`)
    else if (value(remote) !== wantValue)
      problems.push(`${kind} ${want}: QuickBooks has ${String(value(remote))}, this device ${String(wantValue)}`)
    else mapped++
  }
  const cents = (v: unknown) => Math.round(Number(v) * 100)
  for (const c of data.contacts)
    check(
      'contact',
      c.id,
      'DisplayName',
      c.displayName,
      (r) => (r['PrimaryEmailAddr'] as { Address?: string } | undefined)?.Address,
      c.email,
    )
  for (const i of data.items) check('item', i.id, 'Name', i.name, (r) => cents(r['UnitPrice']), i.unitPrice)
  for (const v of data.invoices) check('invoice', v.id, 'DocNumber', v.number, (r) => cents(r['TotalAmt']), v.total)
  for (const p of data.payments)
    check('payment', p.id, 'PaymentRefNum', p.reference, (r) => cents(r['TotalAmt']), p.amount)
  return { problems, mapped }
}

const KINDS = ['http500', 'http503', 'throttle429', 'stall', 'dropAfterWrite'] as const

export async function run(): Promise<string> {
  const data = chaosData(n)
  const total = data.contacts.length + data.items.length + data.invoices.length + data.payments.length
  const clean = await once(data, null)
  const cleanCreated = diffCompanies({ entities: {} }, clean.state)
  const results: { r: RunResult; diff: CompanyDiff }[] = []
  for (const seed of seeds) {
    const r = await once(data, seed)
    results.push({ r, diff: diffCompanies(clean.state, r.state) })
  }
  const s = (ms: number) => (ms / 1000).toFixed(1)
  const cleanOk = clean.leftInOutbox === 0 && clean.mappingProblems.length === 0 && clean.mapped === total
  const rows = results.map(({ r, diff }) => {
    const t = totals(diff)
    const pass =
      cleanOk &&
      t.duplicates === 0 &&
      t.lost === 0 &&
      t.differing === 0 &&
      r.mappingProblems.length === 0 &&
      r.leftInOutbox === 0 &&
      r.mapped === total
    const ev = KINDS.map((k) => r.events[k] ?? 0)
    const struck = ev.reduce((a, b) => a + b, 0)
    return `| ${r.seed} | ${s(r.ms)} | ${(r.ms / clean.ms).toFixed(2)} | ${r.rounds} | ${r.requests} | ${struck} (${((100 * struck) / r.requests).toFixed(1)} %) | ${ev.join(' / ')} | ${t.duplicates} | ${t.lost} | ${t.differing} | ${r.mapped} / ${total} | ${r.leftInOutbox} | **${pass ? 'PASS' : 'FAIL'}** |`
  })
  const problems = results.flatMap(({ r, diff }) => [
    ...Object.entries(diff).flatMap(([e, d]) => d.examples.map((x) => `seed ${r.seed} ${e}: ${x}`)),
    ...r.mappingProblems.slice(0, 5).map((p) => `seed ${r.seed} mapping: ${p}`),
    ...(r.leftInOutbox > 0 ? [`seed ${r.seed} still queued: ${r.leftErrors.join(', ')}`] : []),
  ])
  const created = Object.entries(cleanCreated)
    .filter(([, d]) => d.records > 0)
    .map(([e, d]) => `${e} ${d.records.toLocaleString('en-US')}`)
    .join(', ')
  return [
    `${total.toLocaleString('en-US')} queued records (${data.contacts.length.toLocaleString('en-US')} contacts, ${data.items.length} items, ${data.invoices.length.toLocaleString('en-US')} finalized invoices of 1–3 lines, ${data.payments.length.toLocaleString('en-US')} payments applied to them) pushed into the emulator's sandbox company by ${path === 'initial' ? 'the initial sync (pull, match, preview, run), then \`push\`' : '\`push\`'} (repeated after each backoff until the outbox is empty), Intuit's limits time-scaled ${scale}×, the edge's Pacer in process, memory store, calls timing out after 120 s of emulator time. Chaos: ${probability * 100} % of API calls, kinds equally likely.`,
    '',
    `Clean run: ${s(clean.ms)} s, ${clean.rounds} push round(s), ${clean.requests} requests, ${clean.limiter429} limiter 429s; company afterwards (seed records included): ${created}; ${clean.mapped} / ${total} local records linked to a QuickBooks record with the same name or number and the same email, price or total, ${clean.leftInOutbox} left in the outbox${cleanOk ? '' : ' — **the clean run itself did not finish cleanly**'}.`,
    '',
    '| chaos seed | time (s) | ÷ clean | push rounds | requests | struck by chaos | 500 / 503 / 429 / stall / lost after write | extra (duplicates) | lost | fields differ | mappings valid | left queued | result |',
    '| ---: | ---: | ---: | ---: | ---: | ---: | --- | ---: | ---: | ---: | ---: | ---: | :---: |',
    ...rows,
    ...(problems.length > 0 ? ['', 'Problems found:', '', ...problems.slice(0, 20).map((p) => `- ${p}`)] : []),
  ].join('\n')
}

if (import.meta.main) console.log(await run())
