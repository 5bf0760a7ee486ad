/**
 * Demo data, from the Settings button or the `?demo=1` URL flag (used by tests
 * and screenshots). The records come from the data layer, which only fills an
 * empty app, so reloading with the flag never adds them twice.
 */
import { demoRequested, loadDemoData } from '../db/demo-data.ts'
import type { DemoSummary } from '../db/demo-data.ts'
import type { FieldsyncDB } from '../db/schema.ts'
import type { Result } from '#shared/result.ts'

export type DemoOutcome = Result<string, { kind: 'refused' | 'failed'; message: string }>

export function describeDemo(s: DemoSummary): string {
  return `Added ${s.contacts} contacts, ${s.items} items, ${s.invoices} invoices and ${s.payments} payments.`
}

export async function loadDemo(db: FieldsyncDB): Promise<DemoOutcome> {
  try {
    const r = await loadDemoData(db)
    if (r.ok) return { ok: true, value: describeDemo(r.value) }
    return {
      ok: false,
      error: { kind: r.error.kind === 'invalid_state' ? 'refused' : 'failed', message: r.error.message },
    }
  } catch (e) {
    return {
      ok: false,
      error: { kind: 'failed', message: `Demo data could not be added: ${e instanceof Error ? e.message : String(e)}` },
    }
  }
}

/** True when the page was opened with `?demo=1` (before or after the hash route). */
export function demoFlag(href: string = location.href): boolean {
  return demoRequested(href)
}
