import { describe, expect, it } from 'vitest'
import { usualAccounts } from './usual-accounts.ts'

const a = (Id: string, AccountType: string, AccountSubType: string, over: object = {}) =>
  ({ Id, AccountType, AccountSubType, Active: true, ...over }) as Parameters<typeof usualAccounts>[0][number]

describe('usualAccounts', () => {
  it('picks by subtype, not by position: a discount account listed first is never the income account', () => {
    const chart = [
      a('1', 'Income', 'DiscountsRefundsGiven'),
      a('2', 'Income', 'ServiceFeeIncome'),
      a('3', 'Income', 'SalesOfProductIncome', { Active: false }),
      a('4', 'Income', 'SalesOfProductIncome'),
      a('5', 'Bank', 'Checking'),
      a('6', 'Other Current Asset', 'UndepositedFunds'),
      a('7', 'Cost of Goods Sold', 'CostOfLaborCos'),
      a('8', 'Cost of Goods Sold', 'SuppliesMaterialsCogs'),
    ]
    expect(usualAccounts(chart)).toEqual({ income: '4', expense: '8', deposit: '6' })
  })

  it('falls back to another sales income and any cost of goods account, and leaves the deposit to QuickBooks', () => {
    const chart = [
      a('1', 'Income', 'DiscountsRefundsGiven'),
      a('2', 'Income', 'ServiceFeeIncome'),
      a('3', 'Cost of Goods Sold', 'CostOfLaborCos'),
    ]
    expect(usualAccounts(chart)).toEqual({ income: '2', expense: '3', deposit: undefined })
  })
})
