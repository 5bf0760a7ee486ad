// Device → device latency (issue 13, target p95 ≤ 3 s): a record written on one device of a company, on the screen
// of another, through the gate's change feed and without waiting for Intuit's webhook.
//
// Everything but the browser is real: the emulator in real time (small seed, Intuit's limits, webhooks on), the
// edge in workerd through wrangler's `unstable_startWorker`, and two devices of one company, each the app's
// SyncEngine with its own Dexie database (fake-indexeddb) and its own FeedClient on `GET /api/feed`, wired as the
// sync worker wires them (bench/support/feed-device.ts). Device A connects QuickBooks (the owner); device B joins
// by code (`POST /api/team/join-codes` as A, `POST /api/team/join`), then each runs its initial sync.
//
// Each edit, alternately: A creates a contact (`createContact`), or A changes the phone of the contact it made just
// before (`updateContact`). Timed from just before A's repository write until a live query on B's database sees
// the contact (created) or the new phone (edited). In between: A's 1 s auto-sync debounce, the push through the
// gate, the gate's `changes` notice (origin: device) on B's socket, B's 200 ms gathering, and B's pull of that id.
// Also recorded: from QuickBooks having the write (the emulator's change listener) to B having it.
//
// Rerun: `npx node bench/device-latency.ts` (or `npm run bench`). FIELDSYNC_BENCH_EDITS (default 24) edits.
import 'fake-indexeddb/auto'
import Dexie, { liveQuery } from 'dexie'
import { IDBKeyRange, indexedDB } from 'fake-indexeddb'
import type { Contact } from '#shared/domain/index.ts'
import { startEmulator } from '../e2e/qbo-emulator/src/serve.ts'
import { SMALL_REALM_ID } from '../e2e/qbo-emulator/src/seeds/small.ts'
import { connectThroughEdge, freePort, startEdgeWorker } from '../e2e/support/edge-worker.ts'
import { localApp } from '../scripts/edge-vars.ts'
import { createContact, onLocalEdit, updateContact } from '../web/src/db/index.ts'
import { initialSync, joinByCode, startFeedDevice, type FeedDevice } from './support/feed-device.ts'

const edits = Math.max(2, Number(process.env.FIELDSYNC_BENCH_EDITS ?? 24))
const realmId = SMALL_REALM_ID
const TIMEOUT_MS = 30_000
const TARGET_P95_MS = 3000

function within<T>(p: Promise<T>, what: string): Promise<T> {
  let t: ReturnType<typeof setTimeout>
  return Promise.race([
    p,
    new Promise<never>((_, reject) => {
      t = setTimeout(() => reject(new Error(`${what}: nothing after ${TIMEOUT_MS} ms`)), TIMEOUT_MS)
    }),
  ]).finally(() => clearTimeout(t))
}

/** Seeded pauses between edits, so A's pushes fall at every phase of B's own pulls and of the webhook window. */
let seed = 20_261_207
const pause = (maxMs: number) =>
  new Promise((r) => setTimeout(r, ((seed = (Math.imul(seed, 1_103_515_245) + 12_345) >>> 0) / 2 ** 32) * maxMs))

export function quantiles(xs: number[]): { min: number; median: number; p95: number; max: number } {
  const s = [...xs].sort((a, b) => a - b)
  const rank = (q: number) => s[Math.min(s.length - 1, Math.ceil(q * s.length) - 1)]!
  return {
    min: s[0]!,
    median: s.length % 2 ? s[(s.length - 1) / 2]! : (s[s.length / 2 - 1]! + s[s.length / 2]!) / 2,
    p95: rank(0.95),
    max: s.at(-1)!,
  }
}

/** Resolves with the time B's database first satisfies `holds`. */
function seenOn(device: FeedDevice, holds: (contacts: Contact[]) => boolean): Promise<number> {
  return new Promise((resolve) => {
    const sub = liveQuery(() => device.db.contacts.toArray()).subscribe((rows: Contact[]) => {
      if (!holds(rows)) return
      resolve(performance.now())
      queueMicrotask(() => sub.unsubscribe())
    })
  })
}

export async function run(): Promise<string> {
  // See bench/sync-latency.ts: live queries need Dexie to know the factory in Node.
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
  const devices: FeedDevice[] = []
  let unlisten = () => {}
  try {
    const ownerCookie = await connectThroughEdge(edgeUrl, emu.url, realmId)
    const a = startFeedDevice({ name: 'device-a', edgeUrl, cookie: ownerCookie })
    devices.push(a)
    await initialSync(a)
    const b = startFeedDevice({
      name: 'device-b',
      edgeUrl,
      cookie: await joinByCode(edgeUrl, ownerCookie, 'Office PC'),
    })
    devices.push(b)
    await initialSync(b)
    // app.tsx on A: each committed local edit asks A's engine to push. B makes no edits.
    unlisten = onLocalEdit(() => void a.engine.edited())
    await a.engine.start(1440)
    await b.engine.start(1440)

    let lastUpstream = 0
    const offUpstream = emu.emulator.companies.onChange((e) => {
      if (e.entity === 'Customer') lastUpstream = performance.now()
    }) as () => void

    const total: number[] = []
    const afterQbo: number[] = []
    let current: { id: Contact['id']; email: string } | undefined
    for (let i = 0; i < edits; i++) {
      await pause(2000)
      let arrived: Promise<number>
      const t0 = performance.now()
      if (i % 2 === 0 || !current) {
        const email = `device.${i}.${process.pid}@example.com`
        arrived = seenOn(b, (rows) => rows.some((c) => c.email === email))
        const made = await createContact(a.db, { givenName: 'Dana', familyName: `Device ${i}`, email })
        if (!made.ok) throw new Error(`create ${i} failed`)
        current = { id: made.value.id, email }
      } else {
        const phone = `(916) 555-${String(3000 + i)}`
        const { email } = current
        arrived = seenOn(b, (rows) => rows.some((c) => c.email === email && c.phone === phone))
        const changed = await updateContact(a.db, current.id, { phone })
        if (!changed.ok) throw new Error(`edit ${i} failed`)
      }
      const t1 = await within(arrived, `edit ${i} reaching device B`)
      total.push(t1 - t0)
      afterQbo.push(t1 - lastUpstream)
    }
    offUpstream()

    const s = (ms: number) => (ms / 1000).toFixed(2)
    const q = quantiles(total)
    const u = quantiles(afterQbo)
    return [
      `Emulator in real time (small seed, Intuit's limits, webhooks on), the edge in workerd, two devices of one company (A connected, B joined by code), each the app's SyncEngine with its own Dexie database (fake-indexeddb) and feed client on \`/api/feed\`, wired as the worker does. ${edits} edits on A, one at a time, alternately a new contact and a phone change.`,
      '',
      '| path | target | min (s) | median (s) | p95 (s) | max (s) | within target |',
      '| --- | ---: | ---: | ---: | ---: | ---: | :---: |',
      `| A's repository write → B's database has it | p95 ≤ 3 s | ${s(q.min)} | ${s(q.median)} | ${s(q.p95)} | ${s(q.max)} | ${q.p95 <= TARGET_P95_MS ? 'yes' : 'no'} |`,
      `| of which: QuickBooks has it → B's database has it | | ${s(u.min)} | ${s(u.median)} | ${s(u.p95)} | ${s(u.max)} | |`,
      '',
      `Per edit, s: ${total.map(s).join(', ')}.`,
      `Device B: ${b.counts.notices} notice batches pulled (${b.counts.noticedEntities} entities named), ${b.counts.sockets} socket(s) opened, ${b.counts.resets} resets; device A: ${a.counts.notices} notice batches (its own writes are skipped; these are webhook notices).`,
    ].join('\n')
  } finally {
    unlisten()
    for (const d of devices) d.close()
    await edge.dispose()
    await emu.close()
  }
}

if (import.meta.main) console.log(await run())
