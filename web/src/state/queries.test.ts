import { describe, expect, it, vi } from 'vitest'
import type { DeviceId, SessionResponse } from '#shared/api/index.ts'
import { accountsQuery, createAppQueryClient, queryKeys, sessionQuery } from './queries.ts'
import type { loadAccounts } from './qbo-connection.ts'

const session: SessionResponse = {
  connected: true,
  realmId: '9130',
  companyName: 'Okafor Plumbing',
  refreshTokenExpiresAt: '2026-06-01T00:00:00.000Z',
  needsReconnect: false,
  device: {
    id: 'device-one-0000000' as DeviceId,
    name: 'Tablet',
    role: 'owner',
    lastSeenAt: '2026-03-01T00:00:00Z',
    addedAt: '2026-03-01T00:00:00Z',
  },
  deviceCount: 1,
  changes: { seq: 0, changed: false, entities: [] },
}

/** A fetch that answers each call with the next body, or fails like a network error for `'offline'`. */
function edge(...answers: (unknown | 'offline')[]) {
  const calls: string[] = []
  const fetchFn = vi.fn(async (input: RequestInfo | URL) => {
    calls.push(String(input))
    const next = answers.shift()
    if (next === 'offline') throw new TypeError('Failed to fetch')
    return new Response(JSON.stringify(next))
  })
  return { fetchFn: fetchFn as unknown as typeof fetch, calls }
}

describe('sessionQuery', () => {
  it('asks /api/session and keeps the parsed session', async () => {
    const client = createAppQueryClient()
    const { fetchFn, calls } = edge(session)
    expect(await client.fetchQuery(sessionQuery(fetchFn))).toEqual(session)
    expect(calls).toEqual(['/api/session'])
    expect(client.getQueryData(queryKeys.session)).toEqual(session)
  })

  it('takes a body that is not a session as no session', async () => {
    const { fetchFn } = edge({ error: 'nope' })
    expect(await createAppQueryClient().fetchQuery(sessionQuery(fetchFn))).toBeNull()
  })

  it('keeps the last answer when the edge cannot be reached, asking once (no retries)', async () => {
    const client = createAppQueryClient()
    const { fetchFn, calls } = edge(session, 'offline')
    await client.fetchQuery(sessionQuery(fetchFn))
    await expect(client.fetchQuery({ ...sessionQuery(fetchFn), staleTime: 0 })).rejects.toThrow('Failed to fetch')
    expect(calls).toHaveLength(2)
    expect(client.getQueryData(queryKeys.session)).toEqual(session)
  })

  it('answers from the cache until asked again: screens that mount later do not refetch', async () => {
    const client = createAppQueryClient()
    const { fetchFn, calls } = edge(session, { connected: false, needsReconnect: true })
    await client.fetchQuery(sessionQuery(fetchFn))
    expect(await client.fetchQuery(sessionQuery(fetchFn))).toEqual(session)
    expect(calls).toHaveLength(1)
    expect(await client.fetchQuery({ ...sessionQuery(fetchFn), staleTime: 0 })).toEqual({
      connected: false,
      needsReconnect: true,
    })
  })
})

describe('accountsQuery', () => {
  it('keeps each company’s accounts apart and a refusal as a value the form shows', async () => {
    const client = createAppQueryClient()
    const load = vi.fn(async (realmId: string) =>
      realmId === '9130'
        ? { ok: true as const, value: { deposit: [{ id: '1', name: 'Checking' }], income: [], expense: [] } }
        : { ok: false as const, error: { kind: 'fault' as const, message: 'QuickBooks is unavailable.' } },
    ) satisfies typeof loadAccounts
    expect(await client.fetchQuery(accountsQuery('9130', load))).toEqual({
      ok: true,
      value: { deposit: [{ id: '1', name: 'Checking' }], income: [], expense: [] },
    })
    expect(await client.fetchQuery(accountsQuery('77', load))).toEqual({
      ok: false,
      error: { kind: 'fault', message: 'QuickBooks is unavailable.' },
    })
    expect(load.mock.calls).toEqual([['9130'], ['77']])
    expect(client.getQueryData(queryKeys.accounts('9130'))).toMatchObject({ ok: true })
  })
})
