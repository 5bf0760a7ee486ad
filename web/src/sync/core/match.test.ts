import { describe, expect, it } from 'vitest'
import fc from 'fast-check'
import { matchContacts, matchItems } from './match.ts'
import type { LocalCandidate, MappedPair, MatchResult, RemoteCandidate } from './match-types.ts'

type Case = {
  name: string
  local: LocalCandidate[]
  remote: RemoteCandidate[]
  mappings?: MappedPair[]
  expect: Partial<MatchResult>
}

const contactCases: Case[] = [
  {
    name: 'links by email, ignoring case and spaces, even when names differ',
    local: [{ id: 'c1', name: 'Amy Lauterbach', email: ' Birds@Intuit.com' }],
    remote: [{ id: '1', name: "Amy's Bird Sanctuary", email: 'birds@intuit.com' }],
    expect: { links: [{ localId: 'c1', qboId: '1', via: 'email' }], localOnly: [], remoteOnly: [], ambiguous: [] },
  },
  {
    name: 'falls back on the display name when one side has no email',
    local: [{ id: 'c1', name: "O'Brien Electric" }],
    remote: [{ id: '5', name: 'OBrien  electric', email: 'ob@x.test' }],
    expect: { links: [{ localId: 'c1', qboId: '5', via: 'name' }] },
  },
  {
    name: 'email wins over a name that points elsewhere',
    local: [{ id: 'c1', name: 'Ann Lee', email: 'ann@x.test' }],
    remote: [
      { id: '1', name: 'Ann Lee' },
      { id: '2', name: 'A. Lee (billing)', email: 'ANN@x.test' },
    ],
    expect: { links: [{ localId: 'c1', qboId: '2', via: 'email' }], remoteOnly: ['1'] },
  },
  {
    name: 'two customers sharing an email are asked, not guessed',
    local: [{ id: 'c1', name: 'Ann Lee', email: 'office@x.test' }],
    remote: [
      { id: '1', name: 'Ann Lee', email: 'office@x.test' },
      { id: '2', name: 'Bob Lee', email: 'office@x.test' },
    ],
    expect: {
      links: [],
      ambiguous: [{ reason: 'email', key: 'office@x.test', localIds: ['c1'], qboIds: ['1', '2'] }],
      localOnly: [],
      remoteOnly: [],
    },
  },
  {
    name: 'two local contacts with the same name as one customer are asked',
    local: [
      { id: 'c1', name: 'John Smith' },
      { id: 'c2', name: 'john smith' },
    ],
    remote: [{ id: '9', name: 'John Smith' }],
    expect: { links: [], ambiguous: [{ reason: 'name', key: 'john smith', localIds: ['c1', 'c2'], qboIds: ['9'] }] },
  },
  {
    name: 'same name but different emails: maybe two people, so asked',
    local: [{ id: 'c1', name: 'John Smith', email: 'john@home.test' }],
    remote: [{ id: '9', name: 'John Smith', email: 'js@work.test' }],
    expect: { links: [], ambiguous: [{ reason: 'email-differs', key: 'john smith', localIds: ['c1'], qboIds: ['9'] }] },
  },
  {
    name: '"Smith Plumbing" and "Smith Plumbing LLC" are never merged silently',
    local: [{ id: 'c1', name: 'Smith Plumbing' }],
    remote: [{ id: '3', name: 'Smith Plumbing LLC' }],
    expect: {
      links: [],
      ambiguous: [{ reason: 'similar-name', key: 'smith plumbing', localIds: ['c1'], qboIds: ['3'] }],
      localOnly: [],
      remoteOnly: [],
    },
  },
  {
    name: '"Last, First" in QuickBooks against "First Last" here is asked, not linked and not duplicated',
    local: [{ id: 'c1', name: 'Ann Lee' }],
    remote: [{ id: '3', name: 'Lee, Ann' }],
    expect: {
      links: [],
      ambiguous: [{ reason: 'similar-name', key: 'ann lee', localIds: ['c1'], qboIds: ['3'] }],
      localOnly: [],
      remoteOnly: [],
    },
  },
  {
    name: 'punctuation-only differences in the suffix still link: "Inc." = "Inc"',
    local: [{ id: 'c1', name: 'Acme, Inc.' }],
    remote: [{ id: '3', name: 'Acme Inc' }],
    expect: { links: [{ localId: 'c1', qboId: '3', via: 'name' }] },
  },
  {
    name: 'an inactive customer is not linked automatically and not offered to create here',
    local: [{ id: 'c1', name: 'Old Client', email: 'old@x.test' }],
    remote: [
      { id: '4', name: 'Old Client (deleted)', email: 'old@x.test', active: false },
      { id: '5', name: 'Gone', active: false },
    ],
    expect: {
      links: [],
      ambiguous: [{ reason: 'inactive', key: 'old@x.test', localIds: ['c1'], qboIds: ['4'] }],
      remoteOnly: [],
    },
  },
  {
    name: 'existing mappings are kept, even to an inactive customer, and take both records out of matching',
    local: [
      { id: 'c1', name: 'Ann Lee', email: 'ann@x.test' },
      { id: 'c2', name: 'Bob' },
    ],
    remote: [
      { id: '1', name: 'Someone Else', active: false },
      { id: '2', name: 'Ann Lee', email: 'ann@x.test' },
    ],
    mappings: [{ localId: 'c1', qboId: '1' }],
    expect: {
      links: [{ localId: 'c1', qboId: '1', via: 'mapping' }],
      localOnly: ['c2'],
      remoteOnly: ['2'],
      ambiguous: [],
    },
  },
  {
    name: 'mappings whose other side is missing are reported, and the present side is not re-matched',
    local: [{ id: 'c1', name: 'Ann Lee' }],
    remote: [{ id: '2', name: 'Ann Lee' }],
    mappings: [
      { localId: 'c1', qboId: '77' },
      { localId: 'gone', qboId: '2' },
    ],
    expect: {
      links: [],
      localOnly: [],
      remoteOnly: [],
      orphanedMappings: [
        { localId: 'c1', qboId: '77' },
        { localId: 'gone', qboId: '2' },
      ],
    },
  },
  {
    name: 'records with neither email nor name stay on their own side',
    local: [{ id: 'c1' }],
    remote: [{ id: '1' }],
    expect: { links: [], localOnly: ['c1'], remoteOnly: ['1'] },
  },
]

describe('matchContacts', () => {
  it.each(contactCases)('$name', (c) => {
    expect(matchContacts(c.local, c.remote, c.mappings ?? [])).toMatchObject(c.expect)
  })
})

describe('matchItems', () => {
  it.each<Case>([
    {
      name: 'links by name ignoring case and spacing',
      local: [{ id: 'i1', name: 'Pipe  Fitting' }],
      remote: [{ id: '11', name: 'pipe fitting' }],
      expect: { links: [{ localId: 'i1', qboId: '11', via: 'name' }] },
    },
    {
      name: 'punctuation matters for items: "3/4 in. pipe" is not "3/4 in pipe"',
      local: [{ id: 'i1', name: '3/4 in. pipe' }],
      remote: [{ id: '11', name: '3/4 in pipe' }],
      expect: { links: [], localOnly: ['i1'], remoteOnly: ['11'], ambiguous: [] },
    },
    {
      name: 'email is not a key for items',
      local: [{ id: 'i1', name: 'Labor', email: 'x@y.test' }],
      remote: [{ id: '11', name: 'Hours', email: 'x@y.test' }],
      expect: { links: [], localOnly: ['i1'], remoteOnly: ['11'] },
    },
  ])('$name', (c) => {
    expect(matchItems(c.local, c.remote, c.mappings ?? [])).toMatchObject(c.expect)
  })
})

// ---- properties -------------------------------------------------------------------------------------------

const names = ['Ann Lee', 'ann  lee', 'Bob Ray', 'Smith Plumbing', 'Smith Plumbing LLC', "O'Neil", 'ONeil', 'Cy']
const emails = ['a@x.test', 'A@X.test', 'b@x.test', 'c@x.test']
const candidate = fc.record({
  name: fc.option(fc.constantFrom(...names), { nil: undefined }),
  email: fc.option(fc.constantFrom(...emails), { nil: undefined }),
  active: fc.boolean(),
})
const world = fc
  .record({
    local: fc.array(candidate, { maxLength: 12 }),
    remote: fc.array(candidate, { maxLength: 12 }),
    mapCount: fc.nat({ max: 4 }),
  })
  .map(({ local, remote, mapCount }) => {
    const l = local.map(({ name, email }, i) => ({ id: `l${i}`, name, email }))
    const r = remote.map((c, i) => ({ id: `r${i}`, ...c }))
    const n = Math.min(mapCount, l.length, r.length)
    const mappings = Array.from({ length: n }, (_, i) => ({ localId: `l${i}`, qboId: `r${i}` }))
    return { l, r, mappings }
  })

function shuffled<T>(xs: readonly T[], seed: number): T[] {
  const a = [...xs]
  let s = seed >>> 0 || 1
  for (let i = a.length - 1; i > 0; i--) {
    s = (s * 1103515245 + 12345) >>> 0
    const j = s % (i + 1)
    ;[a[i], a[j]] = [a[j]!, a[i]!]
  }
  return a
}

describe('matching properties', () => {
  it('gives the same result whatever the order of the inputs', () => {
    fc.assert(
      fc.property(world, fc.integer(), ({ l, r, mappings }, seed) => {
        const a = matchContacts(l, r, mappings)
        const b = matchContacts(shuffled(l, seed), shuffled(r, seed + 1), shuffled(mappings, seed + 2))
        expect(b).toStrictEqual(a)
        expect(matchItems(shuffled(l, seed), shuffled(r, seed + 3), mappings)).toStrictEqual(matchItems(l, r, mappings))
      }),
    )
  })

  it('puts every record in exactly one place and never links a record twice', () => {
    fc.assert(
      fc.property(world, ({ l, r, mappings }) => {
        const m = matchContacts(l, r, mappings)
        const localPlaces = [
          ...m.links.map((x) => x.localId),
          ...m.ambiguous.flatMap((g) => g.localIds),
          ...m.localOnly,
        ]
        expect([...localPlaces].sort()).toStrictEqual(l.map((x) => x.id).sort())
        const linkedRemote = m.links.map((x) => x.qboId)
        expect(new Set(linkedRemote).size).toBe(linkedRemote.length)
        const remotePlaces = [...linkedRemote, ...m.ambiguous.flatMap((g) => g.qboIds), ...m.remoteOnly]
        expect(new Set(remotePlaces).size).toBe(remotePlaces.length)
        // Inactive records never become "create here".
        for (const id of m.remoteOnly) expect(r.find((x) => x.id === id)?.active).toBe(true)
      }),
    )
  })

  it('never links automatically to an inactive record', () => {
    fc.assert(
      fc.property(world, ({ l, r, mappings }) => {
        for (const link of matchContacts(l, r, mappings).links) {
          if (link.via !== 'mapping') expect(r.find((x) => x.id === link.qboId)?.active).toBe(true)
        }
      }),
    )
  })
})
