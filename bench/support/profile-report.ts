/**
 * Where a page's CPU profile (FIELDSYNC_BENCH_PROFILE of the browser benchmarks) spent its time, by source file
 * and function of the app rather than by minified chunk position: self time per source file, and time per
 * function with its callees (each function counted once per sample).
 *
 * Run: `npx vite build --sourcemap --outDir /tmp/maps` on the same commit, then
 * `npx node bench/support/profile-report.ts file.cpuprofile /tmp/maps [top]`.
 * @module
 */
import { readFile, readdir } from 'node:fs/promises'
import { join } from 'node:path'
import { SourceMapConsumer } from 'source-map-js'

type Frame = { functionName: string; url: string; lineNumber: number; columnNumber: number }
type Node = { id: number; callFrame: Frame; children?: number[] }
type Profile = { nodes: Node[]; samples: number[]; timeDeltas: number[] }

const [file, mapsDir, topArg, bucketArg] = process.argv.slice(2)
if (!file || !mapsDir) throw new Error('usage: profile-report.ts file.cpuprofile maps-dir [top] [timeline-bucket-ms]')
const TOP = Number(topArg ?? 40)
/** With a bucket size, also a timeline: busy ms per bucket and the app functions charged most in it. */
const BUCKET = bucketArg ? Number(bucketArg) : undefined
const profile = JSON.parse(await readFile(file, 'utf8')) as Profile

// Chunks are matched by name without their hash: `db-CQ56CauR.js` → `db`.
const chunkName = (url: string) =>
  url
    .split('/')
    .pop()
    ?.replace(/-[\w-]{8}\.js$/, '') ?? ''
const maps = new Map<string, SourceMapConsumer>()
for (const f of await readdir(join(mapsDir, 'assets'))) {
  if (f.endsWith('.js.map'))
    maps.set(
      chunkName(f.slice(0, -4)),
      new SourceMapConsumer(JSON.parse(await readFile(join(mapsDir, 'assets', f), 'utf8'))),
    )
}
const where = (f: Frame): { fn: string; src: string } => {
  const m = maps.get(chunkName(f.url))
  if (!m)
    return {
      fn: `${f.functionName || '(anon)'} ${f.url ? chunkName(f.url) : ''}`,
      src: f.url ? chunkName(f.url) : '(native)',
    }
  const p = m.originalPositionFor({ line: f.lineNumber + 1, column: f.columnNumber })
  const src = (p.source ?? '?').replace(/^.*?(web\/src|node_modules)\//, '$1/')
  return { fn: `${p.name ?? f.functionName ?? '(anon)'} ${src}:${p.line ?? 0}`, src }
}

const byId = new Map(profile.nodes.map((n) => [n.id, n]))
const parent = new Map<number, number>()
for (const n of profile.nodes) for (const c of n.children ?? []) parent.set(c, n.id)
const key = new Map<number, { fn: string; src: string }>()
for (const n of profile.nodes) key.set(n.id, where(n.callFrame))

const self = new Map<string, number>()
const total = new Map<string, number>()
let busy = 0
profile.samples.forEach((id, i) => {
  const dt = (profile.timeDeltas[i + 1] ?? 0) / 1000
  const name = byId.get(id)!.callFrame.functionName
  if (name === '(idle)' || name === '(program)') return
  busy += dt
  const k = key.get(id)!
  self.set(k.src, (self.get(k.src) ?? 0) + dt)
  const seen = new Set<string>()
  for (let n: number | undefined = id; n !== undefined; n = parent.get(n)) {
    const fn = key.get(n)!.fn
    if (seen.has(fn)) continue
    seen.add(fn)
    total.set(fn, (total.get(fn) ?? 0) + dt)
  }
})
// Each sample charged to the nearest function of the app above it (what app code asked for that work).
const nearest = new Map<string, number>()
const buckets = new Map<number, Map<string, number>>()
let clock = 0
profile.samples.forEach((id, i) => {
  const dt = (profile.timeDeltas[i + 1] ?? 0) / 1000
  clock += (profile.timeDeltas[i] ?? 0) / 1000
  const name = byId.get(id)!.callFrame.functionName
  if (name === '(idle)' || name === '(program)') return
  let k = `(no app frame) ${key.get(id)!.fn}`
  for (let n: number | undefined = id; n !== undefined; n = parent.get(n)) {
    const f = key.get(n)!
    if (f.src.startsWith('web/src')) {
      k = f.fn
      break
    }
  }
  nearest.set(k, (nearest.get(k) ?? 0) + dt)
  if (BUCKET) {
    const b = Math.floor(clock / BUCKET)
    const m = buckets.get(b) ?? new Map<string, number>()
    m.set(k, (m.get(k) ?? 0) + dt)
    buckets.set(b, m)
  }
})
const show = (m: Map<string, number>) =>
  [...m]
    .sort((a, b) => b[1] - a[1])
    .slice(0, TOP)
    .map(([k, v]) => `${v.toFixed(0).padStart(8)} ms  ${k}`)
    .join('\n')
console.log(
  `busy (not idle, not program): ${busy.toFixed(0)} ms\n\nself time by source file:\n${show(self)}\n\nwith callees, by function:\n${show(total)}\n\ncharged to the nearest app function:\n${show(nearest)}`,
)
if (BUCKET) {
  console.log('\ntimeline (busy ms per bucket, the app functions charged most):')
  for (const [b, m] of [...buckets].sort((x, y) => x[0] - y[0])) {
    const busyMs = [...m.values()].reduce((a, v) => a + v, 0)
    const top = [...m].sort((x, y) => y[1] - x[1]).slice(0, 3)
    const label = (k: string) => k.replace(/^\(no app frame\) /, '')
    console.log(
      `${((b * BUCKET) / 1000).toFixed(2).padStart(6)} s  busy ${busyMs.toFixed(0).padStart(4)} ms  ${top.map(([k, v]) => `${label(k)} ${v.toFixed(0)}`).join(' | ')}`,
    )
  }
}
