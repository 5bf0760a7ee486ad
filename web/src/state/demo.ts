/**
 * Demo data, from the Settings button or the `?demo=1` URL flag (used by tests
 * and screenshots). The records themselves come from the data layer.
 */
import type { Result } from '../../../shared/domain/index.ts'
import type { FieldsyncDB } from '../db/schema.ts'

type DemoModule = { loadDemoData: (db: FieldsyncDB) => Promise<unknown> }
// Resolved at build time; empty until the data layer ships its demo set.
const modules = import.meta.glob<DemoModule>('../db/demo.ts')

export async function loadDemo(db: FieldsyncDB): Promise<Result<string, { kind: 'unavailable' | 'failed'; message: string }>> {
  const load = modules['../db/demo.ts']
  if (!load) return { ok: false, error: { kind: 'unavailable', message: 'Demo data is not part of this build.' } }
  try {
    await (await load()).loadDemoData(db)
    return { ok: true, value: 'Demo data added.' }
  } catch (e) {
    return { ok: false, error: { kind: 'failed', message: `Demo data could not be added: ${e instanceof Error ? e.message : String(e)}` } }
  }
}

/** True when the page was opened with `?demo=1`; the flag is then removed so a reload does not add it twice. */
export function takeDemoFlag(loc: Location = location, hist: History = history): boolean {
  const url = new URL(loc.href)
  if (url.searchParams.get('demo') !== '1') return false
  url.searchParams.delete('demo')
  hist.replaceState(hist.state, '', url.pathname + url.search + url.hash)
  return true
}
