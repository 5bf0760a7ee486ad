/**
 * @module
 * The companies the emulator hosts and their Accounting API. Everything here works without HTTP
 * (the realm store is a plain object), and `accountingRoutes()` serves it under
 * `/v3/company/:realmId` for the app to mount behind its auth and limits.
 *
 * @example
 * const companies = createCompanies({ clock, seed: 'small' })
 * app.route('/v3/company/:realmId', companies.accountingRoutes())
 * companies.onChange((e) => webhooks.notify(e))
 * companies.bookkeeperEdit(realmId, 'Customer', '7', { Notes: 'Called about the leak' })
 */
import type { Hono } from 'hono'
import { ApiBehaviourSchema, type ApiBehaviour, type ApiBehaviourInput, type SubscriptionStatus } from '../config.ts'
import type { ChangeEvent, ChangeListener, Clock, CompanySnapshot, EntityName, Json } from './types.ts'
import { TRANSACTIONS, companySnapshotSchema } from './types.ts'
import type { Realm } from './realm.ts'
import { createRealm } from './realm.ts'
import type { Result } from './result.ts'
import { err, ok } from './result.ts'
import { faults } from './faults.ts'
import { isObject, num, str } from './json.ts'
import { formatTimestamp } from './time.ts'
import type { Numbering } from './numbering.ts'
import { withNumbering } from './numbering.ts'
import { fromSnapshot, toSnapshot } from './snapshot.ts'
import { accountingRoutes } from './routes.ts'
import { entityFromName } from './entity-paths.ts'
import { forgetRequestIds } from './requestid.ts'
import { setSubscriptionStatus } from './subscription.ts'
import { depositPayments, formDefaults } from './bookkeeper.ts'
import { mergeNames } from './merge.ts'
import { seedCompanies } from '../seeds/index.ts'
import type { SeedName } from '../seeds/index.ts'
import { companyInfo, preferences } from '../seeds/company-setup.ts'

export type { ChangeEvent, CompanySnapshot, EntityName, Json } from './types.ts'
export type { Realm } from './realm.ts'
export type { Numbering } from './numbering.ts'
export type { Fault, Result } from './result.ts'

export interface CompaniesOptions {
  clock: Clock
  seed: SeedName
  /** Behaviour Intuit leaves undocumented (requestid retention, CDC cap); defaults as documented in config.ts. */
  behaviour?: ApiBehaviourInput
}

export interface Companies {
  list(): { realmId: string; companyName: string }[]
  get(realmId: string): Realm | undefined
  accountingRoutes(): Hono
  snapshot(realmId: string): CompanySnapshot | undefined
  /** Replaces (or creates) a company with the given state, verbatim. */
  seed(realmId: string, data: unknown): Result<{ realmId: string; companyName: string }>
  /** A record as a bookkeeper enters it in QuickBooks: Intuit's rules apply; an invoice form proposes the next number. */
  bookkeeperCreate(realmId: string, entity: string, body: Json): Result<Json>
  /** Voids an invoice or payment as the QuickBooks UI does (no SyncToken needed). */
  bookkeeperVoid(realmId: string, entity: string, id: string): Result<Json>
  /** A change as a bookkeeper makes it in QuickBooks: Intuit's rules apply, no SyncToken needed. */
  bookkeeperEdit(realmId: string, entity: string, id: string, patch: Json): Result<Json>
  /** Name lists go inactive; transactions are deleted. */
  bookkeeperDelete(realmId: string, entity: string, id: string): Result<Json>
  /** Merges customer or item `fromId` into `intoId` as QuickBooks does (merge.ts); the survivor. */
  bookkeeperMerge(realmId: string, entity: string, fromId: string, intoId: string): Result<Json>
  /** Payments go into a bank deposit (`held`, the default) or come out of it; held ones refuse changes (6540). */
  bookkeeperDeposit(realmId: string, paymentIds: string[], held?: boolean): Result<string[]>
  /** Changes how the company numbers invoices (Preferences); the new Preferences, or undefined for an unknown company. */
  setNumbering(realmId: string, change: Partial<Numbering>): Json | undefined
  /** Called after every change; returns an unsubscribe function. */
  onChange(listener: ChangeListener): () => void
  /** Back to the companies the emulator started with, or those of `seed` (test isolation); seeded extras are dropped. */
  reset(seed?: SeedName): void
  behaviour(): ApiBehaviour
  setBehaviour(next: ApiBehaviour): void
  /** Forgets the company's remembered requestids; how many, or undefined for an unknown company. */
  forgetRequestIds(realmId: string): number | undefined
  /** Sets CompanyInfo's SubscriptionStatus (Intuit's billing, not the API); the company's CompanyInfo, or undefined. */
  setSubscriptionStatus(realmId: string, status: SubscriptionStatus): Json | undefined
}

export function createCompanies(opts: CompaniesOptions): Companies {
  const { clock } = opts
  let behaviour = ApiBehaviourSchema.parse(opts.behaviour ?? {})
  const listeners = new Set<ChangeListener>()
  const emit = (e: ChangeEvent) => {
    for (const l of listeners) l(e)
  }
  const realms = new Map<string, Realm>()
  const install = (realmId: string, snap: CompanySnapshot, owned = false) =>
    realms.set(realmId, createRealm(fromSnapshot(realmId, snap, owned), clock, emit))
  const installSeed = (seed: SeedName = opts.seed) => {
    realms.clear()
    for (const { snapshot, fresh } of seedCompanies(seed)) install(snapshot.realmId ?? '', snapshot, fresh)
  }
  installSeed()

  const describe = (realm: Realm) => ({
    realmId: realm.state.realmId,
    companyName: str(realm.state.companyInfo.CompanyName) ?? realm.state.realmId,
  })

  function target(realmId: string, entityName: string): Result<{ realm: Realm; entity: EntityName }> {
    const realm = realms.get(realmId)
    if (!realm) return err(faults.unknownRealm(realmId))
    const entity = entityFromName(entityName)
    if (!entity) return err(faults.unsupportedOperation(`entity ${entityName}`))
    return ok({ realm, entity })
  }

  return {
    list: () => [...realms.values()].map(describe),
    get: (realmId) => realms.get(realmId),
    accountingRoutes: () => accountingRoutes({ clock, realm: (id) => realms.get(id), behaviour: () => behaviour }),
    snapshot: (realmId) => {
      const realm = realms.get(realmId)
      return realm ? toSnapshot(realm.state) : undefined
    },
    seed(realmId, data) {
      const input = typeof data === 'object' && data !== null ? (data as Json) : {}
      const parsed = companySnapshotSchema.safeParse({
        companyInfo: companyInfo(
          `Company ${realmId}`,
          { Line1: '1 Main St', City: 'Sacramento', CountrySubDivisionCode: 'CA', PostalCode: '95814', Country: 'US' },
          'owner@company.example',
          '2025-01-01',
        ),
        preferences: preferences(),
        ...input,
      })
      if (!parsed.success)
        return err(
          faults.business(
            `Seed data is not a company snapshot: ${parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`,
          ),
        )
      install(realmId, { ...parsed.data, realmId })
      const realm = realms.get(realmId)
      return realm ? ok(describe(realm)) : err(faults.unknownRealm(realmId))
    },
    bookkeeperCreate(realmId, entityName, body) {
      const t = target(realmId, entityName)
      if (!t.ok) return t
      const { realm, entity } = t.value
      return realm.create(entity, formDefaults(realm, entity, body), { proposeDocNumber: true })
    },
    bookkeeperVoid(realmId, entityName, id) {
      const t = target(realmId, entityName)
      if (!t.ok) return t
      return t.value.realm.voidTxn(t.value.entity, { Id: id }, { skipSyncToken: true })
    },
    bookkeeperEdit(realmId, entityName, id, patch) {
      const t = target(realmId, entityName)
      if (!t.ok) return t
      return t.value.realm.update(t.value.entity, { ...patch, Id: id }, { sparse: true, skipSyncToken: true })
    },
    bookkeeperDelete(realmId, entityName, id) {
      const t = target(realmId, entityName)
      if (!t.ok) return t
      const { realm, entity } = t.value
      if (TRANSACTIONS.has(entity))
        return realm.remove(entity, { Id: id }, { skipSyncToken: true, unlinkPayments: true })
      return realm.update(entity, { Id: id, Active: false }, { sparse: true, skipSyncToken: true })
    },
    bookkeeperMerge(realmId, entityName, fromId, intoId) {
      const t = target(realmId, entityName)
      return t.ok ? mergeNames(t.value.realm, t.value.entity, fromId, intoId) : t
    },
    bookkeeperDeposit(realmId, paymentIds, held = true) {
      const realm = realms.get(realmId)
      return realm ? depositPayments(realm, paymentIds, held) : err(faults.unknownRealm(realmId))
    },
    setNumbering(realmId, change) {
      const realm = realms.get(realmId)
      if (!realm) return undefined
      const prefs = withNumbering(realm.state.preferences, change)
      const stamp = formatTimestamp(clock.now())
      const meta = isObject(prefs.MetaData) ? prefs.MetaData : {}
      realm.state.preferences = {
        ...prefs,
        SyncToken: String((num(prefs.SyncToken) ?? 0) + 1),
        MetaData: { CreateTime: meta.CreateTime ?? stamp, LastUpdatedTime: stamp },
      }
      return realm.state.preferences
    },
    onChange(listener) {
      listeners.add(listener)
      return () => listeners.delete(listener)
    },
    reset: (seed) => installSeed(seed),
    behaviour: () => behaviour,
    setBehaviour(next) {
      behaviour = next
    },
    forgetRequestIds(realmId) {
      const realm = realms.get(realmId)
      return realm ? forgetRequestIds(realm.state) : undefined
    },
    setSubscriptionStatus(realmId, status) {
      const realm = realms.get(realmId)
      if (!realm) return undefined
      setSubscriptionStatus(realm.state, status)
      return realm.state.companyInfo
    },
  }
}
