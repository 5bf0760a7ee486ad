// Generated data for bench/sync-core.ts, shared by the Node run and the Chromium worker page, so both time
// exactly the same work. Seeded: every run plans the same thing.
import {
  contactCandidate,
  itemCandidate,
  matchContacts,
  matchItems,
  plan,
  type PlanInput,
  type RemoteCandidate,
  type SyncPlan,
} from '../web/src/sync/core/index.ts'
import { LocalId, QboId, SyncToken } from '#shared/ids.ts'
import { mulberry32 as rng } from '../e2e/qbo-emulator/src/chaos/prng.ts'

const FIRST = [
  'Ann',
  'Bob',
  'Cara',
  'Dev',
  'Eli',
  'Fay',
  'Gus',
  'Hana',
  'Ivan',
  'June',
  'Kofi',
  'Lena',
  'Mo',
  'Nia',
  'Omar',
  'Pia',
]
const LAST = ['Lee', 'Ray', 'Smith', "O'Brien", 'Núñez', 'Khan', 'Berg', 'Costa', 'Dubois', 'Evans', 'Fox', 'Gray']
const TRADE = ['Plumbing', 'Electric', 'Landscaping', 'Roofing', 'HVAC', 'Painting']

export type World = {
  input: Omit<PlanInput, 'match'>
  localContacts: ReturnType<typeof contactCandidate>[]
  remoteCustomers: RemoteCandidate[]
  localItems: ReturnType<typeof itemCandidate>[]
  remoteItems: RemoteCandidate[]
}

/**
 * Contacts: 100,000 here and 100,000 in QuickBooks. Of the local ones, 60 % have a QuickBooks twin with the
 * same email (other case, other name format), 10 % a twin with the same name and no email, 1 % a twin whose
 * name only adds "LLC" (a decision), 1 % share an email with two customers (a decision), the rest exist only
 * here; QuickBooks fills up to 100,000 with customers of its own (3 % inactive). Every local contact has an
 * outbox row, as on a device used offline before connecting.
 */
export function contactsWorld(n: number, seed: number): World {
  const r = rng(seed)
  const pick = <T>(xs: readonly T[]) => xs[Math.floor(r() * xs.length)]!
  const contacts: PlanInput['records']['contacts'][number][] = []
  const local: ReturnType<typeof contactCandidate>[] = []
  const remote: RemoteCandidate[] = []
  const outbox: PlanInput['outbox'][number][] = []
  let q = 1
  for (let i = 0; i < n; i++) {
    const company = i % 3 === 0
    const name = company ? `${pick(LAST)} ${pick(TRADE)} ${i}` : `${pick(FIRST)} ${pick(LAST)} ${i}`
    const email = `client${i}@example.test`
    const id = LocalId.parse(`00000000-0000-4000-8000-${i.toString(16).padStart(12, '0')}`)
    const slot = i % 100
    const hasEmail = slot < 60 || slot >= 72 || r() < 0.5
    contacts.push({ id, version: 1, displayName: name, deletedAt: undefined })
    local.push({ id, name, email: slot >= 60 && slot < 70 ? undefined : hasEmail ? email : undefined })
    outbox.push({ seq: i + 1, kind: 'contact', localId: id, version: 1, op: 'create' })
    if (slot < 60) remote.push({ id: String(q++), name: name.toUpperCase(), email: email.toUpperCase(), active: true })
    else if (slot < 70) remote.push({ id: String(q++), name: `  ${name} `, active: true })
    else if (slot === 70) remote.push({ id: String(q++), name: `${name} LLC`, active: true })
    else if (slot === 71) {
      remote.push({ id: String(q++), name: `${name} (billing)`, email, active: true })
      remote.push({ id: String(q++), name: `${name} (site)`, email, active: true })
    }
  }
  while (remote.length < n)
    remote.push({ id: String(q++), name: `QB Only ${q}`, email: `qb${q}@example.test`, active: r() > 0.03 })
  return {
    input: {
      records: { contacts, items: [], invoices: [], payments: [] },
      outbox,
      mappings: [],
      settings: { subCustomerJobs: false },
      now: '2026-03-01T00:00:00.000Z',
    },
    localContacts: local,
    remoteCustomers: remote,
    localItems: [],
    remoteItems: [],
  }
}

/**
 * A working company: 40,000 contacts (half linked already), 1,000 items, 50,000 finalized invoices of 2–4
 * lines and 9,000 payments here (100,000 records); QuickBooks holds 98,000 customers and 2,000 items.
 */
export function mixedWorld(seed: number): World {
  const r = rng(seed)
  // The kind's number sits in the version group (1f41…1f43: versions 1), so these ids sort before the contacts' as
  // they always have, and are valid UUIDs (the variant group of a UUID must start with 8–b).
  const uuid = (p: number, i: number) =>
    LocalId.parse(`00000000-0000-${(8000 + p).toString(16)}-8000-${i.toString(16).padStart(12, '0')}`)
  const w = contactsWorld(40_000, seed)
  const contacts = w.input.records.contacts
  const mappings: PlanInput['mappings'][number][] = []
  for (let i = 0; i < contacts.length; i += 2) {
    mappings.push({
      kind: 'contact',
      localId: contacts[i]!.id,
      qboId: QboId.parse(String(900_000 + i)),
      syncToken: SyncToken.parse('0'),
      syncedVersion: 1,
      status: 'synced',
    })
  }
  const items = Array.from({ length: 1000 }, (_, i) => ({
    id: uuid(1, i),
    version: 1,
    name: `Item ${i}`,
    deletedAt: undefined,
  }))
  const localItems = items.map((i) => itemCandidate(i))
  const remoteItems: RemoteCandidate[] = Array.from({ length: 2000 }, (_, i) => ({
    id: String(500_000 + i),
    name: `item ${i * 2}`,
    active: true,
  }))
  const invoices = Array.from({ length: 50_000 }, (_, i) => ({
    id: uuid(2, i),
    version: 1,
    number: String(1000 + i),
    status: 'finalized' as const,
    jobId: undefined,
    deletedAt: undefined,
    contactId: contacts[Math.floor(r() * contacts.length)]!.id,
    lines: Array.from({ length: 2 + Math.floor(r() * 3) }, () => ({
      itemId: items[Math.floor(r() * items.length)]!.id,
    })),
  }))
  const payments = Array.from({ length: 9000 }, (_, i) => {
    const inv = invoices[Math.floor(r() * invoices.length)]!
    return {
      id: uuid(3, i),
      version: 1,
      date: '2026-03-02',
      contactId: inv.contactId,
      deletedAt: undefined,
      applications: [{ invoiceId: inv.id }],
    }
  })
  let seq = w.input.outbox.length
  const outbox = [
    ...w.input.outbox,
    ...items.map((x) => ({ seq: ++seq, kind: 'item' as const, localId: x.id, version: 1, op: 'create' as const })),
    ...invoices.map((x) => ({
      seq: ++seq,
      kind: 'invoice' as const,
      localId: x.id,
      version: 1,
      op: 'create' as const,
    })),
    ...payments.map((x) => ({
      seq: ++seq,
      kind: 'payment' as const,
      localId: x.id,
      version: 1,
      op: 'create' as const,
    })),
  ]
  const remoteCustomers = [...w.remoteCustomers]
  while (remoteCustomers.length < 98_000)
    remoteCustomers.push({
      id: String(700_000 + remoteCustomers.length),
      name: `Extra ${remoteCustomers.length}`,
      active: true,
    })
  return {
    input: { ...w.input, records: { contacts, items, invoices, payments }, outbox, mappings },
    localContacts: w.localContacts,
    remoteCustomers,
    localItems,
    remoteItems,
  }
}

export function matchAndPlan(w: World): SyncPlan {
  const pairs = w.input.mappings.map((m) => ({ localId: m.localId as string, qboId: m.qboId as string }))
  const contacts = matchContacts(
    w.localContacts,
    w.remoteCustomers,
    pairs.filter((_, i) => w.input.mappings[i]!.kind === 'contact'),
  )
  const items = matchItems(w.localItems, w.remoteItems, [])
  return plan({ ...w.input, match: { contacts, items } })
}

/** The two benchmark worlds, by label. */
export const WORLDS: readonly { label: string; make: () => World }[] = [
  { label: '100,000 contacts vs 100,000 customers (initial sync)', make: () => contactsWorld(100_000, 1) },
  {
    label: '40k contacts + 1k items + 50k invoices + 9k payments vs 98k customers + 2k items',
    make: () => mixedWorld(2),
  },
]

export interface WorldTimes {
  label: string
  times: number[]
  counts: SyncPlan['counts']
  batches: number
}

/** One warm-up, then `runs` timed runs of match + plan on a fresh world; wall-clock ms from `performance.now`. */
export function timeWorld(label: string, w: World, runs: number, onRun?: () => void): WorldTimes {
  let last = matchAndPlan(w)
  const times: number[] = []
  for (let i = 0; i < runs; i++) {
    onRun?.()
    const t0 = performance.now()
    last = matchAndPlan(w)
    times.push(performance.now() - t0)
  }
  return { label, times, counts: last.counts, batches: last.batches.length }
}
