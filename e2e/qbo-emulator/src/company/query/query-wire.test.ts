// Typographic quotes over real HTTP: URL-encoded in a GET, as an application/text body, inside a batch.
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { startCompany, wireFault, type RunningCompany } from '#emulator/test-support/running-company.ts'

let co: RunningCompany
beforeEach(async () => {
  co = await startCompany()
})
afterEach(() => co.close())

const get = (text: string) => co.get(`/query?query=${encodeURIComponent(text)}&minorversion=75`)

describe('typographic quotes in a query', () => {
  it('cannot find a name written with a curly apostrophe: 400 / 4000 lexical error naming the character', async () => {
    const created = await co.post('/customer?minorversion=75', { DisplayName: 'Sean O\u2019Brien Jr' })
    expect(created.status).toBe(200)
    const r = await get("SELECT * FROM Customer WHERE DisplayName = 'Sean O\u2019Brien Jr'")
    expect(r.status).toBe(400)
    expect(wireFault(r)).toMatchObject({ code: '4000', Message: 'Error parsing query' })
    expect(wireFault(r)?.Detail).toBe(
      `QueryParserError: Lexical error at line 1, column 51. Encountered: "\u2019" (8217), after : "'Sean O"`,
    )
    // The record is there all the same: read by Id, or found without the quote.
    expect((await co.get(`/customer/${String((created.body.Customer as { Id: string }).Id)}`)).status).toBe(200)
    const like = await get("SELECT * FROM Customer WHERE DisplayName LIKE 'Sean O%Brien Jr'")
    expect((like.body.QueryResponse as { Customer: unknown[] }).Customer).toHaveLength(1)
  })

  it('refuses them in a POSTed statement and in a batch Query item, while a backslash-escaped straight apostrophe works', async () => {
    const posted = await co.post(
      '/query?minorversion=75',
      'SELECT * FROM Customer WHERE DisplayName = \u201cAmy Chen\u201d',
      'application/text',
    )
    expect([posted.status, wireFault(posted)?.code]).toEqual([400, '4000'])
    const batch = await co.post('/batch?minorversion=75', {
      BatchItemRequest: [
        { bId: 'curly', Query: "SELECT * FROM Customer WHERE DisplayName = 'Sean O\u2019Brien'" },
        { bId: 'plain', Query: "SELECT * FROM Customer WHERE DisplayName = 'Sean O\\'Brien'" },
      ],
    })
    expect(batch.status).toBe(200)
    const [curly, plain] = batch.body.BatchItemResponse as Record<string, unknown>[]
    expect((curly?.Fault as { Error: { code: string }[] }).Error[0]?.code).toBe('4000')
    expect(
      (plain?.QueryResponse as { Customer: { DisplayName: string }[] }).Customer.map((c) => c.DisplayName),
    ).toEqual(["Sean O'Brien"])
  })
})
