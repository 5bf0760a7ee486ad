/**
 * A small recursive-descent parser for Intuit's query subset (docs/quickbooks.md §5):
 *
 *   SELECT ( * | COUNT(*) ) FROM <Entity>
 *     [WHERE <cond> (AND <cond>)*]
 *     [ORDERBY <prop> [ASC|DESC] (, <prop> [ASC|DESC])*]
 *     [STARTPOSITION n] [MAXRESULTS n]          (either order)
 *   <cond> := <prop> (= | < | > | <= | >=) <value> | <prop> IN (<value>, …) | <prop> LIKE '<pattern>'
 *
 * Keywords are case-insensitive. No OR, no projections, no `!=`. Errors are 4000 QueryParserError
 * naming the token and column, like Intuit's JavaCC messages.
 */
import type { Result } from '../result.ts'
import { err, ok } from '../result.ts'
import { faults } from '../faults.ts'
import type { Token } from './lexer.ts'
import { tokenize } from './lexer.ts'

export type Literal = string | number | boolean
export type Condition =
  | { prop: string; op: '=' | '<' | '>' | '<=' | '>='; value: Literal }
  | { prop: string; op: 'IN'; values: Literal[] }
  | { prop: string; op: 'LIKE'; pattern: string }

export interface Query {
  count: boolean
  entity: string
  where: Condition[]
  orderBy: { prop: string; desc: boolean }[]
  startPosition?: number
  maxResults?: number
}

class ParseError {
  readonly token: Token
  readonly expected: string
  constructor(token: Token, expected: string) {
    this.token = token
    this.expected = expected
  }
}

export function parseQuery(text: string): Result<Query> {
  const lexed = tokenize(text)
  if (!lexed.ok) return lexed
  const tokens = lexed.value
  let pos = 0
  const peek = (): Token => tokens[pos] ?? tokens[tokens.length - 1]!
  const next = (): Token => tokens[pos++] ?? tokens[tokens.length - 1]!
  const isKeyword = (t: Token, word: string) => t.kind === 'name' && t.text.toUpperCase() === word
  const keyword = (word: string) => {
    const t = next()
    if (!isKeyword(t, word)) throw new ParseError(t, `"${word}"`)
  }
  const punct = (p: string) => {
    const t = next()
    if (t.kind !== 'punct' || t.text !== p) throw new ParseError(t, `"${p}"`)
  }
  const name = (): string => {
    const t = next()
    if (t.kind !== 'name') throw new ParseError(t, '<IDENTIFIER>')
    return t.text
  }
  const integer = (): number => {
    const t = next()
    if (t.kind !== 'number' || !Number.isInteger(t.value)) throw new ParseError(t, '<INTEGER>')
    return t.value
  }
  const literal = (): Literal => {
    const t = next()
    if (t.kind === 'string') return t.text
    if (t.kind === 'number') return t.value
    if (t.kind === 'name' && /^(true|false)$/i.test(t.text)) return t.text.toLowerCase() === 'true'
    throw new ParseError(t, '<STRING> | <NUMBER> | true | false')
  }
  const condition = (): Condition => {
    const prop = name()
    const t = next()
    if (t.kind === 'op') {
      if (t.text === '!=') throw new ParseError(t, '"=" | "<" | ">" | "<=" | ">=" | "IN" | "LIKE"')
      return { prop, op: t.text, value: literal() }
    }
    if (isKeyword(t, 'IN')) {
      punct('(')
      const values = [literal()]
      while (peek().kind === 'punct' && peek().text === ',') {
        next()
        values.push(literal())
      }
      punct(')')
      return { prop, op: 'IN', values }
    }
    if (isKeyword(t, 'LIKE')) {
      const p = next()
      if (p.kind !== 'string') throw new ParseError(p, '<STRING>')
      return { prop, op: 'LIKE', pattern: p.text }
    }
    throw new ParseError(t, '"=" | "<" | ">" | "<=" | ">=" | "IN" | "LIKE"')
  }

  try {
    keyword('SELECT')
    let count = false
    const head = next()
    if (isKeyword(head, 'COUNT')) {
      punct('(')
      punct('*')
      punct(')')
      count = true
    } else if (!(head.kind === 'punct' && head.text === '*')) {
      throw new ParseError(head, '"*" | "COUNT"')
    }
    keyword('FROM')
    const entity = name()
    const query: Query = { count, entity, where: [], orderBy: [] }
    if (isKeyword(peek(), 'WHERE')) {
      next()
      query.where.push(condition())
      while (isKeyword(peek(), 'AND')) {
        next()
        query.where.push(condition())
      }
    }
    if (isKeyword(peek(), 'ORDERBY')) {
      next()
      do {
        if (query.orderBy.length) next()
        const prop = name()
        let desc = false
        if (isKeyword(peek(), 'ASC') || isKeyword(peek(), 'DESC')) desc = next().text.toUpperCase() === 'DESC'
        query.orderBy.push({ prop, desc })
      } while (peek().kind === 'punct' && peek().text === ',')
    }
    for (let i = 0; i < 2; i++) {
      if (isKeyword(peek(), 'STARTPOSITION') && query.startPosition === undefined) {
        next()
        query.startPosition = integer()
      } else if (isKeyword(peek(), 'MAXRESULTS') && query.maxResults === undefined) {
        next()
        query.maxResults = integer()
      }
    }
    const end = next()
    if (end.kind !== 'end') throw new ParseError(end, '<EOF>')
    return ok(query)
  } catch (e) {
    if (!(e instanceof ParseError)) throw e
    const shown = e.token.kind === 'end' ? '<EOF>' : `"${e.token.text} "`
    return err(
      faults.queryParse(`Encountered " ${shown}" at line 1, column ${e.token.at}.\nWas expecting: ${e.expected}`),
    )
  }
}
