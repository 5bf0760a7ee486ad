/**
 * The device's IndexedDB database (Dexie 4). Every `version()` ever shipped stays
 * in `versions`: a tablet that skipped releases upgrades through each step.
 *
 * Rows are the shared domain records plus index-only keys (`emailKey`, `nameKey`)
 * that IndexedDB cannot compute itself. Only the repositories in this folder write.
 */
import { Dexie } from 'dexie'
import type { DexieOptions, EntityTable, Transaction } from 'dexie'
import type {
  Contact,
  Invoice,
  Item,
  Job,
  Mapping,
  OutboxRow,
  Payment,
  Property,
  Quote,
  Settings,
  SyncLogRow,
} from '#shared/domain/index.ts'
import { emailKey, nameKey } from '#shared/domain/index.ts'

export type ContactRow = Contact & { emailKey: string; nameKey: string }
export type SettingsRow = Settings & { id: 'app' }

type VersionStep = {
  version: number
  stores: Record<string, string | null>
  upgrade?: (tx: Transaction) => Promise<unknown>
}

/** Each step lists only the tables it adds or changes, as Dexie expects. */
export const versions: readonly VersionStep[] = [
  {
    version: 1,
    stores: {
      contacts: 'id, displayName, email, updatedAt',
      properties: 'id, contactId',
      jobs: 'id, contactId',
      quotes: 'id, contactId, updatedAt',
      items: 'id, name',
      invoices: 'id, contactId, status, number',
      payments: 'id, contactId, date',
      mappings: '[kind+localId], [kind+qboId]',
      outbox: '++seq, [kind+localId]',
      syncLog: '++seq, at',
      settings: 'id',
    },
  },
  {
    // Matching needs case-insensitive email and folded names; list pages sort by date.
    version: 2,
    stores: {
      contacts: 'id, displayName, emailKey, nameKey, updatedAt',
      invoices: 'id, contactId, status, number, issueDate, updatedAt',
      payments: 'id, contactId, date, updatedAt',
      syncLog: '++seq, at, status, [kind+localId]',
    },
    upgrade: (tx) =>
      tx
        .table('contacts')
        .toCollection()
        .modify((c: Partial<ContactRow>) => {
          c.emailKey = emailKey(c.email)
          c.nameKey = nameKey(c.displayName ?? '')
        }),
  },
  {
    // The auto-sync switch became a schedule: switched off, it meant "only when I tap Sync Now".
    version: 3,
    stores: {},
    upgrade: (tx) =>
      tx
        .table('settings')
        .toCollection()
        .modify((s: Record<string, unknown>) => {
          if (s['schedule'] === undefined) s['schedule'] = { mode: s['autoSync'] === false ? 'manual' : 'automatic' }
          delete s['autoSync']
        }),
  },
]

export const latestVersion = versions.at(-1)?.version ?? 1

/** Declares the steps up to `upTo` on a Dexie instance (tests open old versions this way). */
export function declareVersions(db: Dexie, upTo = latestVersion): void {
  for (const step of versions) {
    if (step.version > upTo) break
    const v = db.version(step.version).stores(step.stores)
    if (step.upgrade) v.upgrade(step.upgrade)
  }
}

/** Only for tests: a separate IndexedDB factory and its key ranges (fake-indexeddb), as Dexie takes them. */
type IndexedDbOverride = Pick<DexieOptions, 'indexedDB' | 'IDBKeyRange'>

export type DbOptions = IndexedDbOverride & {
  /** The clock every repository stamps records with; tests pass a fixed one. */
  now?: () => Date
}

export class FieldsyncDB extends Dexie {
  declare contacts: EntityTable<ContactRow, 'id'>
  declare properties: EntityTable<Property, 'id'>
  declare jobs: EntityTable<Job, 'id'>
  declare quotes: EntityTable<Quote, 'id'>
  declare items: EntityTable<Item, 'id'>
  declare invoices: EntityTable<Invoice, 'id'>
  declare payments: EntityTable<Payment, 'id'>
  declare mappings: EntityTable<Mapping, 'kind' | 'localId'>
  declare outbox: EntityTable<OutboxRow, 'seq'>
  declare syncLog: EntityTable<SyncLogRow, 'seq'>
  declare settings: EntityTable<SettingsRow, 'id'>
  readonly now: () => Date

  constructor(name = 'fieldsync', opts: DbOptions = {}) {
    super(name, {
      // The outbox and mappings must survive a crash: never 'relaxed' here.
      chromeTransactionDurability: 'strict',
      ...(opts.indexedDB ? { indexedDB: opts.indexedDB } : {}),
      ...(opts.IDBKeyRange ? { IDBKeyRange: opts.IDBKeyRange } : {}),
    })
    this.now = opts.now ?? (() => new Date())
    declareVersions(this)
  }

  /** The current time as the ISO string records carry. */
  stamp(): string {
    return this.now().toISOString()
  }
}
