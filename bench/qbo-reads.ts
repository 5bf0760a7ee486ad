// QuickBooks reads per idle company per 30 days, app open all day (Intuit meters reads; target ≤ 500).
//
// Simulated time, no real waiting: the emulator runs on a manual clock and the app's poll loop (`PollLoop`, the
// worker's schedule over the core's `nextPollInMs`) on simulated timers; each due poll runs the app's real pull
// (`pullChanges`: CDC for the kinds the app keeps, plus any customer or item a pulled invoice needs) against the
// emulator's small company after a real initial sync. Every QuickBooks call the gateway makes (query, read, CDC)
// is counted as one read; token refreshes and the edge's `/api/session` polls are not QuickBooks reads.
//
// Scenarios, each 30 days with the app open around the clock (the worst case for "open all day"):
// - today: a pull every 15 minutes, whatever happens;
// - webhooks silent: nothing changes and no notice ever arrives (the poll stretches while pulls find nothing);
// - webhooks arriving: the bookkeeper changes one customer a day at 10:00 and its notice arrives; the notice pulls
//   just that id, and the poll is a safety net every 6 hours.
//
// Rerun: `npx node bench/qbo-reads.ts` (or `npm run bench`). FIELDSYNC_BENCH_DAYS (default 30).
import { createManualClock } from '../e2e/qbo-emulator/src/clock.ts'
import { startEmulator } from '../e2e/qbo-emulator/src/serve.ts'
import { SMALL_REALM_ID } from '../e2e/qbo-emulator/src/seeds/small.ts'
import { MemoryStore } from '../web/src/sync/adapters/memory-store.ts'
import { directGateway } from '../web/src/sync/adapters/edge-gateway.ts'
import { scopeOfNotice } from '../web/src/sync/core/index.ts'
import { previewInitialSync, runInitialSync } from '../web/src/sync/initial-sync.ts'
import type { QboGateway } from '../web/src/sync/ports.ts'
import { pullChanges } from '../web/src/sync/pull.ts'
import type { PullScope } from '../web/src/sync/core/index.ts'
import { PollLoop } from '../web/src/sync/worker/poll-loop.ts'

const DAYS = Number(process.env.FIELDSYNC_BENCH_DAYS ?? 30)
const DAY = 86_400_000
type Scenario = 'today' | 'silent' | 'arriving'

async function simulate(scenario: Scenario): Promise<{ reads: number; pulls: number; initial: number }> {
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
  // Access tokens last an hour; the edge refreshes them, which is no QuickBooks read.
  let token = ''
  let issued = -Infinity
  const fresh = async () => {
    if (clock.now() - issued < 50 * 60_000) return
    token = String((await admin('POST', '/tokens/connect', { realmId: SMALL_REALM_ID }))['access_token'])
    issued = clock.now()
  }
  let reads = 0
  const inner = directGateway(emu.url, SMALL_REALM_ID, () => token)
  const gateway: QboGateway = {
    ...inner,
    query: (s) => (reads++, inner.query(s)),
    read: (e, id) => (reads++, inner.read(e, id)),
    cdc: (e, s) => (reads++, inner.cdc(e, s)),
  }
  const store = new MemoryStore({ settings: { defaultIncomeAccountId: '1' } })
  let n = 0
  const deps = {
    store,
    gateway,
    realmId: SMALL_REALM_ID,
    clock: { now: () => clock.now(), sleep: async (ms: number) => clock.advance(ms) },
    random: { next: () => 0.5, uuid: () => `00000000-0000-4000-8000-${(++n).toString(16).padStart(12, '0')}` },
  }
  await fresh()
  const session = await previewInitialSync(deps)
  if (!session.ok) throw new Error(session.error.userMessage)
  await runInitialSync(session.value, [], deps)
  const initial = reads
  reads = 0

  // Simulated timers: the loop's one pending timeout, run when the simulation reaches it.
  let due: { at: number; fn: () => void } | undefined
  let armed: () => void = () => {}
  const timers = {
    setTimeout: (fn: () => void, ms: number) => {
      due = { at: clock.now() + ms, fn }
      armed()
      return due
    },
    clearTimeout: (h: unknown) => {
      if (h === due) due = undefined
    },
  }
  let pulls = 0
  const sync = async (scope?: PullScope) => {
    await fresh()
    pulls++
    const r = await pullChanges(deps, scope)
    return r.ok
      ? ({ ok: true, value: { push: {} as never, pull: r.value } } as const)
      : ({ ok: false, error: r.error } as const)
  }
  const settings = { pullIntervalMinutes: 15, safetyPollHours: 6 }
  const loop =
    scenario === 'today'
      ? everyInterval(settings.pullIntervalMinutes * 60_000, () => sync(), timers)
      : new PollLoop({
          syncNow: () => sync(),
          settings: async () => settings,
          now: () => clock.now(),
          timers,
          online: () => true,
        })
  const end = clock.now() + DAYS * DAY
  const customer = (
    (await admin('GET', `/companies/${SMALL_REALM_ID}`))['entities'] as Record<
      string,
      { Id: string; Active?: boolean; Job?: boolean }[]
    >
  )['Customer']!.find((c) => c.Active !== false && !c.Job)!
  let nextNotice = scenario === 'arriving' ? clock.now() + 10 * 3600_000 : Infinity
  loop.start()
  await new Promise<void>((r) => (due ? r() : (armed = r)))
  while (due && Math.min(due.at, nextNotice) < end) {
    if (nextNotice <= due.at) {
      clock.advance(nextNotice - clock.now())
      await admin('PATCH', `/companies/${SMALL_REALM_ID}/Customer/${customer.Id}`, { Notes: `Day ${pulls}` })
      // The edge's notice, as the engine's session poll would see it a few seconds later.
      clock.advance(5_000)
      loop.noticed()
      await sync(scopeOfNotice([{ entity: 'Customer', id: customer.Id, operation: 'Update' }]))
      nextNotice += DAY
      continue
    }
    const { at, fn } = due
    clock.advance(Math.max(0, at - clock.now()))
    const next = new Promise<void>((r) => (armed = r))
    due = undefined
    fn()
    await next
  }
  loop.stop()
  await emu.close()
  return { reads, pulls, initial }
}

/** The engine's fixed pull interval before the schedule (`SyncEngine.start`'s setInterval), on the same timers. */
function everyInterval(
  ms: number,
  syncNow: () => Promise<unknown>,
  timers: { setTimeout(fn: () => void, ms: number): unknown },
): Pick<PollLoop, 'start' | 'stop' | 'noticed'> {
  let on = false
  const tick = async () => {
    if (!on) return
    await syncNow()
    timers.setTimeout(() => void tick(), ms)
  }
  return {
    start: () => ((on = true), void timers.setTimeout(() => void tick(), ms)),
    stop: () => void (on = false),
    noticed: () => {},
  }
}

export async function run(): Promise<string> {
  const rows: string[] = []
  for (const [scenario, label] of [
    ['today', 'Today: a pull every 15 minutes'],
    ['silent', 'Webhooks silent (idle: nothing changes)'],
    ['arriving', 'Webhooks arriving (one change a day, its notice pulled by Id)'],
  ] as const) {
    process.stderr.write(`qbo-reads: ${scenario}…\n`)
    const r = await simulate(scenario)
    rows.push(`| ${label} | ${r.pulls} | ${r.reads} | ${r.reads <= 500 ? 'yes' : 'no'} | ${r.initial} |`)
  }
  return [
    `QuickBooks reads per company over ${DAYS} simulated days, app open around the clock, emulator small company:`,
    '',
    '| Scenario | Pulls | QuickBooks reads | ≤ 500 | Initial sync reads (once) |',
    '| --- | --: | --: | :-: | --: |',
    ...rows,
  ].join('\n')
}

if (import.meta.url === `file://${process.argv[1]}`) console.log(await run())
