/**
 * Pairs local records with QuickBooks records: existing mappings first, then contacts by normalised email,
 * then by normalised display name; items by name. Anything that is not a clean one-to-one pair is reported
 * as ambiguous and never linked: a wrong link would post one client's invoices to another's account.
 *
 * Decisions are made on whole groups of records sharing a key, never record by record, so the result does
 * not depend on input order (and every output list is sorted).
 *
 * Inactive QuickBooks records are never offered as "create here", and are never linked automatically:
 * linking would mean reactivating them (invoices cannot reference an inactive customer), which the user
 * decides. Links that already exist in the mapping table stay, whatever the remote state.
 * @module
 */
import { nameKey, nameStem, normalizeEmail, wordsOfKey } from './normalize.ts'
import type {
  AmbiguityReason,
  AmbiguousGroup,
  LinkVia,
  LocalCandidate,
  MappedPair,
  MatchLink,
  MatchResult,
  RemoteCandidate,
} from './match-types.ts'

export interface Stage {
  /** The candidate's key in this stage; `previous` is its key in the stage before, to build on without redoing. */
  key: (c: LocalCandidate | RemoteCandidate, previous: string | undefined) => string | undefined
  via: LinkVia
  /** Why a group with several candidates on a side is ambiguous. */
  manyReason: AmbiguityReason
  /** A one-to-one group that still must not be linked, and why. */
  veto?: (l: LocalCandidate, r: RemoteCandidate) => AmbiguityReason | undefined
  /** Never links; a group with both sides is always ambiguous. */
  askOnly?: boolean
  /** What the user is shown as the group's key, from its first local record, when the key itself reads badly. */
  shown?: (c: LocalCandidate) => string | undefined
}

const byId = (a: { id: string }, b: { id: string }) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0)
const cmp = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0)
const isActive = (r: RemoteCandidate) => r.active !== false

/** Candidates by key; a lone candidate is stored as itself, so the common one-per-key case allocates nothing. */
type Buckets<T> = Map<string, T | T[]>
function add<T>(m: Buckets<T>, k: string, c: T): void {
  const had = m.get(k)
  if (had === undefined) m.set(k, c)
  else if (Array.isArray(had)) had.push(c)
  else m.set(k, [had, c])
}
const asList = <T>(v: T | T[]): T[] => (Array.isArray(v) ? v : [v])

export function runStages(
  local: readonly LocalCandidate[],
  remote: readonly RemoteCandidate[],
  mappings: readonly MappedPair[],
  stages: readonly Stage[],
): MatchResult {
  const links: MatchLink[] = []
  const orphanedMappings: MappedPair[] = []
  let poolL: readonly LocalCandidate[] = local
  let poolR: readonly RemoteCandidate[] = remote
  if (mappings.length > 0) {
    const localIds = new Set(local.map((l) => l.id))
    const remoteIds = new Set(remote.map((r) => r.id))
    const mappedLocal = new Set<string>()
    const mappedRemote = new Set<string>()
    for (const m of mappings) {
      mappedLocal.add(m.localId)
      mappedRemote.add(m.qboId)
      if (localIds.has(m.localId) && remoteIds.has(m.qboId))
        links.push({ localId: m.localId, qboId: m.qboId, via: 'mapping' })
      else orphanedMappings.push({ localId: m.localId, qboId: m.qboId })
    }
    poolL = local.filter((l) => !mappedLocal.has(l.id))
    poolR = remote.filter((r) => !mappedRemote.has(r.id))
  }
  const ambiguous: AmbiguousGroup[] = []
  let prevL: (string | undefined)[] = []
  let prevR: (string | undefined)[] = []

  for (const stage of stages) {
    // Only remote records sharing a key with some local one can pair, so only those are bucketed. Every group
    // with both sides is settled (linked or asked), so a record goes on to the next stage exactly when its key
    // found no partner: the keys are kept to tell, instead of a set of taken records.
    const keysL = poolL.map((l, i) => stage.key(l, prevL[i]))
    const byKeyL: Buckets<LocalCandidate> = new Map()
    for (let i = 0; i < poolL.length; i++) {
      const k = keysL[i]
      if (k !== undefined) add(byKeyL, k, poolL[i]!)
    }
    const keysR = poolR.map((r, i) => stage.key(r, prevR[i]))
    const byKeyR: Buckets<RemoteCandidate> = new Map()
    for (let i = 0; i < poolR.length; i++) {
      const k = keysR[i]
      if (k !== undefined && byKeyL.has(k)) add(byKeyR, k, poolR[i]!)
    }
    for (const [key, rv] of byKeyR) {
      const ls = asList(byKeyL.get(key)!)
      const rs = asList(rv)
      let reason: AmbiguityReason | undefined
      if (stage.askOnly || ls.length > 1 || rs.length > 1) reason = stage.manyReason
      else {
        const l = ls[0]!,
          r = rs[0]!
        reason = stage.veto?.(l, r) ?? (isActive(r) ? undefined : 'inactive')
        if (reason === undefined) links.push({ localId: l.id, qboId: r.id, via: stage.via })
      }
      if (reason !== undefined) {
        const localIds = ls.map((c) => c.id).sort(cmp)
        const first = stage.shown && ls.find((c) => c.id === localIds[0])
        ambiguous.push({
          reason,
          key: (first && stage.shown?.(first)) ?? key,
          localIds,
          qboIds: rs.map((c) => c.id).sort(cmp),
        })
      }
    }
    prevL = keysL
    prevR = keysR
    if (byKeyR.size > 0) {
      const unpaired = (k: string | undefined) => k === undefined || !byKeyR.has(k)
      poolL = poolL.filter((_, i) => unpaired(keysL[i]))
      poolR = poolR.filter((_, i) => unpaired(keysR[i]))
      prevL = keysL.filter(unpaired)
      prevR = keysR.filter(unpaired)
    }
  }

  links.sort((a, b) => cmp(a.localId, b.localId))
  ambiguous.sort((a, b) => cmp(a.reason, b.reason) || cmp(a.key, b.key))
  orphanedMappings.sort((a, b) => cmp(a.localId, b.localId) || cmp(a.qboId, b.qboId))
  return {
    links,
    ambiguous,
    localOnly: [...poolL].sort(byId).map((l) => l.id),
    remoteOnly: poolR
      .filter(isActive)
      .sort(byId)
      .map((r) => r.id),
    orphanedMappings,
  }
}

const CONTACT_STAGES: readonly Stage[] = [
  { key: (c) => normalizeEmail(c.email), via: 'email', manyReason: 'email' },
  {
    key: (c) => nameKey(c.name),
    via: 'name',
    manyReason: 'name',
    veto: (l, r) => {
      const le = normalizeEmail(l.email),
        re = normalizeEmail(r.email)
      return le !== undefined && re !== undefined && le !== re ? 'email-differs' : undefined
    },
  },
  // Builds on the name stage's key (nameKey) rather than normalising every leftover name again.
  {
    key: (_c, key) => (key === undefined ? undefined : wordsOfKey(key)),
    shown: (c) => nameStem(c.name),
    via: 'name',
    manyReason: 'similar-name',
    askOnly: true,
  },
]

/**
 * Contacts ↔ QuickBooks customers.
 * @example matchContacts([{ id: 'c1', name: 'Ann Lee', email: 'ANN@x.test' }], [{ id: '7', name: 'Lee, Ann', email: 'ann@x.test' }], [])
 *   // links: [{ localId: 'c1', qboId: '7', via: 'email' }]
 */
export function matchContacts(
  local: readonly LocalCandidate[],
  remote: readonly RemoteCandidate[],
  mappings: readonly MappedPair[],
): MatchResult {
  return runStages(local, remote, mappings, CONTACT_STAGES)
}

/**
 * Item names compare exactly except for case and spacing: QuickBooks treats "Pipe fitting" and "pipe  fitting"
 * as the same name (creating the second fails as a duplicate), so they must be the same item here too.
 */
export function itemNameKey(name: string | undefined): string | undefined {
  if (name === undefined) return undefined
  const k = name.trim().replace(/\s+/g, ' ').toLowerCase()
  return k === '' ? undefined : k
}

const ITEM_STAGES: readonly Stage[] = [{ key: (c) => itemNameKey(c.name), via: 'name', manyReason: 'name' }]

/** Pricebook items ↔ QuickBooks items, by name. */
export function matchItems(
  local: readonly LocalCandidate[],
  remote: readonly RemoteCandidate[],
  mappings: readonly MappedPair[],
): MatchResult {
  return runStages(local, remote, mappings, ITEM_STAGES)
}
