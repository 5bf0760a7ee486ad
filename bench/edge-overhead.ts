// What the edge adds to a proxied QuickBooks call: the same read (GET customer by id) sent straight
// to the emulator with a bearer token, and through the edge under `wrangler dev` with the session
// cookie (session check, allowlist, Durable Object RPC, pacer, token, upstream fetch). Both run as
// separate processes, as under `npm start`; the emulator's and the pacer's limits are lifted so only
// the edge's own work is measured. Calls alternate one at a time, so neither side gets a warm streak.
// Rerun: npm run bench (or: npx node bench/edge-overhead.ts); FIELDSYNC_BENCH_EDGE_CALLS sets calls per round.
import { spawn, type ChildProcess } from 'node:child_process'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { emulatorVars } from '../scripts/edge-vars.ts'
import { connectThroughEdge, freePort } from '../e2e/support/edge-worker.ts'

const rounds = 3
const callsPerRound = Number(process.env.FIELDSYNC_BENCH_EDGE_CALLS ?? 400)
const warmup = 50
const quiet = { WRANGLER_SEND_METRICS: 'false', CLOUDFLARE_CF_FETCH_ENABLED: 'false', WRANGLER_HIDE_BANNER: 'true' }

function start(cmd: string, args: string[], env: Record<string, string> = {}): ChildProcess {
  // Own process group, so wrangler's workerd goes with it.
  return spawn(cmd, args, { detached: true, stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, ...env } })
}

function stop(child: ChildProcess): void {
  try {
    if (child.pid !== undefined) process.kill(-child.pid, 'SIGTERM')
  } catch {
    // already gone
  }
}

async function waitFor(url: string, what: string): Promise<void> {
  const deadline = Date.now() + 60_000
  while (Date.now() < deadline) {
    try {
      if ((await fetch(url)).status < 500) return
    } catch {
      // not up yet
    }
    await new Promise((r) => setTimeout(r, 200))
  }
  throw new Error(`${what} did not start at ${url}`)
}

async function json(url: string, init: RequestInit = {}): Promise<Record<string, unknown>> {
  const res = await fetch(url, { ...init, headers: { 'Content-Type': 'application/json', ...(init.headers ?? {}) } })
  if (!res.ok) throw new Error(`${init.method ?? 'GET'} ${url} answered ${res.status}: ${await res.text()}`)
  return (await res.json()) as Record<string, unknown>
}

const percentile = (sorted: number[], p: number) =>
  sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!
const fmt = (n: number) => n.toFixed(2)

const serverTimings: Array<Record<string, number>> = []

async function timed(url: string, headers: Record<string, string>): Promise<number> {
  const t0 = performance.now()
  const res = await fetch(url, { headers })
  await res.arrayBuffer()
  const ms = performance.now() - t0
  if (res.status !== 200) throw new Error(`${url} answered ${res.status}`)
  const st = res.headers.get('server-timing')
  if (st)
    serverTimings.push(
      Object.fromEntries([...st.matchAll(/(\w+);dur=(\d+(?:\.\d+)?)/g)].map((m) => [m[1]!, Number(m[2])])),
    )
  return ms
}

export async function run(): Promise<string> {
  const [emuPort, edgePort] = [await freePort(), await freePort()]
  const emulator = `http://127.0.0.1:${emuPort}`
  const edge = `http://127.0.0.1:${edgePort}`
  const persist = mkdtempSync(join(tmpdir(), 'fieldsync-edge-bench-'))
  const children: ChildProcess[] = []
  try {
    children.push(
      start(process.execPath, [
        'e2e/qbo-emulator/src/serve.ts',
        '--port',
        String(emuPort),
        '--seed',
        'small',
        '--redirect-uri',
        `${edge}/auth/intuit/callback`,
      ]),
    )
    await waitFor(`${emulator}/health`, 'emulator')
    await json(`${emulator}/__admin/limits`, {
      method: 'PUT',
      body: JSON.stringify({ requestsPerWindow: 1_000_000, concurrent: 1_000, batchPerWindow: 1_000_000 }),
    })
    const vars = { ...emulatorVars(emulator, edge), PACER_REQUESTS_PER_MINUTE: '1000000', PACER_MAX_IN_FLIGHT: '1000' }
    children.push(
      start(
        'wrangler',
        [
          'dev',
          '--ip',
          '127.0.0.1',
          '--port',
          String(edgePort),
          '--inspector-port',
          String(await freePort()),
          '--persist-to',
          persist,
          '--show-interactive-dev-session=false',
          '--log-level',
          'warn',
          ...Object.entries(vars).flatMap(([k, v]) => ['--var', `${k}:${v}`]),
        ],
        quiet,
      ),
    )
    await waitFor(`${edge}/health`, 'edge (wrangler dev)')

    const companies = (await (await fetch(`${emulator}/__admin/companies`)).json()) as Array<{ realmId: string }>
    const realmId = companies[0]!.realmId
    const token = (
      await json(`${emulator}/__admin/tokens/connect`, { method: 'POST', body: JSON.stringify({ realmId }) })
    ).access_token as string
    const cookie = await connectThroughEdge(edge, emulator, realmId)

    const direct = () =>
      timed(`${emulator}/v3/company/${realmId}/customer/1?minorversion=75`, {
        Authorization: `Bearer ${token}`,
        Accept: 'application/json',
      })
    const proxied = () => timed(`${edge}/api/qbo/${realmId}/customer/1`, { cookie })
    for (let i = 0; i < warmup; i++) {
      await direct()
      await proxied()
    }
    // Baseline: what `wrangler dev` itself costs, on a route that does no work.
    const health: number[] = []
    for (let i = 0; i < callsPerRound; i++) health.push(await timed(`${edge}/health`, {}))
    health.sort((a, b) => a - b)
    serverTimings.length = 0
    const results: Array<{ direct: number[]; edge: number[] }> = []
    for (let r = 0; r < rounds; r++) {
      const d: number[] = []
      const e: number[] = []
      for (let i = 0; i < callsPerRound; i++) {
        // Alternate which goes first, so neither always follows the other.
        if (i % 2 === 0) {
          d.push(await direct())
          e.push(await proxied())
        } else {
          e.push(await proxied())
          d.push(await direct())
        }
      }
      results.push({ direct: d.sort((a, b) => a - b), edge: e.sort((a, b) => a - b) })
    }

    const rows = results.map((r, i) => {
      const dm = percentile(r.direct, 50)
      const em = percentile(r.edge, 50)
      const d95 = percentile(r.direct, 95)
      const e95 = percentile(r.edge, 95)
      return { i: i + 1, dm, em, d95, e95, added: em - dm, added95: e95 - d95 }
    })
    const added = rows.map((r) => r.added).sort((a, b) => a - b)
    const added95 = rows.map((r) => r.added95).sort((a, b) => a - b)
    const inside = (name: string) =>
      percentile(
        serverTimings.map((t) => t[name] ?? 0).sort((a, b) => a - b),
        50,
      )
    return [
      `${rounds} rounds × ${callsPerRound} sequential GET customer/1 each way (after ${warmup} warm-up pairs), emulator and \`wrangler dev\` as separate processes on loopback, limits lifted.`,
      '',
      '| round | direct median ms | via edge median ms | added median ms | direct p95 ms | via edge p95 ms | added p95 ms |',
      '| --- | ---: | ---: | ---: | ---: | ---: | ---: |',
      ...rows.map(
        (r) =>
          `| ${r.i} | ${fmt(r.dm)} | ${fmt(r.em)} | ${fmt(r.added)} | ${fmt(r.d95)} | ${fmt(r.e95)} | ${fmt(r.added95)} |`,
      ),
      '',
      `Added by the edge, across rounds (min / median / max): median ${fmt(added[0]!)} / ${fmt(added[1]!)} / ${fmt(added[2]!)} ms; p95 ${fmt(added95[0]!)} / ${fmt(added95[1]!)} / ${fmt(added95[2]!)} ms.`,
      '',
      `Where it goes (medians): \`wrangler dev\` answering \`/health\` (no work) ${fmt(percentile(health, 50))} ms (p95 ${fmt(percentile(health, 95))}); ` +
        `inside the Worker (Server-Timing, whole ms) edge ${inside('edge')} ms, of which QuickBooks fetch from the Durable Object ${inside('qbo')} ms and pacer wait ${inside('pacer')} ms.`,
    ].join('\n')
  } finally {
    for (const c of children) stop(c)
    rmSync(persist, { recursive: true, force: true })
  }
}

if (import.meta.main) console.log(await run())
