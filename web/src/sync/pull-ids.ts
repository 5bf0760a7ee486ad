/**
 * Named records read by Id, one query per kind (`SELECT * FROM Customer WHERE Id IN (…)`), shaped like one CDC
 * page: what a webhook notice names, and the customers and items a pulled invoice needs.
 * @module
 */
import { ok, type Result } from '#shared/result.ts'
import type { QboCdcQueryResponse } from '#shared/qbo/index.ts'
import type { SyncFault } from './core/index.ts'
import { pullAll } from './pull-all.ts'
import type { QboEntity, QboGateway } from './ports.ts'

const quoted = (id: string) => `'${id.replace(/'/g, "\\'")}'`

export async function readByIds(
  gateway: QboGateway,
  ids: Partial<Record<'Customer' | 'Item' | 'Invoice' | 'Payment', readonly string[]>>,
): Promise<Result<{ changes: QboCdcQueryResponse[]; time: string | undefined }, SyncFault>> {
  const page: Record<string, unknown[]> = {}
  for (const [entity, list] of Object.entries(ids) as ['Customer' | 'Item' | 'Invoice' | 'Payment', string[]][]) {
    if (list.length === 0) continue
    // Inactive ones too: a merged-away or deactivated customer is a change like any other.
    const active = entity === 'Customer' || entity === 'Item' ? ' AND Active IN (true, false)' : ''
    for (let i = 0; i < list.length; i += 500) {
      const where = `Id IN (${list
        .slice(i, i + 500)
        .map(quoted)
        .join(', ')})${active}`
      const rows = await pullAll<QboEntity>(gateway, entity, where)
      if (!rows.ok) return rows
      page[entity] = [...(page[entity] ?? []), ...rows.value]
    }
  }
  return ok({ changes: [page as QboCdcQueryResponse], time: undefined })
}
