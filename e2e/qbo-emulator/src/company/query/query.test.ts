import { describe, expect, it } from 'vitest'
import type { Json } from '../types.ts'
import { faultCode, testCompany } from '../test-helpers.ts'
import { parseQuery } from './parser.ts'
import { SMALL_COMPANY } from '../../seeds/small.ts'

const q = (text: string) => `/query?query=${encodeURIComponent(text)}&minorversion=75`
const rows = (body: Json, entity: string) => ((body.QueryResponse as Json)[entity] ?? []) as Json[]

describe('query grammar', () => {
  const parses: [string, object][] = [
    ['SELECT * FROM Customer', { count: false, entity: 'Customer', where: [], orderBy: [] }],
    ['select count(*) from invoice', { count: true, entity: 'invoice' }],
    [
      "SELECT * FROM Customer WHERE DisplayName = 'O\\'Brien & Sons'",
      { where: [{ prop: 'DisplayName', op: '=', value: "O'Brien & Sons" }] },
    ],
    [
      "select * from Item where Active in (true, false) and Type = 'Service'",
      {
        where: [
          { prop: 'Active', op: 'IN', values: [true, false] },
          { prop: 'Type', op: '=', value: 'Service' },
        ],
      },
    ],
    [
      "SELECT * FROM Customer WHERE DisplayName LIKE 'Smith%'",
      { where: [{ prop: 'DisplayName', op: 'LIKE', pattern: 'Smith%' }] },
    ],
    [
      'SELECT * FROM Invoice WHERE TotalAmt >= 100.5 AND TotalAmt < -3',
      {
        where: [
          { op: '>=', value: 100.5 },
          { op: '<', value: -3 },
        ],
      },
    ],
    [
      'SELECT * FROM Customer ORDERBY MetaData.LastUpdatedTime DESC, Id STARTPOSITION 11 MAXRESULTS 5',
      {
        orderBy: [
          { prop: 'MetaData.LastUpdatedTime', desc: true },
          { prop: 'Id', desc: false },
        ],
        startPosition: 11,
        maxResults: 5,
      },
    ],
    ['SELECT * FROM Customer MAXRESULTS 5 STARTPOSITION 2', { startPosition: 2, maxResults: 5 }],
  ]
  for (const [text, expected] of parses) {
    it(`parses ${text}`, () => {
      const r = parseQuery(text)
      expect(r.ok && r.value).toMatchObject(expected)
    })
  }

  const errors: [string, string][] = [
    ['SELECT Id FROM Customer', 'projections'],
    ["SELECT * FROM Customer WHERE DisplayName = 'O'Brien'", 'an unescaped apostrophe'],
    ['SELECT * FROM Customer WHERE DisplayName = \u2018Curly\u2019', 'typographic quotes'],
    ["SELECT * FROM Customer WHERE DisplayName = 'Sean O\u2019Brien'", 'a curly apostrophe inside a quoted string'],
    ["SELECT * FROM Customer WHERE DisplayName = 'Sean O\\\u2019Brien'", 'a backslash-escaped curly apostrophe'],
    ["SELECT * FROM Customer WHERE DisplayName LIKE '\u2018Quoted\u2019%'", 'curly single quotes in a LIKE pattern'],
    [
      "SELECT * FROM Customer WHERE CompanyName = 'The \u201cBest\u201d Plumbing'",
      'curly double quotes inside a string',
    ],
    ["SELECT * FROM Customer WHERE DisplayName = 'a' OR DisplayName = 'b'", 'OR'],
    ["SELECT * FROM Customer WHERE DisplayName != 'a'", '!='],
    ["SELECT * FROM Customer WHERE DisplayName = 'unterminated", 'an unterminated string'],
    ['SELECT * FROM Customer MAXRESULTS', 'a missing number'],
    ['SELECT * FROM Customer GROUP BY DisplayName', 'GROUP BY'],
    ['', 'an empty query'],
  ]
  for (const [text, what] of errors) {
    it(`answers ${what} with 400 / 4000 QueryParserError`, async () => {
      const t = testCompany()
      const r = await t.get(q(text))
      expect(r.status).toBe(400)
      expect(faultCode(r)).toBe('4000')
      expect(JSON.stringify(r.body)).toContain('QueryParserError')
    })
  }

  const invalid: [string, string][] = [
    ['SELECT * FROM Custmoer', 'invalid context declaration: Custmoer'],
    ["SELECT * FROM Customer WHERE Notes = 'x'", "property 'Notes' is not queryable"],
    ["SELECT * FROM Customer WHERE Id > '3'", 'Id'],
    ['SELECT * FROM Customer MAXRESULTS 1500', 'value 1500 is too large. Max allowed value is 1000'],
    ['SELECT * FROM Customer STARTPOSITION 0', 'too small'],
  ]
  for (const [text, detail] of invalid) {
    it(`answers ${text} with 4001 QueryValidationError`, async () => {
      const t = testCompany()
      const r = await t.get(q(text))
      expect(faultCode(r)).toBe('4001')
      expect(JSON.stringify(r.body)).toContain(detail)
    })
  }
})

describe('query results', () => {
  it('finds an apostrophe name escaped with a backslash, case-insensitively, with keywords in any case', async () => {
    const t = testCompany()
    const r = await t.get(q("sElEcT * fRoM customer wHeRe displayname = 'sean o\\'brien'"))
    expect(rows(r.body, 'Customer').map((c) => c.DisplayName)).toEqual(["Sean O'Brien"])
    expect(r.body.QueryResponse).toMatchObject({ startPosition: 1, maxResults: 1 })
  })

  it('reads statements POSTed as application/text', async () => {
    const t = testCompany()
    const r = await t.post(
      '/query?minorversion=75',
      "SELECT * FROM Customer WHERE DisplayName LIKE 'Smith Plumbing%'",
      'application/text',
    )
    expect(rows(r.body, 'Customer').map((c) => c.DisplayName)).toEqual(['Smith Plumbing', 'Smith Plumbing LLC'])
  })

  it('omits the entity key when nothing matches', async () => {
    const t = testCompany()
    expect((await t.get(q("SELECT * FROM Customer WHERE DisplayName = 'Nobody'"))).body.QueryResponse).toEqual({})
  })

  it('leaves inactive rows out unless Active is filtered', async () => {
    const t = testCompany()
    const active = (await t.get(q('SELECT COUNT(*) FROM Customer'))).body.QueryResponse as Json
    const all = (await t.get(q('SELECT COUNT(*) FROM Customer WHERE Active IN (true, false)'))).body
      .QueryResponse as Json
    const inactive = rows((await t.get(q('SELECT * FROM Customer WHERE Active = false'))).body, 'Customer')
    expect(inactive.map((c) => c.DisplayName).sort()).toEqual(['Delta Storage Units', 'Frank Russo', 'Tom Nguyen'])
    expect(Number(all.totalCount) - Number(active.totalCount)).toBe(3)
  })

  it('filters on dotted MetaData.LastUpdatedTime with an offset timestamp or a bare date', async () => {
    const t = testCompany()
    const edited = rows(
      (
        await t.get(
          q(
            "SELECT * FROM Customer WHERE MetaData.LastUpdatedTime > '2026-02-17T00:00:00-08:00' AND Active IN (true,false)",
          ),
        )
      ).body,
      'Customer',
    )
    expect(edited.map((c) => c.DisplayName).sort()).toEqual([
      'Amy Chen',
      'Delta Storage Units',
      'Frank Russo',
      'Tom Nguyen',
    ])
    for (const c of edited)
      expect(Date.parse(String((c.MetaData as Json).LastUpdatedTime))).toBeGreaterThan(
        Date.parse('2026-02-17T08:00:00Z'),
      )
    const byDate = rows(
      (await t.get(q("SELECT * FROM Invoice WHERE TxnDate >= '2026-02-09' ORDERBY TxnDate"))).body,
      'Invoice',
    )
    expect(byDate.map((i) => i.TxnDate)).toEqual([...byDate.map((i) => String(i.TxnDate))].sort())
    expect(byDate.every((i) => String(i.TxnDate) >= '2026-02-09')).toBe(true)
  })

  it('filters on PrimaryEmailAddr case-insensitively, finding both spellings of one address', async () => {
    const t = testCompany()
    const r = rows(
      (await t.get(q("SELECT * FROM Customer WHERE PrimaryEmailAddr = 'maria.garcia@example.com'"))).body,
      'Customer',
    )
    expect(r.map((c) => c.DisplayName).sort()).toEqual(['Garcia, Maria', 'Maria Garcia'])
  })

  it('filters references by id and numbers by value, and Id with IN', async () => {
    const t = testCompany()
    const byCustomer = rows((await t.get(q("SELECT * FROM Invoice WHERE CustomerRef = '2'"))).body, 'Invoice')
    expect(byCustomer.length).toBeGreaterThan(0)
    expect(byCustomer.every((i) => (i.CustomerRef as Json).value === '2')).toBe(true)
    const big = rows((await t.get(q('SELECT * FROM Invoice WHERE TotalAmt > 1000'))).body, 'Invoice')
    expect(big.every((i) => Number(i.TotalAmt) > 1000)).toBe(true)
    expect(
      rows((await t.get(q("SELECT * FROM Item WHERE Id IN ('1', '3', '999')"))).body, 'Item')
        .map((i) => i.Id)
        .sort(),
    ).toEqual(['1', '3'])
  })

  it('filters rows with < and <= on amounts, dates and timestamps: the boundary row only with <=', async () => {
    const t = testCompany()
    const all = (SMALL_COMPANY.entities.Invoice ?? []) as Json[]
    const ids = (list: Json[]) => list.map((i) => String(i.Id)).sort()
    const pick = async (text: string) => ids(rows((await t.get(q(text))).body, 'Invoice'))
    const pivot = all
      .map((i) => Number(i.TotalAmt))
      .filter((n) => n > 0)
      .sort((a, b) => a - b)[5]!
    expect(await pick(`SELECT * FROM Invoice WHERE TotalAmt < ${pivot}`)).toEqual(
      ids(all.filter((i) => Number(i.TotalAmt) < pivot)),
    )
    expect(await pick(`SELECT * FROM Invoice WHERE TotalAmt <= ${pivot}`)).toEqual(
      ids(all.filter((i) => Number(i.TotalAmt) <= pivot)),
    )
    expect((await pick(`SELECT * FROM Invoice WHERE TotalAmt <= ${pivot}`)).length).toBeGreaterThan(
      (await pick(`SELECT * FROM Invoice WHERE TotalAmt < ${pivot}`)).length,
    )
    const day = String(all[3]!.TxnDate)
    expect(await pick(`SELECT * FROM Invoice WHERE TxnDate < '${day}'`)).toEqual(
      ids(all.filter((i) => String(i.TxnDate) < day)),
    )
    expect(await pick(`SELECT * FROM Invoice WHERE TxnDate <= '${day}'`)).toEqual(
      ids(all.filter((i) => String(i.TxnDate) <= day)),
    )
    const stamp = String((all[10]!.MetaData as Json).LastUpdatedTime)
    const at = (i: Json) => Date.parse(String((i.MetaData as Json).LastUpdatedTime))
    expect(await pick(`SELECT * FROM Invoice WHERE MetaData.LastUpdatedTime < '${stamp}'`)).toEqual(
      ids(all.filter((i) => at(i) < Date.parse(stamp))),
    )
    expect(await pick(`SELECT * FROM Invoice WHERE MetaData.LastUpdatedTime <= '${stamp}'`)).toEqual(
      ids(all.filter((i) => at(i) <= Date.parse(stamp))),
    )
  })

  it('sorts name lists by name by default and honours ORDERBY … DESC', async () => {
    const t = testCompany()
    const names = rows((await t.get(q('SELECT * FROM Item'))).body, 'Item').map((i) => String(i.Name))
    expect(names).toEqual([...names].sort((a, b) => a.toLowerCase().localeCompare(b.toLowerCase())))
    const desc = rows((await t.get(q('SELECT * FROM Item ORDERBY UnitPrice DESC'))).body, 'Item').map((i) =>
      Number(i.UnitPrice),
    )
    expect(desc).toEqual([...desc].sort((a, b) => b - a))
  })

  it('pages with STARTPOSITION/MAXRESULTS to exhaustion, each row once, maxResults = rows in the page', async () => {
    const t = testCompany()
    const total = Number(((await t.get(q('SELECT COUNT(*) FROM Customer'))).body.QueryResponse as Json).totalCount)
    const seen: string[] = []
    for (let start = 1; ; start += 7) {
      const r = await t.get(q(`SELECT * FROM Customer ORDERBY Id STARTPOSITION ${start} MAXRESULTS 7`))
      const page = rows(r.body, 'Customer')
      if (page.length) expect(r.body.QueryResponse).toMatchObject({ startPosition: start, maxResults: page.length })
      seen.push(...page.map((c) => String(c.Id)))
      if (page.length < 7) break
    }
    expect(seen.length).toBe(total)
    expect(new Set(seen).size).toBe(total)
  })

  it('returns 100 rows by default and up to 1000 when asked', async () => {
    const t = testCompany('none')
    const realmId = '9341453908021226'
    const customers = Array.from({ length: 1100 }, (_, i) => ({
      Id: String(i + 1),
      SyncToken: '0',
      DisplayName: `Customer ${i + 1}`,
      Active: true,
    }))
    t.companies.seed(realmId, { entities: { Customer: customers } })
    expect(rows((await t.get(q('SELECT * FROM Customer'))).body, 'Customer')).toHaveLength(100)
    expect(rows((await t.get(q('SELECT * FROM Customer MAXRESULTS 1000'))).body, 'Customer')).toHaveLength(1000)
    expect(
      rows((await t.get(q('SELECT * FROM Customer STARTPOSITION 1001 MAXRESULTS 1000'))).body, 'Customer'),
    ).toHaveLength(100)
  })

  it('answers SELECT * FROM CompanyInfo and Preferences with one object', async () => {
    const t = testCompany()
    const info = rows((await t.get(q('select * from CompanyInfo'))).body, 'CompanyInfo')
    expect(info.map((c) => c.CompanyName)).toEqual(['Ridgeline Plumbing & Heating'])
    expect(rows((await t.get(q('SELECT * FROM Preferences'))).body, 'Preferences')).toHaveLength(1)
  })

  it('answers COUNT(*) with totalCount only', async () => {
    const t = testCompany()
    const r = await t.get(q('SELECT COUNT(*) FROM Item WHERE Active IN (true,false)'))
    expect(r.body.QueryResponse).toEqual({ totalCount: 15 })
  })
})
