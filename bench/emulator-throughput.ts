// Throughput of the QuickBooks emulator itself, so it is never the bottleneck of another benchmark.
// The emulator runs as its own process (as under `npm start`) with its limits lifted through the admin
// API. Two workloads:
//  - a simple authenticated read (GET customer by id) on the small seed, 16 in flight;
//  - a sync-shaped mix on the large seed (10,000 customers, 10,000 invoices), 10 in flight (Intuit's
//    concurrency limit): query pages of 1000 rows paged with STARTPOSITION, batches of 30 creates, and
//    CDC over what the batches changed.
// Rerun: npm run bench (or: npx node bench/emulator-throughput.ts)
import { spawn } from 'node:child_process'

const rounds = 5
const readsPerRound = 4_000
const readsInFlight = 16
const mixInFlight = 10
const pageSize = 1000
const batchSize = 30

interface Process {
  url: string
  stop: () => void
}

async function startProcess(seed: 'small' | 'large'): Promise<Process> {
  const child = spawn(process.execPath, ['e2e/qbo-emulator/src/serve.ts', '--port', '0', '--seed', seed], {
    stdio: ['ignore', 'pipe', 'inherit'],
  })
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

/**
 * A connected company with limits lifted: `call` sends one authenticated API request and returns its JSON;
 * `fetchText` returns the body unparsed, checking it starts with `expect`, so the client (on the same
 * two cores) does not spend its time parsing megabytes of rows the emulator is being measured on.
 */
async function connectTo(emu: Process) {
  await adminJson(`${emu.url}/__admin/limits`, 'PUT', {
    requestsPerWindow: 1_000_000_000,
    batchPerWindow: 1_000_000_000,
    concurrent: 10_000,
  })
  const companies = (await (await fetch(`${emu.url}/__admin/companies`)).json()) as { realmId: string }[]
  const realmId = companies[0]!.realmId
  const t = await adminJson(`${emu.url}/__admin/tokens/connect`, 'POST', { realmId })
  const headers = { Authorization: `Bearer ${String(t.access_token)}`, Accept: 'application/json' }
  const base = `${emu.url}/v3/company/${realmId}`
  const call = async (path: string, body?: unknown): Promise<Record<string, unknown>> => {
    const res = await fetch(
      `${base}${path}`,
      body === undefined
        ? { headers }
        : { method: 'POST', headers: { ...headers, 'Content-Type': 'application/json' }, body: JSON.stringify(body) },
    )
    const json = (await res.json()) as Record<string, unknown>
    if (res.status !== 200 || 'Fault' in json)
      throw new Error(`${path} answered ${res.status}: ${JSON.stringify(json).slice(0, 300)}`)
    return json
  }
  const fetchText = async (path: string, expect: string): Promise<string> => {
    const res = await fetch(`${base}${path}`, { headers })
    const text = await res.text()
    if (res.status !== 200 || !text.startsWith(expect))
      throw new Error(`${path} answered ${res.status}: ${text.slice(0, 300)}`)
    return text
  }
  return { call, fetchText, base, headers }
}

/** Runs `n` requests with `inFlight` workers; returns requests per second. */
async function timed(n: number, inFlight: number, request: (i: number) => Promise<unknown>): Promise<number> {
  let next = 0
  const worker = async () => {
    while (next < n) await request(next++)
  }
  const t0 = performance.now()
  await Promise.all(Array.from({ length: inFlight }, worker))
  return n / ((performance.now() - t0) / 1000)
}

const f = (n: number) => Math.round(n).toLocaleString('en-US')
const stats = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b)
  return { min: s[0]!, median: s[Math.floor(s.length / 2)]!, max: s.at(-1)! }
}

async function reads(): Promise<number[]> {
  const emu = await startProcess('small')
  try {
    const { base, headers } = await connectTo(emu)
    const path = `${base}/customer/1?minorversion=75`
    const read = async () => {
      const res = await fetch(path, { headers })
      await res.arrayBuffer()
      if (res.status !== 200) throw new Error(`read answered ${res.status}`)
    }
    await timed(readsPerRound, readsInFlight, read) // warm-up
    const rates: number[] = []
    for (let i = 0; i < rounds; i++) rates.push(await timed(readsPerRound, readsInFlight, read))
    return rates
  } finally {
    emu.stop()
  }
}

interface MixResult {
  pages: number[]
  batches: number[]
  cdc: number[]
  cdcObjects: number
}

async function mix(): Promise<MixResult> {
  const emu = await startProcess('large')
  try {
    const { call, fetchText } = await connectTo(emu)
    const q = (text: string) => call(`/query?query=${encodeURIComponent(text)}&minorversion=75`)
    const since = new Date(Date.now() - 60_000).toISOString()
    const customer = (
      (await q('SELECT * FROM Customer WHERE Active = true MAXRESULTS 1')).QueryResponse as {
        Customer: { Id: string }[]
      }
    ).Customer[0]!.Id
    const item = (
      (await q("SELECT * FROM Item WHERE Active = true AND Type = 'Service' MAXRESULTS 1")).QueryResponse as {
        Item: { Id: string; UnitPrice: number }[]
      }
    ).Item[0]!

    // Pull-shaped: every 1000-row page of customers and invoices, as an initial sync reads them.
    const pages = [
      ...Array.from({ length: 10 }, (_, i) => `Customer STARTPOSITION ${1 + i * pageSize}`),
      ...Array.from({ length: 10 }, (_, i) => `Invoice STARTPOSITION ${1 + i * pageSize}`),
    ]
    const page = (i: number) =>
      fetchText(
        `/query?query=${encodeURIComponent(`SELECT * FROM ${pages[i % pages.length]} MAXRESULTS ${pageSize}`)}&minorversion=75`,
        '{"QueryResponse":{"',
      )
    // Push-shaped: batches of 30 creates, half customers and half invoices, as the initial sync sends them.
    let created = 0
    const batch = () => {
      const items = Array.from({ length: batchSize }, (_, k) => {
        const n = created++
        return k % 2 === 0
          ? { bId: `c${k}`, operation: 'create', Customer: { DisplayName: `Bench Customer ${n}` } }
          : {
              bId: `i${k}`,
              operation: 'create',
              Invoice: {
                CustomerRef: { value: customer },
                Line: [
                  {
                    DetailType: 'SalesItemLineDetail',
                    Amount: item.UnitPrice,
                    SalesItemLineDetail: { ItemRef: { value: item.Id }, Qty: 1, UnitPrice: item.UnitPrice },
                  },
                ],
              },
            }
      })
      return call('/batch?minorversion=75', { BatchItemRequest: items }).then((r) => {
        for (const it of r.BatchItemResponse as Record<string, unknown>[])
          if ('Fault' in it) throw new Error(`batch item faulted: ${JSON.stringify(it).slice(0, 300)}`)
      })
    }
    // Incremental: CDC over what the batches changed (up to 1000 objects per entity).
    const cdcPath = `/cdc?entities=Customer,Item,Invoice,Payment&changedSince=${encodeURIComponent(since)}&minorversion=75`
    const cdc = () => fetchText(cdcPath, '{"CDCResponse":[')
    const countObjects = async () => {
      const r = await call(cdcPath)
      const sections = (r.CDCResponse as { QueryResponse: Record<string, unknown>[] }[])[0]?.QueryResponse ?? []
      return sections.reduce(
        (sum, s) =>
          sum +
          Object.values(s)
            .filter(Array.isArray)
            .reduce((a, v) => a + (v as unknown[]).length, 0),
        0,
      )
    }

    const out: MixResult = { pages: [], batches: [], cdc: [], cdcObjects: 0 }
    await timed(pages.length, mixInFlight, page) // warm-up
    for (let i = 0; i < rounds; i++) out.pages.push(await timed(pages.length * 2, mixInFlight, page))
    await timed(20, mixInFlight, batch)
    for (let i = 0; i < rounds; i++) out.batches.push(await timed(40, mixInFlight, batch))
    await timed(10, mixInFlight, cdc)
    for (let i = 0; i < rounds; i++) out.cdc.push(await timed(40, mixInFlight, cdc))
    out.cdcObjects = await countObjects()
    return out
  } finally {
    emu.stop()
  }
}

export async function run(): Promise<string> {
  const r = stats(await reads())
  const m = await mix()
  const row = (what: string, xs: number[], perRequest: number, unit: string) => {
    const s = stats(xs)
    return `| ${what} | ${f(s.min)} | ${f(s.median)} | ${f(s.max)} | ${f(s.median * perRequest)} ${unit} |`
  }
  return [
    `Emulator throughput with bearer auth, limits (lifted) and the request log on, emulator in its own process, ${rounds} rounds after a warm-up:`,
    '',
    '| workload | min req/s | median req/s | max req/s | median work/s |',
    '|---|---:|---:|---:|---:|',
    `| GET customer by id, small seed, ${readsInFlight} in flight, ${f(readsPerRound)} per round | ${f(r.min)} | ${f(r.median)} | ${f(r.max)} | — |`,
    row(
      `query page of ${pageSize} (Customer, Invoice; STARTPOSITION), large seed, ${mixInFlight} in flight, 40 per round`,
      m.pages,
      pageSize,
      'rows',
    ),
    row(
      `batch of ${batchSize} creates (15 customers + 15 invoices), large seed, ${mixInFlight} in flight, 40 per round`,
      m.batches,
      batchSize,
      'creates',
    ),
    row(
      `CDC Customer,Item,Invoice,Payment over the batches' changes (${f(m.cdcObjects)} objects each), ${mixInFlight} in flight, 40 per round`,
      m.cdc,
      m.cdcObjects,
      'objects',
    ),
    '',
    'Intuit allows 500 requests and 40 batch calls per minute per company: at a time scale of 60 that is 500 req/s and 40 batches/s.',
  ].join('\n')
}

if (import.meta.main) console.log(await run())
