import { readdirSync, readFileSync } from 'node:fs'
import { basename, dirname, join, relative } from 'node:path'
import { describe, expect, it } from 'vitest'
import { z } from 'zod'
import { classifyQboPayload } from './classify-payload.ts'
import { qboFixturesDir } from '#fixtures/qbo-fixtures.ts'

// Every recorded Intuit payload must parse with the schema its shape implies, and come
// out of the parse unchanged (unknown fields kept). A new fixture is picked up as is.

const fixturesDir = qboFixturesDir

function jsonFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name)
    if (entry.isDirectory()) return jsonFiles(path)
    return entry.name.endsWith('.json') ? [path] : []
  })
}

describe('recorded QuickBooks payloads', () => {
  const files = jsonFiles(fixturesDir).sort()

  it('finds fixtures to check', () => {
    expect(files.length).toBeGreaterThan(0)
  })

  for (const file of files) {
    const name = relative(fixturesDir, file)
    it(name, () => {
      const body: unknown = JSON.parse(readFileSync(file, 'utf8'))
      const kind = classifyQboPayload(body, basename(dirname(file)))
      if (!kind) throw new Error(`unclassifiable fixture: ${name} (no known top-level key or entity folder)`)
      const parsed = kind.schema.safeParse(body)
      if (!parsed.success) throw new Error(`${name} as ${kind.name}:\n${z.prettifyError(parsed.error)}`)
      expect(parsed.data).toStrictEqual(body)
    })
  }
})
