import { describe, expect, it } from 'vitest'
import { checkStatement } from './query-statement.ts'

describe('query statements the proxy forwards', () => {
  it.each([
    "SELECT * FROM Customer WHERE Active IN (true,false) AND MetaData.LastUpdatedTime > '2026-01-01' STARTPOSITION 1 MAXRESULTS 1000",
    "SELECT * FROM Invoice WHERE Id IN ('1', '2') MAXRESULTS 1000",
    'SELECT * FROM Invoice ORDERBY MetaData.CreateTime DESC STARTPOSITION 1 MAXRESULTS 1000',
    "SELECT * FROM Item WHERE Name = 'O\\'Brien\\'s pipe'",
    'select * from Account where Active = true maxresults 1000',
    'select count(*) from payment',
    'SELECT * FROM Preferences',
    '  SELECT *\n  FROM Customer\n',
  ])('forwards %s', (statement) => {
    expect(checkStatement(statement)).toBeNull()
  })

  it.each([
    ['SELECT * FROM Vendor', 'queries of Vendor'],
    ['select * from Employee where Active = true', 'queries of Employee'],
    ['SELECT * FROM CustomerType', 'queries of CustomerType'],
    ['SELECT * FROM Customer, Vendor', 'only SELECT'],
    ['SELECT * FROM Customer;SELECT * FROM Bill', 'only SELECT'],
    ['SELECT Id FROM Customer', 'only SELECT'],
    ['DELETE FROM Customer', 'only SELECT'],
    ['', 'only SELECT'],
  ])('refuses %s', (statement, reason) => {
    expect(checkStatement(statement)).toContain(reason)
  })
})
