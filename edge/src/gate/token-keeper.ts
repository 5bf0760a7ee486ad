/**
 * The company's token pair, as the RealmGate holds it: opened from its sealed copy once, refreshed
 * one at a time. Single flight: Intuit rotates refresh tokens, so two refreshes with the same token
 * lose the connection. Every caller that needs a refresh awaits the one promise in `refreshing`, and
 * a caller whose token got a 401 after someone else already refreshed simply uses the new token.
 */
import { err, ok } from '#shared/result.ts'
import type { Config } from '../env.ts'
import { open, seal } from '../crypto/token-box.ts'
import { TokenPair } from '../intuit/oauth-client.ts'
import { refreshWithRetry } from '../intuit/refresh-retry.ts'
import { parseStrictJson } from '../json/strict-json.ts'
import { notConnected, reconnect, superseded, type Held, type TokenOutcome } from './outcomes.ts'
import * as store from './store.ts'
import { unreachable } from './upstream.ts'

export class TokenKeeper {
  /** Undefined until first loaded; every later change of the stored pair sets it in the same tick. */
  held: Held | undefined
  #loading: Promise<Held> | null = null
  refreshing: Promise<TokenOutcome> | null = null
  /** Refreshes sent to Intuit (observability and tests). */
  refreshCount = 0

  readonly sql: SqlStorage
  readonly config: () => Config

  constructor(sql: SqlStorage, config: () => Config) {
    this.sql = sql
    this.config = config
  }

  async seal(realmId: string, tokens: TokenPair): Promise<store.SealedGrant> {
    const sealed = await seal(this.config().tokenKeys, realmId, JSON.stringify(tokens))
    return { sealed, accessExpiresAt: tokens.accessExpiresAt, refreshExpiresAt: tokens.refreshExpiresAt }
  }

  /** The held pair, opening the stored one once: concurrent first callers share one read. */
  async load(): Promise<Held> {
    if (this.held !== undefined) return this.held
    this.#loading ??= this.#openStored().finally(() => {
      this.#loading = null
    })
    const opened = await this.#loading
    // A grant stored or a pair refreshed while the blob was opening is newer than what was read.
    this.held ??= opened
    return this.held
  }

  async #openStored(): Promise<Held> {
    const row = store.readConnection(this.sql)
    if (!row || row.sealed_tokens === null) return { kind: 'none' }
    const opened = await open(this.config().tokenKeys, row.realm_id, row.sealed_tokens)
    if (opened === null) return { kind: 'unreadable' }
    const json = parseStrictJson(opened.plaintext)
    const tokens = TokenPair.safeParse(json.ok ? json.value : undefined)
    if (!tokens.success) return { kind: 'unreadable' }
    // Sealed under the previous key: seal it again under the current one, so that key can go.
    if (opened.stale && row.grant_id !== null) {
      const { sealed } = await this.seal(row.realm_id, tokens.data)
      store.writeResealed(this.sql, row.grant_id, sealed, Date.now())
    }
    return { kind: 'open', tokens: tokens.data }
  }

  /**
   * A usable access token. `rejected` is the token Intuit just answered 401 to: if a refresh has
   * replaced it meanwhile the new one is used, otherwise this caller joins (or starts) the one refresh.
   */
  async accessToken(rejected: string | null): Promise<TokenOutcome> {
    const held = await this.load()
    // From here to the end no await: the decision and the start of a refresh see one consistent
    // state, so a caller can never refresh with a pair another refresh has just replaced.
    if (store.readConnection(this.sql)?.needs_reconnect === 1) return reconnect()
    if (this.refreshing) return this.refreshing
    if (held.kind === 'unreadable') return reconnect()
    if (held.kind === 'none') return notConnected
    const { tokens } = held
    if (rejected !== null && tokens.accessToken !== rejected) return ok(tokens.accessToken)
    const fresh = tokens.accessExpiresAt - this.config().refreshMarginMs > Date.now()
    if (rejected === null && fresh) return ok(tokens.accessToken)
    this.refreshing = this.#refresh(tokens).finally(() => {
      this.refreshing = null
    })
    return this.refreshing
  }

  async #refresh(tokens: TokenPair): Promise<TokenOutcome> {
    this.refreshCount++
    const sql = this.sql
    const started = store.readConnection(sql)
    if (!started || started.sealed_tokens === null) return notConnected
    const { realm_id: realmId, grant_id: grantId } = started
    // A reconnect or disconnect while Intuit answered replaced the pair this refresh started from:
    // its outcome, good or bad, must not land on the new grant.
    const replaced = () => {
      const row = store.readConnection(sql)
      return row === null || row.sealed_tokens === null || row.grant_id !== grantId
    }
    const result = await refreshWithRetry(this.config(), tokens.refreshToken, replaced)
    if (!result.ok) {
      if (replaced()) return err(superseded)
      console.error('refresh failed', { realmId, kind: result.error.kind, detail: result.error.message })
      if (result.error.kind === 'invalid_grant') {
        store.markNeedsReconnect(sql, Date.now())
        return reconnect()
      }
      // Anything else (Intuit down, client credentials refused) leaves the grant as it was.
      return err(unreachable)
    }
    const sealed = await this.seal(realmId, result.value)
    if (replaced()) return err(superseded)
    store.writeRefreshed(sql, sealed, Date.now())
    this.held = { kind: 'open', tokens: result.value }
    return ok(result.value.accessToken)
  }
}
