import { describe, expect, it } from 'vitest'
import { applyDecisions, type MatchDecision } from './decisions.ts'
import type { MatchResult } from './match-types.ts'

const asked: MatchResult = {
  links: [],
  localOnly: [],
  remoteOnly: [],
  orphanedMappings: [],
  ambiguous: [{ reason: 'name', key: 'ann lee', localIds: ['c1', 'c2'], qboIds: ['58', '59'] }],
}
const answer = (localId: string, qboId: string | null): MatchDecision => ({ kind: 'contact', localId, qboId })

describe('applyDecisions', () => {
  it.each<[string, MatchDecision[], Pick<MatchResult, 'links' | 'localOnly' | 'ambiguous'>]>([
    ['no answer leaves the group asked', [], { links: [], localOnly: [], ambiguous: asked.ambiguous }],
    [
      'a pick links, and the rest of the group stays asked without it',
      [answer('c1', '58')],
      {
        links: [{ localId: 'c1', qboId: '58', via: 'name' }],
        localOnly: [],
        ambiguous: [{ reason: 'name', key: 'ann lee', localIds: ['c2'], qboIds: ['59'] }],
      },
    ],
    [
      '"none of these" creates it in QuickBooks',
      [answer('c1', null), answer('c2', null)],
      { links: [], localOnly: ['c1', 'c2'], ambiguous: [] },
    ],
    [
      'a QuickBooks record picked twice links once; the second is created',
      [answer('c1', '58'), answer('c2', '58')],
      { links: [{ localId: 'c1', qboId: '58', via: 'name' }], localOnly: ['c2'], ambiguous: [] },
    ],
    [
      'a pick outside the group is not taken',
      [answer('c1', '77'), answer('c2', '59')],
      { links: [{ localId: 'c2', qboId: '59', via: 'name' }], localOnly: ['c1'], ambiguous: [] },
    ],
  ])('%s', (_name, decisions, expected) => {
    expect(applyDecisions(asked, decisions)).toMatchObject(expected)
  })
})
