/**
 * A QuickBooks company in memory behind the QboGateway port, for the runner's unit tests: Ids and SyncTokens,
 * duplicate names (6240), stale tokens (5010), requestid replay, batches, paged queries, and scripted failures
 * — including "drop", where the write commits and the answer is lost. The emulator-backed tests cover the
 * real wire; this one makes every interleaving cheap to reach.
 * @module
 */
import { err, ok, type Result } from '#shared/result.ts'
import { classifyFault } from '../core/index.ts'
import type { QboBatchItemResponse } from '#shared/qbo/index.ts'
import type { GatewayResult, QboBatchWrite, QboEntity, QboEntityName, QboGateway } from '../ports.ts'

/** What QuickBooks would answer over HTTP when it refuses a write. */
type HttpRefusal = { status: number; body: unknown }

export type Scripted = 'network' | 'drop' | '429' | '500' | '401'

const fault = (code: string, message: string, element = '') => ({
  Fault: { type: 'ValidationFault', Error: [{ code, Message: message, Detail: message, element }] },
})

export class FakeQbo implements QboGateway {
  readonly entities: Record<QboEntityName, Map<string, QboEntity>> = {
    Customer: new Map(),
    Item: new Map(),
    Invoice: new Map(),
    Payment: new Map(),
  }
  readonly seen = new Map<string, unknown>()
  /** Every call, with what a write or batch sent (so tests can check a resend was the identical request). */
  readonly calls: {
    kind: 'write' | 'batch' | 'query' | 'read'
    requestId?: string
    size?: number
    body?: unknown
    statement?: string
  }[] = []
  /** Failures for the next calls, in order (one per call). */
  script: Scripted[] = []
  /** When set, requestids are forgotten (as Intuit may after a long gap). */
  forgetRequestIds = false
  /** Called before each call; throwing from it simulates the process dying there. */
  beforeCall: () => void = () => {}
  #next = 100

  add(entity: QboEntityName, body: QboEntity): QboEntity {
    const e = {
      ...body,
      Id: String(this.#next++),
      SyncToken: '0',
      MetaData: { LastUpdatedTime: '2025-03-14T09:00:00Z' },
    }
    this.entities[entity].set(e.Id, e)
    return e
  }

  /** A bookkeeper's edit in QuickBooks: bumps the SyncToken. */
  edit(entity: QboEntityName, id: string, patch: QboEntity, at = '2025-03-14T12:00:00Z'): void {
    const e = this.entities[entity].get(id)!
    this.entities[entity].set(id, {
      ...e,
      ...patch,
      SyncToken: String(Number(e.SyncToken) + 1),
      MetaData: { LastUpdatedTime: at },
    })
  }

  async write(
    entity: QboEntityName,
    operation: 'create' | 'update' | 'void' | 'delete',
    body: QboEntity,
    requestId: string,
  ): GatewayResult<QboEntity> {
    this.calls.push({ kind: 'write', requestId, body: structuredClone(body) })
    return this.#answer(requestId, () => this.#apply(entity, operation, body))
  }

  async batch(items: readonly QboBatchWrite[], requestId: string): GatewayResult<QboBatchItemResponse[]> {
    this.calls.push({ kind: 'batch', requestId, size: items.length, body: structuredClone(items) })
    return this.#answer(requestId, () =>
      ok(
        items.map((it) => {
          const [name] = Object.keys(it).filter((k) => k !== 'bId' && k !== 'operation') as QboEntityName[]
          const r = this.#apply(name!, it.operation, it[name!]!)
          return (
            r.ok
              ? { bId: it.bId, [name!]: r.value }
              : { bId: it.bId, Fault: (r.error.body as { Fault: unknown }).Fault }
          ) as QboBatchItemResponse
        }),
      ),
    )
  }

  async query(statement: string): GatewayResult<Record<string, unknown>> {
    this.calls.push({ kind: 'query', statement })
    this.beforeCall()
    const m = /FROM (\w+)/i.exec(statement)
    if (!m) return err(classifyFault({ type: 'http', status: 400, body: fault('4000', 'Error parsing query') }))
    // `Field = 'value'` conditions, ANDed (others, such as IN, are not filtered here); a reference (CustomerRef)
    // compares by its value, as Intuit's does.
    const conditions = [...statement.matchAll(/(?:WHERE|AND) ([\w.]+) = '((?:[^'\\]|\\.)*)'/gi)].map(
      (c) => [c[1]!, c[2]!.replace(/\\(.)/g, '$1')] as const,
    )
    const valueOf = (e: QboEntity, field: string) => {
      const v = e[field]
      return v !== null && typeof v === 'object' ? (v as { value?: unknown }).value : v
    }
    // Entities this fake does not hold (Account) answer as an empty company would.
    const rows = [...(this.entities[m[1] as QboEntityName] ?? new Map<string, QboEntity>()).values()].filter((e) =>
      conditions.every(([field, value]) => valueOf(e, field) === value),
    )
    const start = Number(/STARTPOSITION (\d+)/i.exec(statement)?.[1] ?? 1),
      max = Number(/MAXRESULTS (\d+)/i.exec(statement)?.[1] ?? 100)
    const page = rows.slice(start - 1, start - 1 + max)
    return ok(page.length > 0 ? { [m[1]!]: page, startPosition: start, maxResults: page.length } : {})
  }

  async read(entity: QboEntityName, id: string): GatewayResult<QboEntity> {
    this.calls.push({ kind: 'read' })
    this.beforeCall()
    const e = this.entities[entity].get(id)
    return e ? ok(e) : err(classifyFault({ type: 'http', status: 400, body: fault('610', 'Object Not Found') }))
  }

  async cdc(): GatewayResult<{ changes: never[]; time: string }> {
    return ok({ changes: [], time: '2025-03-14T09:00:00Z' })
  }

  #answer<T>(requestId: string, run: () => Result<T, HttpRefusal>): Awaited<GatewayResult<T>> {
    this.beforeCall()
    const scripted = this.script.shift()
    if (scripted === 'network') return err(classifyFault({ type: 'network', message: 'offline' }))
    if (scripted === '429')
      return err(
        classifyFault({
          type: 'http',
          status: 429,
          body:
            '<Fault><Error code="3001"><Message>message=ThrottleExceeded; errorCode=003001; statusCode=429' +
            '</Message></Error></Fault>',
          retryAfterMs: 2000,
        }),
      )
    if (scripted === '500')
      return err(
        classifyFault({ type: 'http', status: 500, body: fault('10000', 'An application error has occurred') }),
      )
    if (scripted === '401')
      return err(classifyFault({ type: 'http', status: 401, body: fault('3200', 'AuthenticationFailed') }))
    let result = this.forgetRequestIds ? undefined : (this.seen.get(requestId) as ReturnType<typeof run> | undefined)
    if (!result) {
      result = run()
      this.seen.set(requestId, result)
    }
    if (scripted === 'drop') return err(classifyFault({ type: 'network', message: 'connection reset' }))
    if (!result.ok) return err(classifyFault({ type: 'http', status: result.error.status, body: result.error.body }))
    return result
  }

  #apply(
    entity: QboEntityName,
    operation: 'create' | 'update' | 'void' | 'delete',
    body: QboEntity,
  ): Result<QboEntity, HttpRefusal> {
    const store = this.entities[entity]
    const nameField = entity === 'Customer' ? 'DisplayName' : entity === 'Item' ? 'Name' : undefined
    if (nameField && body[nameField] !== undefined) {
      const clash = [...store.values()].find((e) => e[nameField] === body[nameField] && e.Id !== body.Id)
      if (clash)
        return err({
          status: 400,
          body: fault('6240', `Duplicate Name Exists Error: The name supplied already exists. : Id=${clash.Id}`),
        })
    }
    if (entity === 'Invoice' && operation === 'create' && body['CustomerRef'] === undefined)
      return err({ status: 400, body: fault('2020', 'Required param missing', 'CustomerRef') })
    if (operation === 'create') {
      const total =
        entity === 'Invoice'
          ? ((body['Line'] as { Amount: number }[]) ?? []).reduce((s, l) => s + l.Amount, 0)
          : undefined
      // No tax setup here: QuickBooks' own tax is 0 whatever was sent, so taxed totals differ from the app's.
      return ok(
        this.add(entity, total === undefined ? body : { ...body, TxnTaxDetail: { TotalTax: 0 }, TotalAmt: total }),
      )
    }
    const current = store.get(String(body.Id))
    if (!current) return err({ status: 400, body: fault('610', 'Object Not Found') })
    if (current.SyncToken !== body.SyncToken) return err({ status: 400, body: fault('5010', 'Stale Object Error') })
    if (operation === 'delete') {
      store.delete(current.Id!)
      return ok({ domain: 'QBO', status: 'Deleted', Id: current.Id })
    }
    const { sparse: _s, ...fields } = body
    const next = {
      ...current,
      ...(operation === 'void' ? { TotalAmt: 0, PrivateNote: 'Voided' } : fields),
      SyncToken: String(Number(current.SyncToken) + 1),
    }
    store.set(next.Id!, next)
    return ok(next)
  }
}
