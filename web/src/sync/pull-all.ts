/**
 * Paged reads of one QuickBooks entity: `SELECT * FROM entity WHERE …` a page at a time until a short page.
 * @module
 */
import { ok, type Result } from '#shared/result.ts'
import type { SyncFault } from './core/index.ts'
import type { QboEntityName, QboGateway } from './ports.ts'

export const PAGE_SIZE = 1000

/** Pages through `SELECT * FROM entity WHERE …` until a page comes back short. */
export async function pullAll<T>(
  gateway: QboGateway,
  entity: QboEntityName | 'Account',
  where: string,
  /** Each page's row count, and QuickBooks' time when it answered (the gateway lifts it onto the body). */
  onPage?: (rows: number, time: string | undefined) => void,
): Promise<Result<T[], SyncFault>> {
  const out: T[] = []
  for (let start = 1; ; start += PAGE_SIZE) {
    const r = await gateway.query(
      `SELECT * FROM ${entity} WHERE ${where} STARTPOSITION ${start} MAXRESULTS ${PAGE_SIZE}`,
    )
    if (!r.ok) return r
    const page = ((r.value as Record<string, unknown>)[entity] as T[] | undefined) ?? []
    out.push(...page)
    onPage?.(page.length, (r.value as { time?: string }).time)
    if (page.length < PAGE_SIZE) return ok(out)
  }
}
