/**
 * One per QuickBooks company (realm), named by its realm id. It alone holds the company's tokens
 * (sealed with AES-GCM in SQLite, gate/token-keeper.ts), paces every call to Intuit under the realm's
 * limits, records what webhooks said changed, and keeps the company's team: its devices and their
 * roles (team/), and the company-wide settings. A session names a device here; a new grant replaces
 * the tokens, never the devices, and only a disconnect ends every device's session.
 */
import { DurableObject } from 'cloudflare:workers'
import type { CompanySettingsDoc, PutCompanySettings } from '#shared/api/company-settings.ts'
import type { Device, Devices, Permission, RemoveDeviceResponse, Role } from '#shared/api/team.ts'
import { err, ok, type Result } from '#shared/result.ts'
import { readConfig, type Config, type Env } from './env.ts'
import { APP_METER, appMeterBuffer, recordAppCalls } from './gate/app-meter.ts'
import { spend } from './gate/budget.ts'
import { migrateGate } from './gate/migrate.ts'
import {
  superseded,
  type Admitted,
  type Announcement,
  type Caller,
  type ConnectingDevice,
  type GateStatus,
  type GrantOutcome,
  type SettingsWrite,
} from './gate/outcomes.ts'
import { readStatus } from './gate/status.ts'
import * as store from './gate/store.ts'
import { TokenKeeper } from './gate/token-keeper.ts'
import { sendUpstream, type GateError, type UpstreamCall, type UpstreamResult } from './gate/upstream.ts'
import { checkCompanyInfo, companyInfoCall } from './gate/verify-grant.ts'
import { revokeToken, type TokenPair } from './intuit/oauth-client.ts'
import { Pacer } from './pacer/pacer.ts'
import { toDevice } from './team/devices.ts'
import type { CodeHashes } from './team/join-code.ts'
import { forgetRealmCodes, redeemCode, registerCode, type JoinEntry } from './team/join-index.ts'
import { readSettings, writeSettings } from './team/settings-store.ts'
import { Team } from './team/team.ts'
import type { RealmChange } from './webhooks/payload.ts'
import { claimDelivery } from './webhooks/replay.ts'
import type { Lease, LeaseRequest } from '#shared/api/number-lease.ts'
import { InStep } from './feed/in-step.ts'
import { acceptFeed, closed } from './feed/sockets.ts'
import { leaseBlock, returnUnused } from './leases/store.ts'

export class RealmGate extends DurableObject<Env> {
  #tokens: TokenKeeper
  #team: Team
  #pacer: Pacer | null = null
  #meter = appMeterBuffer(() => this.env.REALM_GATE.getByName(APP_METER))

  constructor(ctx: DurableObjectState, env: Env) {
    super(ctx, env)
    this.#tokens = new TokenKeeper(ctx.storage.sql, () => this.#config())
    this.#team = new Team(ctx.storage.sql)
    ctx.blockConcurrencyWhile(async () => {
      migrateGate(ctx.storage.sql)
    })
  }

  /** Refreshes this instance sent to Intuit (observability and tests). */
  get refreshCount(): number {
    return this.#tokens.refreshCount
  }

  async ping(): Promise<string> {
    return 'ok'
  }

  /**
   * Takes a fresh grant once its token has read the realm's CompanyInfo (paced); only then are the
   * stored tokens replaced. The browser that connected is (or stays) an owner; other devices stay.
   */
  async connectGrant(realmId: string, tokens: TokenPair, device: ConnectingDevice): Promise<GrantOutcome> {
    const check = checkCompanyInfo(await this.#paced(companyInfoCall(realmId), tokens.accessToken, null))
    if (!check.ok) {
      // Another company's tokens have no business lingering. Any other failure may well be this
      // company's own token, and revoking it would end the connection already stored here too.
      if (check.error.kind === 'mismatch') await revokeToken(this.#config(), tokens.refreshToken)
      return check
    }
    const { companyName } = check.value
    return ok({ device: await this.storeGrant(realmId, tokens, companyName, device), companyName })
  }

  /** Stores a grant unchecked (tests; see {@link connectGrant}), clears Reconnect: the owner device. */
  async storeGrant(
    realmId: string,
    tokens: TokenPair,
    companyName?: string | null,
    device: ConnectingDevice = { id: null, name: 'Owner device' },
  ): Promise<Device> {
    const sealed = await this.#tokens.seal(realmId, tokens)
    // No await between these writes: nobody sees the new grant under the old company's name.
    const sql = this.ctx.storage.sql
    store.writeGrant(sql, realmId, crypto.randomUUID(), sealed, Date.now())
    if (companyName !== undefined) store.writeCompanyName(sql, companyName)
    this.#tokens.held = { kind: 'open', tokens }
    return toDevice(this.#team.ownerFromConnect(device.id, device.name))
  }

  /** What a session of `deviceId` may know (`null`: any, for the gate's own checks): gate/status.ts. */
  async status(deviceId: string | null, changesSince = 0): Promise<GateStatus> {
    const held = await this.#tokens.load()
    return readStatus(this.ctx.storage.sql, this.#team, held, deviceId, changesSince)
  }

  /** Whether `deviceId`'s session is valid and its role may do `permission` (routes with no other gate call). */
  async admit(deviceId: string, permission: Permission, action?: string): Promise<Admitted> {
    const admitted = this.#team.admit(deviceId, permission, action)
    if (!admitted.ok) return admitted
    return ok({ device: toDevice(admitted.value), companyName: this.#companyName() })
  }

  /**
   * Sends one QuickBooks call for `caller`: admits its device and role, waits for the pacer, adds a
   * valid access token, refreshes once on 401. The device is admitted again just before each send.
   */
  async forward(caller: Caller, call: UpstreamCall): Promise<UpstreamResult> {
    const row = store.readConnection(this.ctx.storage.sql)
    if (row && row.realm_id !== call.realmId)
      return err({ code: 'realm_mismatch', message: 'This gate holds another company.' })
    const admitted = this.#team.admit(caller.device, caller.permission)
    if (!admitted.ok) return admitted
    if (call.method === 'GET')
      return this.#inStep.read(
        caller,
        call,
        () => this.#send(caller, call),
        () => this.#team.admit(caller.device, caller.permission),
      )
    const result = await this.#send(caller, call)
    this.#inStep.wrote(caller, call, result)
    return result
  }

  async #send(caller: Caller, call: UpstreamCall): Promise<UpstreamResult> {
    let token = await this.#tokens.accessToken(null)
    // A reconnect landed while a refresh was out: the new grant's token serves this device as well.
    if (!token.ok && token.error === superseded) token = await this.#tokens.accessToken(null)
    if (!token.ok) return token
    let result = await this.#paced(call, token.value, caller)
    if (result.ok && result.value.status === 401) {
      token = await this.#tokens.accessToken(token.value)
      if (!token.ok) return token
      result = await this.#paced(call, token.value, caller)
    }
    return result
  }

  /**
   * Revokes the grant at Intuit, wipes the tokens and ends every device's session (an owner's call
   * only); webhook history and company settings stay. Answers how many devices were signed out.
   */
  async disconnect(deviceId: string): Promise<Result<{ revoked: boolean; deviceCount: number }, GateError>> {
    const admit = () => this.#team.admit(deviceId, 'connection', 'disconnect QuickBooks')
    const first = admit()
    if (!first.ok) return first
    // Wait out a refresh in flight so the token revoked is the live one.
    if (this.#tokens.refreshing) await this.#tokens.refreshing
    await this.#tokens.load()
    // From this check to the wipe there is no await: the pair revoked is the one wiped.
    const again = admit()
    if (!again.ok) return again
    const live = this.#tokens.held
    const deviceCount = this.#team.count()
    const companyName = this.#companyName()
    store.wipeTokens(this.ctx.storage.sql, Date.now())
    this.#tokens.held = { kind: 'none' }
    this.#team.endAll()
    this.#announce({ type: 'ended', reason: 'disconnected', companyName })
    const revoked = live?.kind === 'open' ? await revokeToken(this.#config(), live.tokens.refreshToken) : false
    return ok({ revoked, deviceCount })
  }

  /** A session cookie from before device sessions (session/legacy.ts): its owner device, while its grant lasts. */
  async adoptLegacySession(grant: string, sid: string): Promise<Result<Device, GateError>> {
    const adopted = this.#team.adoptLegacy(grant, sid)
    return adopted.ok ? ok(toDevice(adopted.value)) : adopted
  }

  /** A device that redeemed a join code for this company (join-index.ts) gets its session here. */
  async joinDevice(role: Role, name: string): Promise<Admitted> {
    const joined = this.#team.join(role, name)
    if (!joined.ok) return joined
    return ok({ device: toDevice(joined.value), companyName: this.#companyName() })
  }

  async devices(deviceId: string): Promise<Result<Devices, GateError>> {
    const admitted = this.#team.admit(deviceId, 'devices', 'see the devices')
    if (!admitted.ok) return admitted
    return ok({ devices: this.#team.list(), thisDeviceId: admitted.value.id as Device['id'] })
  }

  /** An owner removes another device: its next call answers `device_removed`. */
  async removeDevice(deviceId: string, targetId: string): Promise<Result<RemoveDeviceResponse, GateError>> {
    const admitted = this.#team.admit(deviceId, 'devices', 'remove devices')
    if (!admitted.ok) return admitted
    const removed = this.#team.remove(targetId, deviceId)
    if (!removed.ok) return removed
    const numbersReturned = await this.onDeviceRemoved(targetId)
    this.#announce({ type: 'ended', reason: 'device_removed', deviceId: targetId, companyName: this.#companyName() })
    return ok({ removed: true, numbersReturned })
  }

  /** A removed device's leased invoice numbers go back here (edge/src/leases): how many did. */
  async onDeviceRemoved(deviceId: string): Promise<number> {
    return returnUnused(this.ctx.storage, deviceId, Date.now())
  }

  async renameDevice(deviceId: string, name: string): Promise<Result<Device, GateError>> {
    const admitted = this.#team.admit(deviceId, 'records')
    if (!admitted.ok) return admitted
    return ok(this.#team.rename(deviceId, name))
  }

  async companySettings(deviceId: string): Promise<Result<CompanySettingsDoc, GateError>> {
    const admitted = this.#team.admit(deviceId, 'records')
    return admitted.ok ? ok(readSettings(this.ctx.storage.sql)) : admitted
  }

  /** An owner's settings write, based on `put.baseVersion`; a stale one answers the current copy. */
  async putCompanySettings(deviceId: string, put: PutCompanySettings): Promise<SettingsWrite> {
    const admitted = this.#team.admit(deviceId, 'settings')
    if (!admitted.ok) return admitted
    const written = writeSettings(this.ctx.storage.sql, put, deviceId, Date.now())
    if (!written.ok) return written
    this.#announce({ type: 'settings', doc: written.value })
    return written
  }

  /**
   * Tells every device of the company, after each settings change, device removal and disconnect, on
   * the live feed (edge/src/feed); a device not listening learns of it on its next call.
   */
  #announce(what: Announcement): void {
    this.#inStep.announce(what)
  }

  /** The join index instance (team/join-index.ts): false when the handle is taken. */
  async registerJoinCode(entry: JoinEntry): Promise<boolean> {
    return registerCode(this.ctx.storage.sql, entry, Date.now())
  }

  /** The join index instance: a disconnected company's unused codes go. */
  async forgetJoinCodes(realmId: string): Promise<void> {
    forgetRealmCodes(this.ctx.storage.sql, realmId)
  }

  /** The join index instance: the code's company and role, once, or why not. */
  async redeemJoinCode(
    hashes: CodeHashes,
    client: string,
  ): Promise<Result<{ realmId: string; role: Role }, GateError>> {
    return redeemCode(this.ctx.storage.sql, hashes, client, Date.now())
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
    this.#inStep.notify({ type: 'changes', origin: 'webhook', deviceId: null, entities })
    return seq
  }

  #companyName(): string | null {
    return store.readConnection(this.ctx.storage.sql)?.company_name ?? null
  }

  #config(): Config {
    const r = readConfig(this.env)
    if (!r.ok) throw new Error(r.error.message)
    return r.value
  }

  /**
   * Waits for the pacer; then, with no await in between, admits `caller`'s device again (a removal
   * or disconnect while it waited ends its calls) and spends one call of the company's daily budget;
   * sends; and tells the pacer when the call ended (and whether Intuit throttled). `caller` is null
   * for the gate's own check of a grant not stored yet.
   */
  async #paced(call: UpstreamCall, accessToken: string, caller: Caller | null): Promise<UpstreamResult> {
    const config = this.#config()
    const sql = this.ctx.storage.sql
    this.#pacer ??= new Pacer(config.pacer, () => Date.now())
    const pacer = this.#pacer
    const queuedFrom = Date.now()
    const admission = await pacer.acquire(call.kind, caller?.device ?? '')
    if (!admission.ok) {
      const { retryAfterMs, message } = admission.error
      return err({ code: 'paced', retryAfterMs, message })
    }
    const sentAt = Date.now()
    try {
      if (caller !== null) {
        const admitted = this.#team.admit(caller.device, caller.permission)
        if (!admitted.ok) return admitted
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

  #inStep = new InStep(this.ctx)

  /** The next block of invoice numbers for `deviceId` (routes/numbers.ts; the route admits the device). */
  async leaseNumbers(deviceId: string, request: LeaseRequest): Promise<Lease> {
    return leaseBlock(this.ctx.storage, deviceId, request, Date.now())
  }

  /** The feed's WebSocket upgrade, built by routes/feed.ts once the session's device is admitted. */
  override async fetch(request: Request): Promise<Response> {
    return acceptFeed(this.ctx, request)
  }

  /** Devices send nothing the gate needs; pings are answered without waking it (see acceptFeed). */
  override async webSocketMessage(): Promise<void> {}

  override async webSocketClose(ws: WebSocket, code: number): Promise<void> {
    closed(ws, code)
  }
}
