import { describe, expect, it } from 'vitest'
import { balanceOf, overApplied, reserve, type Balances, type PaymentCheck } from './balances.ts'
import { testLocalId } from '../test-support/local-ids.ts'

const i1 = testLocalId(1)
const check = (amount: number, previous = 0): PaymentCheck => ({
  applications: [{ invoiceId: i1, amount }],
  previous: previous === 0 ? [] : [{ invoiceId: i1, amount: previous }],
  qboIdOf: (id) => (id === i1 ? '130' : undefined),
  labelOf: () => 'Invoice 1001',
})
const balances = (): Balances => new Map([['130', { balance: 8_000, total: 10_000 }]])

describe('balanceOf', () => {
  it.each([
    [
      { TotalAmt: 100, Balance: 80 },
      { balance: 8_000, total: 10_000 },
    ],
    [{ TotalAmt: 100 }, { balance: 10_000, total: 10_000 }],
    [{ Balance: 80 }, undefined],
  ])('%j → %j', (entity, expected) => {
    expect(balanceOf(entity)).toStrictEqual(expected)
  })
})

describe('overApplied', () => {
  it.each<[string, PaymentCheck, 'create' | 'update' | 'void', string | undefined]>([
    ['within the balance', check(8_000), 'create', undefined],
    ['over the balance', check(8_620), 'create', 'over-balance'],
    ['over, but what it applied before is counted in the balance', check(8_620, 1_000), 'update', undefined],
    ['a void applies nothing', check(8_620), 'void', undefined],
  ])('%s', (_name, c, action, code) => {
    expect(overApplied({ action }, c, balances())?.code).toBe(code)
  })

  it("names both amounts in the user's words", () => {
    expect(overApplied({ action: 'create' }, check(8_620), balances())?.userMessage).toBe(
      'Invoice 1001 has 80.00 left to pay in QuickBooks (its total there is 100.00), but this payment applies 86.20 ' +
        "to it. Check the invoice's total, then change the amount applied.",
    )
  })
})

describe('reserve', () => {
  it('takes a payment off the balance, never below zero, and leaves the given map as it was', () => {
    const before = balances()
    expect(reserve(check(3_000), before).get('130')).toStrictEqual({ balance: 5_000, total: 10_000 })
    expect(reserve(check(9_000), before).get('130')).toStrictEqual({ balance: 0, total: 10_000 })
    expect(before.get('130')).toStrictEqual({ balance: 8_000, total: 10_000 })
  })
})
