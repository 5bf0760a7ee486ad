// Throughput of the QuickBooks emulator itself, so it is never the bottleneck of another benchmark:
// the emulator runs as its own process (as under `npm start`), limits lifted through its admin API,
// and a client keeps N requests in flight on a simple authenticated read (GET customer by id).
// Rerun: npm run bench (or: npx node bench/emulator-throughput.ts)
import { spawn } from 'node:child_process'

const rounds = 5
const requestsPerRound = 4_000
const inFlight = 16

async function startProcess(): Promise<{ url: string; stop: () => void }> {
  const child = spawn(process.execPath, ['e2e/qbo-emulator/src/serve.ts', '--port', '0', '--seed', 'small'], { stdio: ['ignore', 'pipe', 'inherit'] })
  const url = await new Promise<string>((resolve, reject) => {
    let out = ''
    child.stdout.on('data', (chunk: Buffer) => {
      out += chunk.toString()
      const m = /listening on (http:\/\/\S+)/.exec(out)
      if (m) resolve(m[1]!)
    })
    child.on('exit', (code) => reject(new Error(`emulator exited with ${code}`)))
  })
  return { url, stop: () => child.kill('SIGTERM') }
}

async function adminJson(url: string, method: string, body: unknown): Promise<Record<string, unknown>> {
  const res = await fetch(url, { method, headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(body) })
  if (!res.ok) throw new Error(`${method} ${url} answered ${res.status}: ${await res.text()}`)
  return (await res.json()) as Record<string, unknown>
}

async function round(url: string, token: string, path: string): Promise<number> {
  let next = 0
  let failures = 0
  const worker = async () => {
    while (next < requestsPerRound) {
      next++
      const res = await fetch(`${url}${path}`, { headers: { Authorization: `Bearer ${token}`, Accept: 'application/json' } })
      await res.arrayBuffer()
      if (res.status !== 200) failures++
    }
  }
  const t0 = performance.now()
  await Promise.all(Array.from({ length: inFlight }, worker))
  const seconds = (performance.now() - t0) / 1000
  if (failures > 0) throw new Error(`${failures} requests failed`)
  return requestsPerRound / seconds
}

export async function run(): Promise<string> {
  const emu = await startProcess()
  try {
    await adminJson(`${emu.url}/__admin/limits`, 'PUT', { requestsPerWindow: 1_000_000_000, concurrent: 10_000 })
    const companies = (await (await fetch(`${emu.url}/__admin/companies`)).json()) as { realmId: string }[]
    const realmId = companies[0]!.realmId
    const t = await adminJson(`${emu.url}/__admin/tokens/connect`, 'POST', { realmId })
    const customerId = '1'
    const path = `/v3/company/${realmId}/customer/${customerId}?minorversion=75`
    const first = await fetch(`${emu.url}${path}`, { headers: { Authorization: `Bearer ${String(t.access_token)}`, Accept: 'application/json' } })
    if (first.status !== 200) throw new Error(`warm-up read answered ${first.status}`)
    await round(emu.url, String(t.access_token), path) // warm-up
    const rates: number[] = []
    for (let i = 0; i < rounds; i++) rates.push(await round(emu.url, String(t.access_token), path))
    rates.sort((a, b) => a - b)
    const f = (n: number) => Math.round(n).toLocaleString('en-US')
    return [
      `Emulator throughput, GET customer by id with bearer auth, limits and request log on; ${inFlight} in flight, ${rounds} rounds of ${requestsPerRound} requests, emulator in its own process:`,
      '',
      '| min req/s | median req/s | max req/s |',
      '|---|---|---|',
      `| ${f(rates[0]!)} | ${f(rates[Math.floor(rates.length / 2)]!)} | ${f(rates.at(-1)!)} |`,
      '',
      `Intuit allows 500 requests per minute per company, about ${f(500 / 60)} req/s.`,
    ].join('\n')
  } finally {
    emu.stop()
  }
}

if (import.meta.main) console.log(await run())
