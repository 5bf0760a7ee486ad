/**
 * One per QuickBooks company (realm), named by its realm id. It alone holds the company's tokens
 * (sealed with AES-GCM in SQLite), refreshes them one at a time, paces every call to Intuit under
 * the realm's limits, and records what webhooks said changed.
 *
 * Single flight: Intuit rotates refresh tokens, so two refreshes with the same token lose the
 * connection. Every caller that needs a refresh awaits the one promise in `#refreshing`, and a
 * caller whose token got a 401 after someone else already refreshed simply uses the new token.
 */
import { DurableObject } from 'cloudflare:workers'
import { err, ok, type Result } from '#shared/result.ts'
import { readConfig, type Config, type Env } from './env.ts'
import { randomBase64Url } from './crypto/base64.ts'
import { open, seal } from './crypto/token-box.ts'
import { APP_METER, appMeterBuffer, migrateMeter, recordAppCalls } from './gate/app-meter.ts'
import { migrateBudget, spend } from './gate/budget.ts'
import {
  notConnected,
  reconnect,
  sessionEnded,
  type Caller,
  type GateStatus,
  type GrantOutcome,
  type Held,
  type TokenOutcome,
} from './gate/outcomes.ts'
import * as store from './gate/store.ts'
import { sendUpstream, unreachable, type GateError, type UpstreamCall, type UpstreamResult } from './gate/upstream.ts'
import { checkCompanyInfo, companyInfoCall } from './gate/verify-grant.ts'
import { revokeToken, TokenPair } from './intuit/oauth-client.ts'
import { refreshWithRetry } from './intuit/refresh-retry.ts'
import { parseStrictJson } from './json/strict-json.ts'
import { Pacer } from './pacer/pacer.ts'
import type { RealmChange } from './webhooks/payload.ts'
import type { Lease, LeaseRequest } from '#shared/api/number-lease.ts'
import { ReadCoalescer } from './gate/coalesce.ts'
import { acceptFeed, broadcast, closed } from './feed/sockets.ts'
import { appendNotice, migrateFeed, type Notice } from './feed/store.ts'
import { writeNotice } from './feed/write-notice.ts'
import { leaseBlock, markUsed, migrateLeases, returnUnused } from './leases/store.ts'
import { claimDelivery, migrateLedger } from './webhooks/replay.ts'

export type { UpstreamCall, UpstreamResult } from './gate/upstream.ts'

export type { Caller, GateStatus, GrantOutcome } from './gate/outcomes.ts'

export class RealmGate extends DurableObject<Env> {
  /** Undefined until first loaded; every later change of the stored pair sets it in the same tick. */
  #held: Held | undefined
  #loading: Promise<Held> | null = null
  #refreshing: Promise<TokenOutcome> | null = null
  #pacer: Pacer | null = null
  #meter = appMeterBuffer(() => this.env.REALM_GATE.getByName(APP_METER))
  /** Refreshes this instance sent to Intuit (observability and tests). */
  refreshCount = 0

  constructor(ctx: DurableObjectState, env: Env) {
    super(ctx, env)
    ctx.blockConcurrencyWhile(async () => {
      store.migrate(ctx.storage.sql)
      migrateBudget(ctx.storage.sql)
      migrateMeter(ctx.storage.sql)
      migrateLedger(ctx.storage.sql)
      migrateLeases(ctx.storage.sql)
      migrateFeed(ctx.storage.sql)
    })
  }

  async ping(): Promise<string> {
    return 'ok'
  }

  /**
   * Takes a fresh grant from the code exchange for this realm, once its access token has read the
   * realm's CompanyInfo (paced like any call here). Only then does it replace the stored grant, whose
   * sessions end, and clear Reconnect; until then the stored grant stays in use and untouched.
   * Returns the new grant's id, which the new session carries, and the company's name.
   */
  async connectGrant(realmId: string, tokens: TokenPair): Promise<GrantOutcome> {
    const check = checkCompanyInfo(await this.#paced(companyInfoCall(realmId), tokens.accessToken, null))
    if (!check.ok) {
      // Another company's tokens have no business lingering. Any other failure may well be this
      // company's own token, and revoking it would end the connection already stored here too.
      if (check.error.kind === 'mismatch') await revokeToken(this.#config(), tokens.refreshToken)
      return check
    }
    const { companyName } = check.value
    const grantId = await this.storeGrant(realmId, tokens, companyName)
    return ok({ grantId, companyName })
  }

  /**
   * Stores a grant as it is, without asking Intuit (tests; the callback goes through
   * {@link connectGrant}). Replaces any older grant and clears Reconnect. Returns the grant's id.
   */
  async storeGrant(realmId: string, tokens: TokenPair, companyName?: string | null): Promise<string> {
    const grantId = randomBase64Url(18)
    const sealed = await this.#seal(realmId, tokens)
    // No await between these writes: nobody sees the new grant under the old company's name.
    store.writeGrant(this.ctx.storage.sql, realmId, grantId, sealed, Date.now())
    if (companyName !== undefined) store.writeCompanyName(this.ctx.storage.sql, companyName)
    this.#held = { kind: 'open', tokens }
    return grantId
  }

  /**
   * What a session of `grantId` may know; a session of an older grant sees no connection. A grant
   * only a reconnect can revive says needsReconnect: Intuit refused its refresh token, that token's
   * time is up, or the sealed pair no longer opens.
   */
  async status(grantId: string | null, changesSince = 0): Promise<GateStatus> {
    const sql = this.ctx.storage.sql
    const held = await this.#load()
    const row = store.readConnection(sql)
    const current = row !== null && row.sealed_tokens !== null && (grantId === null || row.grant_id === grantId)
    const refreshLapsed = row?.refresh_expires_at != null && row.refresh_expires_at <= Date.now()
    const dead = row?.needs_reconnect === 1 || refreshLapsed || held.kind === 'unreadable'
    return {
      connected: current,
      realmId: row?.realm_id ?? null,
      companyName: row?.company_name ?? null,
      refreshExpiresAt: row?.refresh_expires_at ?? null,
      needsReconnect: current && dead,
      changes: { seq: store.latestChangeSeq(sql), entities: store.changesAfter(sql, changesSince) },
    }
  }

  /**
   * Sends one QuickBooks call for a session of `caller.grant`: waits for the pacer, adds a valid
   * access token, refreshes once on 401. The grant is checked again just before each send.
   */
  async forward(caller: Caller, call: UpstreamCall): Promise<UpstreamResult> {
    const row = store.readConnection(this.ctx.storage.sql)
    if (row && row.realm_id !== call.realmId)
      return err({ code: 'realm_mismatch', message: 'This gate holds another company.' })
    if (row && row.sealed_tokens !== null && row.grant_id !== caller.grant) return err(sessionEnded)
    if (call.method === 'GET') return this.#sharedRead(caller, call)
    const result = await this.#send(caller, call)
    this.#wrote(caller, call, result)
    return result
  }

  async #send(caller: Caller, call: UpstreamCall): Promise<UpstreamResult> {
    let token = await this.#accessToken(null)
    if (!token.ok) return token
    let result = await this.#paced(call, token.value, caller)
    if (result.ok && result.value.status === 401) {
      token = await this.#accessToken(token.value)
      if (!token.ok) return token
      result = await this.#paced(call, token.value, caller)
    }
    return result
  }

  /** Revokes the grant at Intuit and wipes the tokens; webhook history stays. Only the grant's own sessions may. */
  async disconnect(grantId: string): Promise<Result<{ revoked: boolean }, GateError>> {
    const sql = this.ctx.storage.sql
    if (store.readConnection(sql)?.grant_id !== grantId) return err(sessionEnded)
    // Wait out a refresh in flight so the token revoked is the live one.
    if (this.#refreshing) await this.#refreshing
    await this.#load()
    // A reconnect may have landed while this waited: its grant is not this session's to wipe. From
    // this check to the wipe there is no await.
    if (store.readConnection(sql)?.grant_id !== grantId) return err(sessionEnded)
    const live = this.#held
    store.wipeTokens(sql, Date.now())
    this.#held = { kind: 'none' }
    const revoked = live?.kind === 'open' ? await revokeToken(this.#config(), live.tokens.refreshToken) : false
    return ok({ revoked })
  }

  /** The webhook ledger instance (WEBHOOK_LEDGER): true the first time a delivery is seen. */
  async claimWebhook(key: string, now: number, windowMs: number): Promise<boolean> {
    return claimDelivery(this.ctx.storage.sql, key, now, windowMs)
  }

  /** The app meter's side ({@link APP_METER} instance): adds a gate's calls to the month's count. */
  async recordAppCalls(month: string, n: number): Promise<{ calls: number; crossed: boolean }> {
    return recordAppCalls(this.ctx.storage.sql, month, n, this.#config().monthlyCallsWarnAt)
  }

  /** Records webhook changes; returns the new highest sequence number. */
  async recordChanges(changes: RealmChange[]): Promise<number> {
    const seq = store.appendChanges(this.ctx.storage.sql, changes, Date.now())
    const entities = changes.map(({ entity, id, operation }) => ({ entity, id, operation }))
    this.#notify({ type: 'changes', origin: 'webhook', deviceId: null, entities })
    return seq
  }

  #config(): Config {
    const r = readConfig(this.env)
    if (!r.ok) throw new Error(r.error.message)
    return r.value
  }

  async #seal(realmId: string, tokens: TokenPair): Promise<store.SealedGrant> {
    const sealed = await seal(this.#config().tokenKeys, realmId, JSON.stringify(tokens))
    return { sealed, accessExpiresAt: tokens.accessExpiresAt, refreshExpiresAt: tokens.refreshExpiresAt }
  }

  /** The held pair, opening the stored one once: concurrent first callers share one read. */
  async #load(): Promise<Held> {
    if (this.#held !== undefined) return this.#held
    this.#loading ??= this.#openStored().finally(() => {
      this.#loading = null
    })
    const opened = await this.#loading
    // A grant stored or a pair refreshed while the blob was opening is newer than what was read.
    this.#held ??= opened
    return this.#held
  }

  async #openStored(): Promise<Held> {
    const row = store.readConnection(this.ctx.storage.sql)
    if (!row || row.sealed_tokens === null) return { kind: 'none' }
    const opened = await open(this.#config().tokenKeys, row.realm_id, row.sealed_tokens)
    if (opened === null) return { kind: 'unreadable' }
    const json = parseStrictJson(opened.plaintext)
    const tokens = TokenPair.safeParse(json.ok ? json.value : undefined)
    if (!tokens.success) return { kind: 'unreadable' }
    // Sealed under the previous key: seal it again under the current one, so that key can go.
    if (opened.stale && row.grant_id !== null) {
      const { sealed } = await this.#seal(row.realm_id, tokens.data)
      store.writeResealed(this.ctx.storage.sql, row.grant_id, sealed, Date.now())
    }
    return { kind: 'open', tokens: tokens.data }
  }

  /**
   * A usable access token. `rejected` is the token Intuit just answered 401 to: if a refresh has
   * replaced it meanwhile the new one is used, otherwise this caller joins (or starts) the one refresh.
   */
  async #accessToken(rejected: string | null): Promise<TokenOutcome> {
    const held = await this.#load()
    // From here to the end no await: the decision and the start of a refresh see one consistent
    // state, so a caller can never refresh with a pair another refresh has just replaced.
    if (store.readConnection(this.ctx.storage.sql)?.needs_reconnect === 1) return reconnect()
    if (this.#refreshing) return this.#refreshing
    if (held.kind === 'unreadable') return reconnect()
    if (held.kind === 'none') return notConnected
    const { tokens } = held
    if (rejected !== null && tokens.accessToken !== rejected) return ok(tokens.accessToken)
    const fresh = tokens.accessExpiresAt - this.#config().refreshMarginMs > Date.now()
    if (rejected === null && fresh) return ok(tokens.accessToken)
    this.#refreshing = this.#refresh(tokens).finally(() => {
      this.#refreshing = null
    })
    return this.#refreshing
  }

  async #refresh(tokens: TokenPair): Promise<TokenOutcome> {
    this.refreshCount++
    const sql = this.ctx.storage.sql
    const started = store.readConnection(sql)
    if (!started || started.sealed_tokens === null) return notConnected
    const { realm_id: realmId, grant_id: grantId } = started
    // A reconnect or disconnect while Intuit answered replaced the pair this refresh started from:
    // its outcome, good or bad, must not land on the new grant.
    const superseded = () => {
      const row = store.readConnection(sql)
      return row === null || row.sealed_tokens === null || row.grant_id !== grantId
    }
    const result = await refreshWithRetry(this.#config(), tokens.refreshToken, superseded)
    if (!result.ok) {
      if (superseded()) return err(sessionEnded)
      console.error('refresh failed', { realmId, kind: result.error.kind, detail: result.error.message })
      if (result.error.kind === 'invalid_grant') {
        store.markNeedsReconnect(sql, Date.now())
        return reconnect()
      }
      // Anything else (Intuit down, client credentials refused) leaves the grant as it was.
      return err(unreachable)
    }
    const sealed = await this.#seal(realmId, result.value)
    if (superseded()) return err(sessionEnded)
    store.writeRefreshed(sql, sealed, Date.now())
    this.#held = { kind: 'open', tokens: result.value }
    return ok(result.value.accessToken)
  }

  /**
   * Waits for the pacer; then, with no await in between, checks that `caller`'s grant is still the
   * stored one (a reconnect while it waited ends its calls) and spends one call of the company's daily
   * budget; sends; and tells the pacer when the call ended (and whether Intuit throttled).
   * `caller` is null for the gate's own check of a grant not stored yet.
   */
  async #paced(call: UpstreamCall, accessToken: string, caller: Caller | null): Promise<UpstreamResult> {
    const config = this.#config()
    const sql = this.ctx.storage.sql
    this.#pacer ??= new Pacer(config.pacer, () => Date.now())
    const pacer = this.#pacer
    const queuedFrom = Date.now()
    const admission = await pacer.acquire(call.kind, caller?.sid ?? '')
    if (!admission.ok) {
      const { retryAfterMs, message } = admission.error
      return err({ code: 'paced', retryAfterMs, message })
    }
    const sentAt = Date.now()
    try {
      if (caller !== null) {
        const row = store.readConnection(sql)
        if (row === null || row.sealed_tokens === null || row.grant_id !== caller.grant) return err(sessionEnded)
      }
      const spent = spend(sql, config.budget, call.method === 'GET' ? 'read' : 'write', sentAt)
      if (!spent.ok) return spent
      this.#meter.add(sentAt)
      const sent = await sendUpstream(config, call, accessToken)
      if (!sent.ok) return sent
      if (sent.value.status === 429) pacer.throttled()
      return ok({ ...sent.value, timing: { queuedMs: sentAt - queuedFrom, upstreamMs: Date.now() - sentAt } })
    } finally {
      pacer.release(admission.value.id)
    }
  }

  // ── Devices in step (docs/feed.md): invoice-number leases, the live feed, shared reads ──

  #reads = new ReadCoalescer<UpstreamResult>({ keep: (r) => r.ok && r.value.status >= 200 && r.value.status < 300 })

  /** The next block of invoice numbers for `deviceId` (routes/numbers.ts). */
  async leaseNumbers(deviceId: string, request: LeaseRequest): Promise<Lease> {
    return leaseBlock(this.ctx.storage, deviceId, request, Date.now())
  }

  /** A removed device's unused numbers go back to be leased again; returns how many. */
  async returnNumbers(deviceId: string): Promise<number> {
    return returnUnused(this.ctx.storage, deviceId, Date.now())
  }

  /** The feed's WebSocket upgrade, built by routes/feed.ts once the session is checked. */
  override async fetch(request: Request): Promise<Response> {
    return acceptFeed(this.ctx, request)
  }

  /** Devices send nothing the gate needs; pings are answered without waking it (see acceptFeed). */
  override async webSocketMessage(): Promise<void> {}

  override async webSocketClose(ws: WebSocket, code: number): Promise<void> {
    closed(ws, code)
  }

  /** Numbers a notice, keeps it for catch-up and sends it to every open device of the company. */
  #notify(notice: Notice): void {
    broadcast(this.ctx, appendNotice(this.ctx.storage.sql, notice, Date.now()))
  }

  /** A read other devices may share; one whose grant a reconnect replaced meanwhile gets no answer. */
  async #sharedRead(caller: Caller, call: UpstreamCall): Promise<UpstreamResult> {
    const answer = await this.#reads.share(readKey(caller, call), caller.sid, () => this.#send(caller, call))
    const row = store.readConnection(this.ctx.storage.sql)
    return row && row.sealed_tokens !== null && row.grant_id !== caller.grant ? err(sessionEnded) : answer
  }

  /** After a proxied write: shared reads from before it are forgotten; a 2xx tells the other devices. */
  #wrote(caller: Caller, call: UpstreamCall, result: UpstreamResult): void {
    this.#reads.forget()
    if (!result.ok || result.value.status < 200 || result.value.status >= 300) return
    const notice = writeNotice(call.path, call.params, call.body, result.value.body)
    markUsed(this.ctx.storage, notice.docNumbers)
    if (notice.entities.length > 0)
      this.#notify({ type: 'changes', origin: 'device', deviceId: caller.sid, entities: notice.entities })
  }
}

/** Reads are the same when their grant, path and parameters are (a replaced grant's reads answer no one else). */
const readKey = (caller: Caller, call: UpstreamCall): string =>
  `${caller.grant} ${call.path}?${new URLSearchParams([...call.params]).toString()}`
