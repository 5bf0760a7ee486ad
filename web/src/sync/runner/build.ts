/**
 * The build step: each claimed op's request — the one its claim stored, or the one built for a new request —
 * or its settlement when nothing goes out: a body that cannot be built, a payment over QuickBooks' balance, or
 * an update that changes nothing QuickBooks holds (settled as synced without a call).
 * @module
 */
import type { SentRequest } from '#shared/domain/index.ts'
import { ok } from '#shared/result.ts'
import { rebuiltRequest, requestOf } from '../core/index.ts'
import type { Balances, BodyResult, MapWarning } from '../core/index.ts'
import type { QboEntity } from '../ports.ts'
import { holdPayments } from './balances.ts'
import type { Claimed } from './claim.ts'
import { bodyFor, failed, succeeded } from './commit.ts'
import { mappingOf, recordOf, type RunView, type Settled } from './state.ts'

export interface Built {
  requests: Map<string, SentRequest>
  warnings: Map<string, MapWarning[]>
  settled: Settled[]
  /** The run's balances with this group's payments reserved, when it has any. */
  balances: Balances | undefined
}

export async function buildRequests(run: RunView, c: Claimed): Promise<Built> {
  const out: Built = { requests: new Map(), warnings: new Map(), settled: [], balances: undefined }
  // A payment applying more than an invoice's QuickBooks balance would be refused: say so in plain words instead.
  // Not for a resend: QuickBooks replays its first answer, and if that write went in, the balance counts it already.
  const held = await holdPayments(run, c.fresh ? c.mine.map((m) => m.op) : [])
  out.balances = held.balances
  for (const { op: o, seqs, stored } of c.mine) {
    const built: BodyResult = stored
      ? ok({ body: stored.body as QboEntity, warnings: [] })
      : (c.built.get(o.id) ?? bodyFor(run, o))
    const refused = built.ok ? held.faults.get(o.id) : built.error
    if (refused) {
      out.settled.push(failed(run, o, refused, seqs, true))
      continue
    }
    if (!built.ok) continue
    const { body, warnings } = built.value
    const m = mappingOf(run, o)
    const rec = recordOf(run, o)
    if (body === undefined && m) {
      out.settled.push(succeeded(run, o, { Id: m.qboId, SyncToken: m.syncToken }, seqs, { warnings, unchanged: true }))
    } else if (body !== undefined && rec) {
      out.requests.set(o.id, stored ?? (c.fresh ? requestOf(o, rec, body) : rebuiltRequest(o, rec, body)))
      out.warnings.set(o.id, warnings)
    }
  }
  return out
}
