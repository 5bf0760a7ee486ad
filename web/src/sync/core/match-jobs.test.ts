import { describe, expect, it } from 'vitest'
import { matchJobs, type LocalJobCandidate, type RemoteJobCandidate } from './match-jobs.ts'
import type { MatchResult } from './match-types.ts'

describe('matchJobs', () => {
  it.each<[string, LocalJobCandidate[], RemoteJobCandidate[], Partial<MatchResult>]>([
    [
      'same parent, same name: linked',
      [{ id: 'j1', name: 'Kitchen remodel', parentQboId: '7' }],
      [{ id: '8', name: 'kitchen  Remodel', parentQboId: '7' }],
      { links: [{ localId: 'j1', qboId: '8', via: 'name' }], localOnly: [], remoteOnly: [] },
    ],
    [
      'same name under another parent: not the same job',
      [{ id: 'j1', name: 'Kitchen', parentQboId: '7' }],
      [{ id: '8', name: 'Kitchen', parentQboId: '22' }],
      { links: [], localOnly: ['j1'], remoteOnly: ['8'] },
    ],
    [
      'a job whose contact is not linked yet stays unmatched',
      [{ id: 'j1', name: 'Kitchen' }],
      [{ id: '8', name: 'Kitchen', parentQboId: '7' }],
      { links: [], localOnly: ['j1'] },
    ],
    [
      'two sub-customers of one parent with one name: asked, shown by the name',
      [{ id: 'j1', name: 'Deck', parentQboId: '7' }],
      [
        { id: '8', name: 'Deck', parentQboId: '7' },
        { id: '9', name: 'deck', parentQboId: '7' },
      ],
      { links: [], ambiguous: [{ reason: 'name', key: 'deck', localIds: ['j1'], qboIds: ['8', '9'] }] },
    ],
    [
      'an inactive sub-customer is asked about, not reactivated',
      [{ id: 'j1', name: 'Deck', parentQboId: '7' }],
      [{ id: '8', name: 'Deck', parentQboId: '7', active: false }],
      { links: [], ambiguous: [{ reason: 'inactive', key: 'deck', localIds: ['j1'], qboIds: ['8'] }] },
    ],
  ])('%s', (_n, local, remote, expected) => {
    expect(matchJobs(local, remote, [])).toMatchObject(expected)
  })
})
