/**
 * The initial sync: pull QuickBooks' customers and items (inactive ones too, for matching), active accounts and
 * the history the field needs (open invoices, paid ones back to a setting's months, their payments), paged by 1000
 * until a short page; match them with this device's contacts and items — and its invoices, jobs and payments, so
 * nothing QuickBooks has (after "Clear links" and a reconnect too) is created again — and return the dry-run
 * preview — will link N, create M here, create K in QuickBooks, P need a decision. `runInitialSync` executes it
 * once the user has confirmed and decided each ambiguous pair, folds the history in, and sets the checkpoint to
 * QuickBooks' time of the preview's first read: what changed there while the user reviewed comes with the next
 * pull. Every record lands in the sync log as synced, matched, skipped or error.
 * @module
 */
import type { Mapping } from '#shared/domain/index.ts'
import type { QboAccount, QboCustomer, QboItem } from '#shared/qbo/index.ts'
import { ok, type Result } from '#shared/result.ts'
import {
  checkpointOfRead,
  customerCandidates,
  contactCandidate,
  itemCandidate,
  matchContacts,
  matchItems,
  plan,
  qboItemCandidates,
  relink,
} from './core/index.ts'
import { applyDecisions } from './core/index.ts'
import type { Decision, MatchDecision, MatchResult, PlanCounts, SyncFault, SyncPlan } from './core/index.ts'
import type { LocalSnapshot, OnProgress, QboEntity, QboGateway } from './ports.ts'
import { foldHistory, pullHistory, type History } from './initial-sync-history.ts'
import { PAGE_SIZE, pullAll } from './pull-all.ts'
import { planInputOf } from './push.ts'
import { executePlan, type RunnerDeps, type RunSummary } from './runner/index.ts'
import { usualAccounts } from './usual-accounts.ts'

export interface Remote {
  customers: QboCustomer[]
  items: QboItem[]
  accounts: QboAccount[]
  /** Open invoices, recent paid ones and their payments; empty when pulled without a snapshot. */
  history: History
  /** QuickBooks' time at the first read: where the checkpoint starts once the initial sync has run. */
  time?: string | undefined
}

/** What the preview screen shows, small enough to cross to the page: counts, decisions, labels — no records. */
export interface InitialPreview {
  counts: PlanCounts
  /** Each group with labels by local id and by `qbo:<Id>`. */
  decisions: (Decision & { labels: Record<string, string> })[]
  plan: SyncPlan
}

export type { MatchDecision }

export interface InitialSyncSession {
  remote: Remote
  byKey: Map<string, QboEntity>
  match: { contacts: MatchResult; items: MatchResult }
  snap: LocalSnapshot
  preview: InitialPreview
  /** Invoices, jobs and payments found in QuickBooks: linked, never created again. */
  links: Mapping[]
}

export async function pullRemote(
  gateway: QboGateway,
  onProgress?: OnProgress,
  local?: { snap: LocalSnapshot; nowMs: number },
): Promise<Result<Remote, SyncFault>> {
  let done = 0
  let time: string | undefined
  const tick = (n: number, at?: string) => {
    time ??= at
    done += n
    onProgress?.({ phase: 'pull', done, total: done })
  }
  // Inactive customers and items too: QuickBooks keeps their names reserved, so matching must see them to offer
  // a link (with reactivation) instead of a create that would fail on the name.
  const customers = await pullAll<QboCustomer>(gateway, 'Customer', 'Active IN (true, false)', tick)
  if (!customers.ok) return customers
  const items = await pullAll<QboItem>(gateway, 'Item', 'Active IN (true, false)', tick)
  if (!items.ok) return items
  const accounts = await pullAll<QboAccount>(gateway, 'Account', 'Active = true', tick)
  if (!accounts.ok) return accounts
  const history = local ? await pullHistory(gateway, local.snap, local.nowMs, tick) : ok({ invoices: [], payments: [] })
  if (!history.ok) return history
  return ok({ customers: customers.value, items: items.value, accounts: accounts.value, history: history.value, time })
}

/** Pull, match and plan: the preview, and everything `runInitialSync` needs to execute it. */
export async function previewInitialSync(
  deps: Pick<RunnerDeps, 'store' | 'gateway' | 'clock' | 'onProgress'>,
): Promise<Result<InitialSyncSession, SyncFault>> {
  const before = await deps.store.snapshot()
  const remote = await pullRemote(deps.gateway, deps.onProgress, { snap: before, nowMs: deps.clock.now() })
  if (!remote.ok) return remote
  deps.onProgress?.({ phase: 'match', done: 0, total: 1 })
  const snap = await deps.store.snapshot()
  const session = matchAndPlan(remote.value, snap, deps.clock.now())
  deps.onProgress?.({ phase: 'preview', done: 1, total: 1 })
  return ok(session)
}

export function matchAndPlan(
  remote: Remote,
  snap: LocalSnapshot,
  nowMs: number,
  decisions: readonly MatchDecision[] = [],
): InitialSyncSession {
  const live = <T extends { deletedAt?: string | undefined }>(xs: T[]) => xs.filter((x) => x.deletedAt === undefined)
  const mapped = (kind: string) =>
    snap.mappings
      .filter((m) => m.kind === kind && m.status !== 'unlinked')
      .map((m) => ({ localId: m.localId as string, qboId: m.qboId as string }))
  const match = {
    contacts: applyDecisions(
      matchContacts(
        live(snap.records.contacts).map(contactCandidate),
        customerCandidates(remote.customers),
        mapped('contact'),
      ),
      decisions.filter((d) => d.kind === 'contact'),
    ),
    items: applyDecisions(
      matchItems(live(snap.records.items).map(itemCandidate), qboItemCandidates(remote.items), mapped('item')),
      decisions.filter((d) => d.kind === 'item'),
    ),
  }
  const byKey = new Map<string, QboEntity>()
  const labels = { contact: new Map<string, string>(), item: new Map<string, string>() }
  for (const c of remote.customers) {
    byKey.set(`Customer:${c.Id}`, c as QboEntity)
    labels.contact.set(c.Id, c.DisplayName ?? c.Id)
  }
  for (const i of remote.items) {
    byKey.set(`Item:${i.Id}`, i as QboEntity)
    labels.item.set(i.Id, i.Name)
  }
  const remoteLabels = Object.fromEntries(
    (['contact', 'item'] as const).flatMap((k) => [...labels[k]].map(([id, label]) => [`${k}:${id}`, label])),
  )
  const links = transactionLinks(remote, snap, match.contacts, nowMs)
  // Planned as linked already: the run settles these links before anything is sent.
  const linkedSnap = { ...snap, mappings: [...snap.mappings, ...links] }
  const p = plan({ ...planInputOf(linkedSnap, nowMs), match, remoteLabels })
  const localLabel = {
    contact: new Map(snap.records.contacts.map((c) => [c.id as string, c.displayName])),
    item: new Map(snap.records.items.map((i) => [i.id as string, i.name])),
  }
  const preview: InitialPreview = {
    counts: p.counts,
    plan: p,
    decisions: p.decisions.map((d) => {
      const k = d.kind === 'item' ? 'item' : 'contact'
      return {
        ...d,
        labels: Object.fromEntries([
          ...d.localIds.map((id) => [id, localLabel[k].get(id) ?? id]),
          ...d.qboIds.map((id) => [`qbo:${id}`, labels[k].get(id) ?? id]),
        ]),
      }
    }),
  }
  return { remote, byKey, match, snap, preview, links }
}

function transactionLinks(remote: Remote, snap: LocalSnapshot, contacts: MatchResult, nowMs: number): Mapping[] {
  const contactQbo = new Map<string, string>()
  for (const m of snap.mappings) if (m.kind === 'contact' && m.status !== 'unlinked') contactQbo.set(m.localId, m.qboId)
  for (const l of contacts.links) contactQbo.set(l.localId, l.qboId)
  return relink({
    records: snap.records,
    mappings: snap.mappings,
    outbox: snap.outbox,
    contactQbo,
    remote: { customers: remote.customers, ...remote.history },
    realmId: snap.settings.syncedRealmId ?? '',
    at: new Date(nowMs).toISOString(),
  })
}

/** Executes the preview with the user's decisions; links and creations here first, then the batches. */
export async function runInitialSync(
  session: InitialSyncSession,
  decisions: readonly MatchDecision[],
  deps: RunnerDeps,
): Promise<RunSummary> {
  const firstSnap = await deps.store.snapshot()
  const first = matchAndPlan(session.remote, firstSnap, deps.clock.now(), decisions)
  await deps.store.settle(first.links.map((m) => linkedAgain({ ...m, realmId: deps.realmId })))
  const snap = await deps.store.snapshot()
  const planned = matchAndPlan(session.remote, snap, deps.clock.now(), decisions)
  // Accounts the settings leave unchosen are QuickBooks' usual ones, as every later push uses.
  const summary = await executePlan(planned.preview.plan, {
    accounts: usualAccounts(session.remote.accounts),
    ...deps,
    remote: planned.byKey,
    logSkips: true,
  })
  await foldHistory(deps, { ...session.remote, ...session.remote.history })
  const numbers = await latestDocNumbers(deps.gateway)
  // Without them the number stays where it was; the next pull's invoices move it.
  if (numbers.ok) await deps.store.moveInvoiceNumberPast(numbers.value)
  // QuickBooks' clock at the preview's first read: changes made there while the user reviewed come next pull.
  await deps.store.setCheckpoint(checkpointOfRead(session.remote.time, deps.clock.now()), deps.realmId)
  return summary
}

/** A link found at the initial sync, with its log row. */
function linkedAgain(m: Mapping) {
  const details = `Linked to QuickBooks ${m.kind} ${m.qboId} (already there)`
  const row = { at: m.updatedAt, kind: m.kind, localId: m.localId, qboId: m.qboId, label: `${m.kind} ${m.qboId}` }
  return {
    mapping: m,
    doneSeqs: [],
    log: [{ ...row, direction: 'none' as const, status: 'matched' as const, details }],
  }
}

/**
 * The DocNumbers of QuickBooks' newest invoices (one page): QuickBooks numbers invoices in sequence, so the
 * highest is among the latest, and each pull's changed invoices keep the local number past them afterwards.
 */
export async function latestDocNumbers(gateway: QboGateway): Promise<Result<string[], SyncFault>> {
  const r = await gateway.query(
    `SELECT * FROM Invoice ORDERBY MetaData.CreateTime DESC STARTPOSITION 1 MAXRESULTS ${PAGE_SIZE}`,
  )
  if (!r.ok) return r
  const page = ((r.value as Record<string, unknown>)['Invoice'] as QboEntity[] | undefined) ?? []
  return ok(page.map((i) => i['DocNumber']).filter((d): d is string => typeof d === 'string'))
}
