import { describe, expect, it } from 'vitest'
import { LocalId, QboId } from '#shared/ids.ts'
import { buildSyncIndex, faultOf, recordSyncState, type MappingView, type OutboxView } from './record-sync-state.ts'

const id = LocalId.parse('00000000-0000-4000-8000-000000000001')
const at = '2026-03-01T00:00:00.000Z'
const mapping = (over: Partial<MappingView> = {}): MappingView => ({
  localId: id,
  qboId: QboId.parse('58'),
  syncedVersion: 3,
  status: 'synced',
  ...over,
})
const row = (over: Partial<OutboxView> = {}): OutboxView => ({ localId: id, version: 4, op: 'update', ...over })

describe('recordSyncState', () => {
  it('is up to date when the synced version is the record version and nothing is queued', () => {
    expect(recordSyncState({ version: 3 }, mapping(), [])).toMatchObject({ tone: 'synced', qboId: '58' })
  })

  it('waits (yellow) when an edit is queued, worded by whether QuickBooks has it already', () => {
    expect(recordSyncState({ version: 4 }, mapping(), [row()])).toMatchObject({
      tone: 'pending',
      label: 'Edited since the last sync',
      retrying: false,
    })
    expect(recordSyncState({ version: 1 }, undefined, [row({ op: 'create', version: 1 })])).toMatchObject({
      tone: 'pending',
      label: 'Waiting to be sent to QuickBooks',
    })
    // A mapping behind the record with no row (should not happen) is still not shown as up to date.
    expect(recordSyncState({ version: 5 }, mapping(), [])).toMatchObject({ tone: 'pending' })
  })

  it('is still waiting while an automatic retry is scheduled, and says why', () => {
    const s = recordSyncState({ version: 4 }, mapping(), [
      row({ lastError: { code: 'network', message: 'No connection to QuickBooks.', at }, nextAttemptAt: at }),
    ])
    expect(s).toMatchObject({ tone: 'pending', retrying: true, label: 'No connection to QuickBooks.' })
  })

  it('fails (red) when a row waits for the user, with the kind and action behind the stored code', () => {
    const dup = recordSyncState({ version: 1 }, undefined, [
      row({ lastError: { code: '6240', message: 'Name in use', at } }),
    ])
    expect(dup).toMatchObject({
      tone: 'failed',
      kind: 'duplicate',
      action: 'rename-or-link',
      message: 'Name in use',
      field: 'DisplayName',
    })
    const gone = recordSyncState(
      { version: 4 },
      mapping({ status: 'error', lastError: { code: '610', message: 'Deleted', at } }),
      [],
    )
    expect(gone).toMatchObject({ tone: 'failed', kind: 'notFound', action: 'unlink-and-recreate' })
  })

  it('points the fix at the field the refusal named: account references in Settings, the rest on the record', () => {
    const account = recordSyncState({ version: 1 }, undefined, [
      row({
        op: 'create',
        version: 1,
        lastError: {
          code: 'map',
          message: 'Choose a default income account in Settings → QuickBooks before sending items.',
          at,
          field: 'IncomeAccountRef',
        },
      }),
    ])
    expect(account).toMatchObject({ tone: 'failed', action: 'fix-field', field: 'IncomeAccountRef', fixIn: 'settings' })
    const deposit = recordSyncState(
      { version: 4 },
      mapping({ status: 'error', lastError: { code: '2020', message: 'Required', at, field: 'DepositToAccountRef' } }),
      [],
    )
    expect(deposit).toMatchObject({ tone: 'failed', field: 'DepositToAccountRef', fixIn: 'settings' })
    const email = recordSyncState({ version: 1 }, undefined, [
      row({ lastError: { code: '2050', message: 'Too long', at, field: 'PrimaryEmailAddr' } }),
    ])
    expect(email).toMatchObject({ tone: 'failed', action: 'fix-field', field: 'PrimaryEmailAddr', fixIn: 'record' })
    // Nothing stored: the field known for the code, or none, and the record's page.
    const dup = recordSyncState({ version: 1 }, undefined, [
      row({ lastError: { code: '6240', message: 'Name in use', at } }),
    ])
    expect(dup).toMatchObject({ field: 'DisplayName', fixIn: 'record' })
    expect(
      recordSyncState({ version: 1 }, undefined, [row({ lastError: { code: '6000', message: 'Incomplete', at } })]),
    ).toMatchObject({ fixIn: 'record' })
  })

  it('is grey for drafts and records never sent', () => {
    expect(recordSyncState({ version: 2, draft: true }, undefined, [])).toMatchObject({
      tone: 'none',
      label: expect.stringContaining('Draft'),
    })
    expect(recordSyncState({ version: 2 }, undefined, [])).toMatchObject({ tone: 'none', label: 'Not in QuickBooks' })
    expect(recordSyncState({ version: 2 }, mapping({ status: 'unlinked' }), [])).toMatchObject({ tone: 'none' })
  })
})

describe('faultOf', () => {
  it.each([
    ['3200', 'auth', 'reconnect'],
    ['http-401', 'auth', 'reconnect'],
    ['6240', 'duplicate', 'rename-or-link'],
    ['610', 'notFound', 'unlink-and-recreate'],
    ['2020', 'validation', 'fix-field'],
    ['network', 'transient', 'retry'],
    ['http-503', 'transient', 'retry'],
    ['unverified-payment', 'validation', 'none'],
  ] as const)('%s → %s / %s', (code, kind, action) => {
    expect(faultOf({ code })).toMatchObject({ kind, action })
  })
})

describe('buildSyncIndex', () => {
  it('keeps only rows of its kind and groups them by record', () => {
    const other = LocalId.parse('00000000-0000-4000-8000-000000000002')
    const index = buildSyncIndex(
      'invoice',
      [mapping()],
      [
        { ...row(), kind: 'invoice' },
        { ...row({ version: 5 }), kind: 'invoice' },
        { ...row({ localId: other }), kind: 'contact' },
      ],
    )
    expect(index.outbox.get(id)).toHaveLength(2)
    expect(index.outbox.has(other)).toBe(false)
    const stateOf = (localId: string, version: number) =>
      recordSyncState({ version }, index.mappings.get(localId), index.outbox.get(localId) ?? [])
    expect(stateOf(id, 5).tone).toBe('pending')
    expect(stateOf(other, 1).tone).toBe('none')
  })
})
