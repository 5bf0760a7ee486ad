// The core takes time, ids and randomness from its caller and does no IO. Its tsconfig already keeps DOM and
// Node globals out; this catches what ES2022 itself allows (Date.now, Math.random, argument-less new Date)
// and imports of IO libraries. Type-checked by the root tsconfig (it reads files), not the core's.
import { readdirSync, readFileSync } from 'node:fs'
import { join, relative } from 'node:path'
import { describe, expect, it } from 'vitest'

const root = import.meta.dirname
function sources(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((d) => {
    const p = join(dir, d.name)
    if (d.isDirectory()) return sources(p)
    return d.name.endsWith('.ts') && !d.name.endsWith('.test.ts') && !d.name.endsWith('.d.ts') ? [p] : []
  })
}

const FORBIDDEN: [string, RegExp][] = [
  ['Date.now()', /\bDate\.now\s*\(/],
  ['new Date() without an argument', /\bnew Date\s*\(\s*\)/],
  ['Math.random()', /\bMath\.random\s*\(/],
  ['crypto', /\bcrypto\./],
  ['timers', /\b(setTimeout|setInterval|queueMicrotask)\s*\(/],
  ['an IO or UI library', /from\s+'(dexie|comlink|solid-js|@tanstack\/[^']+|hono)'/],
  ['the app outside the core', /from\s+'\.\.\/\.\.\/(?!\.\.\/)/],
]

describe('the sync core stays pure', () => {
  const files = sources(root)
  it('has source files to check', () => expect(files.length).toBeGreaterThan(10))
  it.each(FORBIDDEN)('uses no %s', (_what, pattern) => {
    const offenders = files.filter((f) => pattern.test(readFileSync(f, 'utf8'))).map((f) => relative(root, f))
    expect(offenders).toStrictEqual([])
  })
})
