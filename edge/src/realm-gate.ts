/**
 * One per QuickBooks company (realm), named by its realm id. It alone holds the company's tokens
 * (sealed with AES-GCM in SQLite), refreshes them one at a time, paces every call to Intuit under
 * the realm's limits, and records what webhooks said changed.
 */
import { DurableObject } from 'cloudflare:workers'
import type { WebhookChange } from '../../shared/api/session.ts'
import { readConfig, type Config, type Env } from './env.ts'
import { open, seal, tokenKey } from './crypto/token-box.ts'
import { refreshTokens, revokeToken, type TokenPair } from './intuit/oauth-client.ts'
import { Pacer } from './pacer/pacer.ts'
import type { CallKind } from './pacer/policy.ts'
import type { RealmChange } from './webhooks/payload.ts'

/** A call to forward, already checked against the allowlist. */
export interface UpstreamCall {
  realmId: string
  method: 'GET' | 'POST'
  /** Below `/v3/company/{realmId}/`, e.g. `invoice/42`. */
  path: string
  /** The caller's query string, without `?`; `minorversion` is set here. */
  search: string
  body: string | null
  contentType: string | null
  kind: CallKind
}

export type GateError = { code: 'not_connected' | 'needs_reconnect' | 'intuit_unavailable' | 'paced' | 'config_missing' | 'realm_mismatch'; message: string; retryAfterMs?: number }

export type UpstreamResult =
  | { ok: true; status: number; headers: Record<string, string>; body: string; timing: { queuedMs: number; upstreamMs: number } }
  | { ok: false; error: GateError }

export interface GateStatus {
  connected: boolean
  realmId: string | null
  companyName: string | null
  refreshExpiresAt: number | null
  needsReconnect: boolean
  changes: { seq: number; entities: WebhookChange[] }
}

type TokenOutcome = { ok: true; accessToken: string } | { ok: false; error: GateError }

interface ConnectionRow extends Record<string, SqlStorageValue> {
  realm_id: string
  company_name: string | null
  sealed_tokens: string | null
  access_expires_at: number | null
  refresh_expires_at: number | null
  needs_reconnect: number
}

const passHeaders = ['content-type', 'intuit_tid', 'qbo-version', 'retry-after']
const MAX_CHANGES_KEPT = 1000
const MAX_CHANGES_LISTED = 200

export class RealmGate extends DurableObject<Env> {
  #tokens: TokenPair | null | undefined
  #refreshing: Promise<TokenOutcome> | null = null
  #pacer: Pacer | null = null
  /** Counts refreshes sent to Intuit by this instance (observability and tests). */
  refreshCount = 0

  constructor(ctx: DurableObjectState, env: Env) {
    super(ctx, env)
    ctx.blockConcurrencyWhile(async () => {
      ctx.storage.sql.exec(`CREATE TABLE IF NOT EXISTS connection (
        id INTEGER PRIMARY KEY CHECK (id = 1),
        realm_id TEXT NOT NULL,
        company_name TEXT,
        sealed_tokens TEXT,
        access_expires_at INTEGER,
        refresh_expires_at INTEGER,
        needs_reconnect INTEGER NOT NULL DEFAULT 0,
        updated_at INTEGER NOT NULL)`)
      ctx.storage.sql.exec(`CREATE TABLE IF NOT EXISTS changes (
        seq INTEGER PRIMARY KEY AUTOINCREMENT,
        entity TEXT NOT NULL, entity_id TEXT NOT NULL, operation TEXT NOT NULL,
        last_updated TEXT, received_at INTEGER NOT NULL)`)
    })
  }

  async ping(): Promise<string> {
    return 'ok'
  }

  /** Stores a fresh grant from the code exchange (replacing any older one) and clears Reconnect. */
  async storeGrant(realmId: string, tokens: TokenPair): Promise<void> {
    const config = this.#config()
    const sealed = await seal(await tokenKey(config.tokenEncryptionKey), realmId, JSON.stringify(tokens))
    this.ctx.storage.sql.exec(
      `INSERT INTO connection (id, realm_id, sealed_tokens, access_expires_at, refresh_expires_at, needs_reconnect, updated_at)
       VALUES (1, ?, ?, ?, ?, 0, ?)
       ON CONFLICT(id) DO UPDATE SET realm_id = excluded.realm_id, sealed_tokens = excluded.sealed_tokens,
         access_expires_at = excluded.access_expires_at, refresh_expires_at = excluded.refresh_expires_at,
         needs_reconnect = 0, updated_at = excluded.updated_at`,
      realmId, sealed, tokens.accessExpiresAt, tokens.refreshExpiresAt, Date.now(),
    )
    this.#tokens = tokens
  }

  async setCompanyName(name: string | null): Promise<void> {
    this.ctx.storage.sql.exec('UPDATE connection SET company_name = ? WHERE id = 1', name)
  }

  async status(changesSince = 0): Promise<GateStatus> {
    const row = this.#row()
    const seqRow = this.ctx.storage.sql.exec<{ seq: number | null }>('SELECT MAX(seq) AS seq FROM changes').one()
    const entities = this.ctx.storage.sql
      .exec<{ seq: number; entity: string; entity_id: string; operation: string; last_updated: string | null; received_at: number }>(
        'SELECT seq, entity, entity_id, operation, last_updated, received_at FROM changes WHERE seq > ? ORDER BY seq LIMIT ?',
        changesSince, MAX_CHANGES_LISTED,
      )
      .toArray()
      .map((r) => ({ seq: r.seq, entity: r.entity, id: r.entity_id, operation: r.operation, lastUpdated: r.last_updated, receivedAt: new Date(r.received_at).toISOString() }))
    return {
      connected: row !== null && row.sealed_tokens !== null,
      realmId: row?.realm_id ?? null,
      companyName: row?.company_name ?? null,
      refreshExpiresAt: row?.refresh_expires_at ?? null,
      needsReconnect: row !== null && row.needs_reconnect === 1,
      changes: { seq: seqRow.seq ?? 0, entities },
    }
  }

  /** Sends one QuickBooks call: waits for the pacer, adds a valid access token, refreshes once on 401. */
  async forward(call: UpstreamCall): Promise<UpstreamResult> {
    const config = this.#config()
    const row = this.#row()
    if (row && row.realm_id !== call.realmId) return { ok: false, error: { code: 'realm_mismatch', message: 'This gate holds another company.' } }
    let token = await this.#accessToken(null)
    if (!token.ok) return token
    let result = await this.#send(config, call, token.accessToken)
    if (result.ok && result.status === 401) {
      token = await this.#accessToken(token.accessToken)
      if (!token.ok) return token
      result = await this.#send(config, call, token.accessToken)
    }
    return result
  }

  /** Revokes the grant at Intuit and wipes the tokens; webhook history stays. */
  async disconnect(): Promise<{ revoked: boolean }> {
    const config = this.#config()
    const tokens = await this.#load()
    // Wait out a refresh in flight so the token revoked is the live one.
    if (this.#refreshing) await this.#refreshing
    const live = (await this.#load()) ?? tokens
    const revoked = live ? await revokeToken(config, live.refreshToken) : false
    this.ctx.storage.sql.exec('UPDATE connection SET sealed_tokens = NULL, access_expires_at = NULL, refresh_expires_at = NULL, needs_reconnect = 0, updated_at = ? WHERE id = 1', Date.now())
    this.#tokens = null
    return { revoked }
  }

  /** Records webhook changes; returns the new highest sequence number. */
  async recordChanges(changes: RealmChange[]): Promise<number> {
    const now = Date.now()
    for (const ch of changes) {
      this.ctx.storage.sql.exec(
        'INSERT INTO changes (entity, entity_id, operation, last_updated, received_at) VALUES (?, ?, ?, ?, ?)',
        ch.entity, ch.id, ch.operation, ch.lastUpdated, now,
      )
    }
    const { seq } = this.ctx.storage.sql.exec<{ seq: number }>('SELECT COALESCE(MAX(seq), 0) AS seq FROM changes').one()
    this.ctx.storage.sql.exec('DELETE FROM changes WHERE seq <= ?', seq - MAX_CHANGES_KEPT)
    return seq
  }

  #config(): Config {
    const r = readConfig(this.env)
    if (!r.ok) throw new Error(r.message)
    return r.config
  }

  #pacerFor(config: Config): Pacer {
    this.#pacer ??= new Pacer(config.pacer, () => Date.now())
    return this.#pacer
  }

  #row(): ConnectionRow | null {
    return this.ctx.storage.sql.exec<ConnectionRow>('SELECT * FROM connection WHERE id = 1').toArray()[0] ?? null
  }

  async #load(): Promise<TokenPair | null> {
    if (this.#tokens !== undefined) return this.#tokens
    const row = this.#row()
    if (!row || row.sealed_tokens === null) return (this.#tokens = null)
    const plain = await open(await tokenKey(this.#config().tokenEncryptionKey), row.realm_id, row.sealed_tokens)
    // A blob that no longer opens (key rotated, tampered) is as good as no grant.
    this.#tokens = plain === null ? null : (JSON.parse(plain) as TokenPair)
    return this.#tokens
  }

  /**
   * A usable access token. `rejected` is the token Intuit just answered 401 to: if a refresh has
   * replaced it meanwhile the new one is used, otherwise this caller joins (or starts) the one refresh.
   */
  async #accessToken(rejected: string | null): Promise<TokenOutcome> {
    const config = this.#config()
    const row = this.#row()
    if (row?.needs_reconnect === 1) return { ok: false, error: { code: 'needs_reconnect', message: 'QuickBooks ended the connection; reconnect to continue.' } }
    if (this.#refreshing) return this.#refreshing
    const tokens = await this.#load()
    if (!tokens) return { ok: false, error: { code: 'not_connected', message: 'This QuickBooks company is not connected.' } }
    if (rejected !== null && tokens.accessToken !== rejected) return { ok: true, accessToken: tokens.accessToken }
    if (rejected === null && tokens.accessExpiresAt - config.refreshMarginMs > Date.now()) return { ok: true, accessToken: tokens.accessToken }
    this.#refreshing ??= this.#refresh(config, tokens).finally(() => {
      this.#refreshing = null
    })
    return this.#refreshing
  }

  async #refresh(config: Config, tokens: TokenPair): Promise<TokenOutcome> {
    this.refreshCount++
    const result = await refreshTokens(config, tokens.refreshToken, Date.now())
    if (!result.ok) {
      if (result.error.kind === 'invalid_grant') {
        this.ctx.storage.sql.exec('UPDATE connection SET needs_reconnect = 1, updated_at = ? WHERE id = 1', Date.now())
        return { ok: false, error: { code: 'needs_reconnect', message: `QuickBooks ended the connection; reconnect to continue. ${result.error.message}` } }
      }
      // Anything else (Intuit down, client credentials refused) leaves the grant as it was.
      return { ok: false, error: { code: 'intuit_unavailable', message: result.error.message } }
    }
    const row = this.#row()
    if (!row) return { ok: false, error: { code: 'not_connected', message: 'This QuickBooks company is not connected.' } }
    const next = result.tokens
    // One statement: the new pair replaces the old one whole, or not at all.
    const sealed = await seal(await tokenKey(config.tokenEncryptionKey), row.realm_id, JSON.stringify(next))
    this.ctx.storage.sql.exec(
      'UPDATE connection SET sealed_tokens = ?, access_expires_at = ?, refresh_expires_at = ?, needs_reconnect = 0, updated_at = ? WHERE id = 1',
      sealed, next.accessExpiresAt, next.refreshExpiresAt, Date.now(),
    )
    this.#tokens = next
    return { ok: true, accessToken: next.accessToken }
  }

  async #send(config: Config, call: UpstreamCall, accessToken: string): Promise<UpstreamResult> {
    const pacer = this.#pacerFor(config)
    const queuedFrom = Date.now()
    const admission = await pacer.acquire(call.kind)
    const sentAt = Date.now()
    if (!admission.ok) {
      const seconds = Math.ceil(admission.retryAfterMs / 1000)
      return { ok: false, error: { code: 'paced', retryAfterMs: admission.retryAfterMs, message: `QuickBooks allows this company ${config.pacer.perWindow} calls a minute; try again in ${seconds} s.` } }
    }
    const params = new URLSearchParams(call.search)
    params.set('minorversion', config.minorVersion)
    const url = `${config.apiBase}/v3/company/${encodeURIComponent(call.realmId)}/${call.path}?${params.toString()}`
    const headers: Record<string, string> = { Authorization: `Bearer ${accessToken}`, Accept: 'application/json' }
    if (call.contentType) headers['Content-Type'] = call.contentType
    try {
      const res = await fetch(url, { method: call.method, headers, body: call.method === 'POST' ? (call.body ?? '') : undefined })
      const body = await res.text()
      if (res.status === 429) pacer.throttled()
      const out: Record<string, string> = {}
      for (const h of passHeaders) {
        const v = res.headers.get(h)
        if (v !== null) out[h] = v
      }
      return { ok: true, status: res.status, headers: out, body, timing: { queuedMs: sentAt - queuedFrom, upstreamMs: Date.now() - sentAt } }
    } catch (err) {
      return { ok: false, error: { code: 'intuit_unavailable', message: `QuickBooks could not be reached (${String(err)}).` } }
    } finally {
      pacer.release(admission.id)
    }
  }
}
