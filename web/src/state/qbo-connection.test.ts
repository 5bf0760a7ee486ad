import { describe, expect, it } from 'vitest'
import type { DeviceId, SessionResponse } from '#shared/api/index.ts'
import type { QboAccount } from '#shared/qbo/index.ts'
import { cardState, groupAccounts } from './qbo-connection.ts'

const now = Date.parse('2026-03-01T00:00:00.000Z')
const day = 86_400_000
const connected = (over: Partial<Extract<SessionResponse, { connected: true }>> = {}): SessionResponse => ({
  connected: true,
  realmId: '9130',
  companyName: 'Okafor Plumbing',
  refreshTokenExpiresAt: new Date(now + 90 * day).toISOString(),
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
  ...over,
})

describe('cardState', () => {
  it('shows the company, connected, with no warning while the refresh token has time left', () => {
    expect(cardState(connected(), undefined, now)).toEqual({
      state: 'connected',
      companyName: 'Okafor Plumbing',
      realmId: '9130',
    })
  })

  it('warns when the refresh token nears its 100 days, with the days left', () => {
    const s = cardState(
      connected({ refreshTokenExpiresAt: new Date(now + 5 * day + 1000).toISOString() }),
      undefined,
      now,
    )
    expect(s).toMatchObject({ state: 'connected', tokenWarning: expect.stringContaining('5 days') })
  })

  it('asks to reconnect with a reason: from the session, or from the engine when a sync was refused', () => {
    expect(cardState({ connected: false, needsReconnect: true }, undefined, now)).toMatchObject({
      state: 'reconnect',
      reason: expect.stringContaining('100 days'),
    })
    expect(cardState(connected({ needsReconnect: true }), undefined, now)).toMatchObject({
      state: 'reconnect',
      companyName: 'Okafor Plumbing',
    })
    const refused = cardState(
      connected(),
      { kind: 'needs_reconnect', message: 'The QuickBooks user who connected is no longer an admin.' },
      now,
    )
    expect(refused).toEqual({
      state: 'reconnect',
      companyName: 'Okafor Plumbing',
      reason: 'The QuickBooks user who connected is no longer an admin.',
    })
    expect(cardState({ connected: false, needsReconnect: false }, undefined, now)).toEqual({ state: 'disconnected' })
  })
})

describe('groupAccounts', () => {
  const acct = (Id: string, Name: string, AccountType: QboAccount['AccountType'], Active = true) =>
    ({ Id, Name, AccountType, Active }) as QboAccount
  it('offers banks and current assets for deposits, income and COGS accounts for items, not inactive ones', () => {
    const g = groupAccounts([
      acct('1', 'Checking', 'Bank'),
      acct('2', 'Undeposited Funds', 'Other Current Asset'),
      acct('3', 'Services', 'Income'),
      acct('4', 'Supplies', 'Cost of Goods Sold'),
      acct('7', 'Fuel', 'Expense'),
      acct('8', 'Penalties', 'Other Expense'),
      acct('5', 'Old bank', 'Bank', false),
      acct('6', 'Accounts Receivable (A/R)', 'Accounts Receivable'),
    ])
    expect(g.deposit.map((a) => a.name)).toEqual(['Checking', 'Undeposited Funds'])
    expect(g.income).toEqual([{ id: '3', name: 'Services' }])
    expect(g.expense).toEqual([{ id: '4', name: 'Supplies' }])
  })
})
