// QuickBooks reads of one company with 1 and with 5 devices open (issue 13, target: about equal).
//
// Simulated time, as bench/qbo-reads.ts: the emulator on a manual clock, each device the app's real pull
// (`pullChanges`) over its own MemoryStore after its own initial sync, scheduled by its own `PollLoop` (the
// worker's safety poll) on simulated timers. What is shared is the gate's read coalescing: every device's query,
// read and CDC goes through one `ReadCoalescer` (edge/src/gate/coalesce.ts, the class `RealmGate.forward` uses for
// every GET) keyed by the call and its arguments, with the device as the caller; a call that reaches the emulator
// is one metered QuickBooks read.
//
// Scenarios: (1) the bookkeeper changes one customer a day, 10 h after the first device opened; the gate's feed
// notice reaches every open device in the same instant and each pulls just that id (`scopeOfNotice`, as
// `engine.pullNotice` does); (2) idle: nothing changes and no notice ever comes. Devices are opened 7 minutes apart
// (each runs its initial sync, uncounted, and starts its poll loop then), so their safety polls fall at their own
// times, as on real tablets, until a shared notice sets them all to the same schedule.
// Not modelled: devices' pushes (the scenario is the idle company of qbo-reads.ts), sockets dropping (a reconnect
// catches up from its sequence, no read), token refreshes (no QuickBooks read).
//
// Rerun: `npx node bench/qbo-reads-devices.ts` (or `npm run bench`). FIELDSYNC_BENCH_DAYS (default 30).
import { createManualClock } from '../e2e/qbo-emulator/src/clock.ts'
import { startEmulator } from '../e2e/qbo-emulator/src/serve.ts'
import { SMALL_REALM_ID } from '../e2e/qbo-emulator/src/seeds/small.ts'
import { ReadCoalescer } from '../edge/src/gate/coalesce.ts'
import { MemoryStore } from '../web/src/sync/adapters/memory-store.ts'
import { directGateway } from '../web/src/sync/adapters/edge-gateway.ts'
import { scopeOfNotice, type PullScope } from '../web/src/sync/core/index.ts'
import { previewInitialSync, runInitialSync } from '../web/src/sync/initial-sync.ts'
import type { QboGateway } from '../web/src/sync/ports.ts'
import { pullChanges } from '../web/src/sync/pull.ts'
import { PollLoop } from '../web/src/sync/worker/poll-loop.ts'

const DAYS = Number(process.env.FIELDSYNC_BENCH_DAYS ?? 30)
const DAY = 86_400_000
const OPENED_APART_MS = 7 * 60_000

interface SimDevice {
  due: { at: number; fn: () => void } | undefined
  armed: () => void
  /** One pull, answered as the loop's `syncNow` answers. */
  sync(scope?: PullScope): Promise<Parameters<PollLoop['ran']>[0]>
  loop: PollLoop
}

interface Tally {
  upstream: number
  asked: number
  noticeUpstream: number
  pulls: number
}

async function simulate(deviceCount: number, notices: boolean): Promise<Tally> {
  const clock = createManualClock(Date.UTC(2026, 2, 2, 0, 0, 0))
  const emu = await startEmulator({ port: 0, seed: 'small', clock })
  const admin = async (method: string, path: string, body?: unknown) => {
    const res = await fetch(`${emu.url}/__admin${path}`, {
      method,
      ...(body === undefined ? {} : { body: JSON.stringify(body), headers: { 'Content-Type': 'application/json' } }),
    })
    if (!res.ok) throw new Error(`${method} ${path}: ${res.status}`)
    return res.json() as Promise<Record<string, unknown>>
  }
  let token = ''
  let issued = -Infinity
  const fresh = async () => {
    if (clock.now() - issued < 50 * 60_000) return
    token = String((await admin('POST', '/tokens/connect', { realmId: SMALL_REALM_ID }))['access_token'])
    issued = clock.now()
  }
  const tally: Tally = { upstream: 0, asked: 0, noticeUpstream: 0, pulls: 0 }
  let inNotice = false
  const inner = directGateway(emu.url, SMALL_REALM_ID, () => token)
  const gate = new ReadCoalescer<unknown>({ now: () => clock.now(), keep: (a) => (a as { ok: boolean }).ok })
  const through = <T>(who: string, key: unknown[], call: () => Promise<T>): Promise<T> => {
    if (counting) tally.asked++
    return gate.share(JSON.stringify(key), who, () => {
      if (counting) tally.upstream++
      if (counting && inNotice) tally.noticeUpstream++
      return call()
    }) as Promise<T>
  }
  const gatewayOf = (who: string): QboGateway => ({
    ...inner,
    query: (s) => through(who, ['query', s], () => inner.query(s)),
    read: (e, id) => through(who, ['read', e, id], () => inner.read(e, id)),
    cdc: (e, s) => through(who, ['cdc', e, s], () => inner.cdc(e, s)),
  })

  // Each device: its store, its pull, its poll loop on its own simulated timeout.
  const devices: SimDevice[] = []
  let counting = false
  // A device is opened: its initial sync (not counted), then its poll loop from that moment.
  const open = async (d: number) => {
    let n = 0
    const deps = {
      store: new MemoryStore({ settings: { defaultIncomeAccountId: '1' } }),
      gateway: gatewayOf(`device-${d}`),
      realmId: SMALL_REALM_ID,
      clock: { now: () => clock.now(), sleep: async (ms: number) => clock.advance(ms) },
      random: { next: () => 0.5, uuid: () => `00000000-0000-4000-8${d}00-${(++n).toString(16).padStart(12, '0')}` },
    }
    await fresh()
    counting = false
    const session = await previewInitialSync(deps)
    if (!session.ok) throw new Error(session.error.userMessage)
    await runInitialSync(session.value, [], deps)
    const device: SimDevice = {
      due: undefined,
      armed: () => {},
      sync: async (scope?: PullScope) => {
        await fresh()
        tally.pulls++
        const r = await pullChanges(deps, scope)
        return r.ok
          ? ({ ok: true, value: { push: {} as never, pull: r.value } } as const)
          : ({ ok: false, error: r.error } as const)
      },
      loop: undefined as unknown as PollLoop,
    }
    device.loop = new PollLoop({
      syncNow: () => device.sync(),
      settings: async () => ({ pullIntervalMinutes: 15, safetyPollHours: 6 }),
      now: () => clock.now(),
      timers: {
        setTimeout: (fn, ms) => {
          device.due = { at: clock.now() + ms, fn }
          device.armed()
          return device.due
        },
        clearTimeout: (h) => {
          if (h === device.due) device.due = undefined
        },
      },
      online: () => true,
    })
    counting = true
    devices.push(device)
    const armed = new Promise<void>((r) => (device.armed = r))
    device.loop.start()
    await armed
  }

  const customer = (
    (await admin('GET', `/companies/${SMALL_REALM_ID}`))['entities'] as Record<
      string,
      { Id: string; Active?: boolean; Job?: boolean }[]
    >
  )['Customer']!.find((c) => c.Active !== false && !c.Job)!
  const start = clock.now()
  const end = start + DAYS * DAY
  let nextNotice = notices ? start + 10 * 3600_000 : Infinity
  let nextOpen = start
  for (;;) {
    const next = devices.filter((d) => d.due).sort((x, y) => x.due!.at - y.due!.at)[0]
    const at = Math.min(next?.due?.at ?? Infinity, nextNotice, nextOpen)
    if (at >= end) break
    clock.advance(Math.max(0, at - clock.now()))
    if (at === nextOpen) {
      await open(devices.length)
      nextOpen = devices.length < deviceCount ? at + OPENED_APART_MS : Infinity
      continue
    }
    if (at === nextNotice) {
      await admin('PATCH', `/companies/${SMALL_REALM_ID}/Customer/${customer.Id}`, { Notes: `Day ${clock.now()}` })
      // The webhook reaches the gate; its feed notice reaches every open device at once.
      clock.advance(1_500)
      inNotice = true
      const scope = scopeOfNotice([{ entity: 'Customer', id: customer.Id, operation: 'Update' }])
      await Promise.all(
        devices.map((d) => {
          d.loop.noticed()
          return d.sync(scope)
        }),
      )
      inNotice = false
      nextNotice += DAY
      continue
    }
    const dev = next!
    const { fn } = dev.due!
    const rearmed = new Promise<void>((r) => (dev.armed = r))
    dev.due = undefined
    fn()
    await rearmed
  }
  for (const d of devices) d.loop.stop()
  await emu.close()
  return tally
}

export async function run(): Promise<string> {
  const rows: string[] = []
  const results: Tally[] = []
  for (const [notices, label] of [
    [true, 'one change a day, announced on the feed'],
    [false, 'idle, no notice ever'],
  ] as const)
    for (const n of [1, 5]) {
      process.stderr.write(`qbo-reads-devices: ${label}, ${n} device(s)…\n`)
      const t = await simulate(n, notices)
      results.push(t)
      const perDay = (x: number) => (x / DAYS).toFixed(1)
      rows.push(
        `| ${label} | ${n} | ${t.pulls} | ${t.asked} | ${t.upstream} | ${perDay(t.upstream)} | ${t.noticeUpstream} | ${t.upstream - t.noticeUpstream} |`,
      )
    }
  const ratio = (i: number) => (results[i + 1]!.upstream / Math.max(1, results[i]!.upstream)).toFixed(2)
  return [
    `QuickBooks reads of one company over ${DAYS} simulated days, devices open around the clock (opened 7 minutes apart), every device's reads through the gate's coalescer:`,
    '',
    '| Scenario | Devices | Pulls (all devices) | Reads asked of the gate | QuickBooks reads | per day | of which after notices | of which safety polls |',
    '| --- | --: | --: | --: | --: | --: | --: | --: |',
    ...rows,
    '',
    `5 devices ÷ 1 device: ${ratio(0)}× the QuickBooks reads with daily notices, ${ratio(2)}× idle.`,
  ].join('\n')
}

if (import.meta.main) console.log(await run())
