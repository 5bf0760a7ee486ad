// Latency targets (docs/product.md §Targets): a local edit reaches QuickBooks within 5 s when online; a QuickBooks
// change announced by webhook reaches the tablet within 10 s.
//
// The whole path is real except the browser: the emulator (real time, Intuit's limits, webhooks on), the edge in
// workerd through wrangler's `unstable_startWorker` (session cookie from a real connect, `/api/session`, the proxy,
// the RealmGate Durable Object with its pacer and change feed, `/webhooks/intuit` with the intuit-signature
// check), and the app's SyncEngine (1 s auto-sync debounce) beside the app's FeedClient on `GET /api/feed`, wired
// as the sync worker wires them (bench/support/feed-device.ts), over the app's Dexie database on fake-indexeddb,
// written through the app's repositories. As in app.tsx, a rise of the pending count
// (the outbox's live query) calls `engine.edited()`.
//
// (a) local edit: `updateContact` changes a phone number; timed from before the repository write until the
//     emulator's company module reports the Customer update (its change listener, in process), checked to carry
//     the new number.
// (b) QuickBooks change: a bookkeeper edit through the emulator's admin API (`PATCH …/customer/{id}`); timed from
//     before the PATCH until a live query on the local contact sees the new phone number. Between them: the
//     emulator's 1 s webhook window, the signed POST to the edge, the gate's feed notice over the WebSocket, the
//     client's 200 ms gathering, and `engine.pullNotice` reading just that customer.
//
// Rerun: `npx node bench/sync-latency.ts` (or `npm run bench`). FIELDSYNC_BENCH_EDITS (default 12) edits each way.
import 'fake-indexeddb/auto'
import Dexie, { liveQuery } from 'dexie'
import { IDBKeyRange, indexedDB } from 'fake-indexeddb'
import type { Contact } from '#shared/domain/index.ts'
import { startEmulator } from '../e2e/qbo-emulator/src/serve.ts'
import { SMALL_REALM_ID } from '../e2e/qbo-emulator/src/seeds/small.ts'
import { createContact, onLocalEdit, updateContact } from '../web/src/db/index.ts'
import { localApp } from '../scripts/edge-vars.ts'
import { connectThroughEdge, freePort, startEdgeWorker } from '../e2e/support/edge-worker.ts'
import { initialSync, startFeedDevice, type FeedDevice } from './support/feed-device.ts'

const edits = Number(process.env.FIELDSYNC_BENCH_EDITS ?? 12)
const realmId = SMALL_REALM_ID
const TIMEOUT_MS = 30_000

function within<T>(p: Promise<T>, what: string): Promise<T> {
  let t: ReturnType<typeof setTimeout>
  return Promise.race([
    p,
    new Promise<never>((_, reject) => {
      t = setTimeout(() => reject(new Error(`${what}: nothing after ${TIMEOUT_MS} ms`)), TIMEOUT_MS)
    }),
  ]).finally(() => clearTimeout(t))
}

/** Seeded pauses before each edit, so edits fall at every phase of the webhook window and the debounce. */
let seed = 20_260_301
const pause = (maxMs: number) =>
  new Promise((r) => setTimeout(r, ((seed = (Math.imul(seed, 1_103_515_245) + 12_345) >>> 0) / 2 ** 32) * maxMs))

const stats = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b)
  return {
    min: s[0]!,
    median: s.length % 2 ? s[(s.length - 1) / 2]! : (s[s.length / 2 - 1]! + s[s.length / 2]!) / 2,
    max: s.at(-1)!,
  }
}

export async function run(): Promise<string> {
  // Dexie's live queries stay silent in Node when Dexie was loaded before a global indexedDB existed (under
  // `npm run bench` another module may load it first); naming the factory fixes that either way.
  Dexie.dependencies.indexedDB = indexedDB
  Dexie.dependencies.IDBKeyRange = IDBKeyRange
  const edgePort = await freePort()
  const edgeUrl = `http://127.0.0.1:${edgePort}`
  const emu = await startEmulator({
    port: 0,
    seed: 'small',
    timeScale: 1,
    apps: [
      {
        clientId: localApp.clientId,
        clientSecret: localApp.clientSecret,
        redirectUris: [`${edgeUrl}/auth/intuit/callback`],
        webhook: { url: `${edgeUrl}/webhooks/intuit`, verifierToken: localApp.webhookVerifier },
      },
    ],
  })
  const edge = await startEdgeWorker({ emulatorUrl: emu.url, appOrigin: edgeUrl, port: edgePort })
  let device: FeedDevice | undefined
  const subscriptions: { unsubscribe(): void }[] = []
  try {
    const cookie = await connectThroughEdge(edgeUrl, emu.url, realmId)
    device = startFeedDevice({ name: 'latency', edgeUrl, cookie })
    const { db, engine: eng, counts } = device
    let idle: Promise<void> = Promise.resolve()
    let markIdle = () => {}
    eng.onProgress((p) => {
      if (p.phase === 'done') markIdle()
    })
    // app.tsx: every committed local edit asks the engine to push (it does with the automatic schedule).
    const unlisten = onLocalEdit(() => void eng.edited())
    subscriptions.push({ unsubscribe: unlisten })

    // A contact of this device, pushed and linked; the first run also pulls the sandbox company's customers.
    const contact = await createContact(db, {
      givenName: 'Lena',
      familyName: 'Latency',
      email: 'lena.latency@example.com',
    })
    if (!contact.ok) throw new Error('could not create the contact')
    const id = contact.value.id
    await initialSync(device)
    const qboId = (await db.mappings.toArray()).find((m) => m.kind === 'contact' && m.localId === id)?.qboId
    if (!qboId) throw new Error('the contact did not reach QuickBooks')
    // As the worker: the engine's own interval is only a daily backstop; the feed brings changes in between.
    await eng.start(1440)
    const nextIdle = () => {
      idle = new Promise<void>((r) => {
        markIdle = r
      })
    }

    // (a) local edit → QuickBooks.
    const push: number[] = []
    for (let i = 0; i < edits; i++) {
      const phone = `(916) 555-${String(1000 + i)}`
      await pause(5000)
      nextIdle()
      const landed = new Promise<number>((resolve) => {
        const off = emu.emulator.companies.onChange((e) => {
          if (e.entity !== 'Customer' || e.id !== qboId) return
          const c = emu.emulator.companies.snapshot(realmId)
          const row = ((c as { entities: { Customer?: Record<string, unknown>[] } }).entities.Customer ?? []).find(
            (x) => x['Id'] === qboId,
          )
          if ((row?.['PrimaryPhone'] as { FreeFormNumber?: string } | undefined)?.FreeFormNumber !== phone) return
          ;(off as () => void)()
          resolve(performance.now())
        })
      })
      const t0 = performance.now()
      const r = await updateContact(db, id, { phone })
      if (!r.ok) throw new Error('update failed')
      push.push((await within(landed, `edit ${i} reaching QuickBooks`)) - t0)
      await within(idle, `sync after edit ${i}`)
    }

    // (b) QuickBooks change → webhook → edge → feed notice → pull of that id → this device.
    const pull: number[] = []
    for (let i = 0; i < edits; i++) {
      const phone = `(530) 555-${String(2000 + i)}`
      await pause(5000)
      const arrived = new Promise<number>((resolve) => {
        const sub = liveQuery(() => db.contacts.get(id)).subscribe((c: Contact | undefined) => {
          if (c?.phone !== phone) return
          resolve(performance.now())
          queueMicrotask(() => sub.unsubscribe())
        })
      })
      const t0 = performance.now()
      const res = await fetch(`${emu.url}/__admin/companies/${realmId}/customer/${qboId}`, {
        method: 'PATCH',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify({ PrimaryPhone: { FreeFormNumber: phone } }),
      })
      if (!res.ok) throw new Error(`bookkeeper edit: ${res.status} ${await res.text()}`)
      pull.push((await within(arrived, `QuickBooks change ${i} reaching the device`)) - t0)
    }
    const deliveries = (await (await fetch(`${emu.url}/__admin/webhooks/deliveries`)).json()) as {
      attempts: { status: number | null }[]
    }[]
    const a = stats(push)
    const b = stats(pull)
    const s = (ms: number) => (ms / 1000).toFixed(2)
    return [
      `Emulator in real time (small seed, Intuit's limits, webhooks to the edge), the edge in workerd (\`unstable_startWorker\`, wrangler.toml, vars for the emulator), the app's SyncEngine (1 s auto-sync debounce) with the app's feed client on \`/api/feed\`, wired as the worker does, on the app's Dexie database (fake-indexeddb), ${edits} edits each way, one at a time.`,
      '',
      '| path | target | min (s) | median (s) | max (s) | within target |',
      '| --- | ---: | ---: | ---: | ---: | :---: |',
      `| (a) local edit → QuickBooks (repository write → emulator has the new value) | < 5 s | ${s(a.min)} | ${s(a.median)} | ${s(a.max)} | ${a.max < 5000 ? 'yes, every edit' : 'no'} |`,
      `| (b) QuickBooks change → tablet (bookkeeper edit → local record has it), via webhook | < 10 s | ${s(b.min)} | ${s(b.median)} | ${s(b.max)} | ${b.max < 10_000 ? 'yes, every edit' : 'no'} |`,
      '',
      `Per edit (a), s: ${push.map(s).join(', ')}.`,
      `Per edit (b), s: ${pull.map(s).join(', ')}.`,
      `Webhook deliveries: ${deliveries.length}, answered 2xx by the edge: ${deliveries.filter((d) => d.attempts.some((t) => t.status !== null && t.status < 300)).length}; session calls: ${counts.session}; feed sockets opened: ${counts.sockets}, notice batches pulled: ${counts.notices}.`,
    ].join('\n')
  } finally {
    for (const s of subscriptions) s.unsubscribe()
    device?.close()
    await edge.dispose()
    await emu.close()
  }
}

if (import.meta.main) console.log(await run())
