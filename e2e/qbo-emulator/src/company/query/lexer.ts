/**
 * Tokens of Intuit's query language (docs/quickbooks.md §5): names (dotted, like
 * `MetaData.LastUpdatedTime`), single-quoted strings with backslash escapes, numbers,
 * `* ( ) ,` and the comparison operators. Any stray character is a lexical error, as at Intuit;
 * typographic quotes (’ ‘ “ ”) are one even inside a quoted string, so a name holding `’`
 * cannot be queried at all (docs/quickbooks.md §5, §15.5).
 */
import type { Result } from '../result.ts'
import { err, ok } from '../result.ts'
import { faults } from '../faults.ts'

export type Token =
  | { kind: 'name'; text: string; at: number }
  | { kind: 'string'; text: string; at: number }
  | { kind: 'number'; text: string; value: number; at: number }
  | { kind: 'punct'; text: '*' | '(' | ')' | ','; at: number }
  | { kind: 'op'; text: '=' | '<' | '>' | '<=' | '>=' | '!='; at: number }
  | { kind: 'end'; text: '<EOF>'; at: number }

const NAME_START = /[A-Za-z_]/
const NAME_PART = /[A-Za-z0-9_.]/
const DIGIT = /[0-9]/
const TYPOGRAPHIC_QUOTES = new Set(['\u2018', '\u2019', '\u201c', '\u201d'])

/** JavaCC's wording, which Intuit passes through: the character, its code and the token read so far. */
const lexicalError = (column: number, ch: string, after: string) =>
  err(
    faults.queryParse(
      `Lexical error at line 1, column ${column}. Encountered: "${ch}" (${ch.codePointAt(0)}), after : "${after}"`,
    ),
  )

export function tokenize(input: string): Result<Token[]> {
  const tokens: Token[] = []
  let i = 0
  while (i < input.length) {
    const ch = input[i] ?? ''
    if (/\s/.test(ch)) {
      i++
      continue
    }
    const at = i + 1
    if (NAME_START.test(ch)) {
      let j = i + 1
      while (j < input.length && NAME_PART.test(input[j] ?? '')) j++
      tokens.push({ kind: 'name', text: input.slice(i, j), at })
      i = j
    } else if (DIGIT.test(ch) || (ch === '-' && DIGIT.test(input[i + 1] ?? ''))) {
      let j = i + 1
      while (j < input.length && /[0-9.]/.test(input[j] ?? '')) j++
      const text = input.slice(i, j)
      const value = Number(text)
      if (!Number.isFinite(value))
        return err(faults.queryParse(`Lexical error at line 1, column ${at}. Encountered: "${text}"`))
      tokens.push({ kind: 'number', text, value, at })
      i = j
    } else if (ch === "'") {
      let j = i + 1
      let text = ''
      let closed = false
      while (j < input.length) {
        const c = input[j] ?? ''
        if (TYPOGRAPHIC_QUOTES.has(c) || (c === '\\' && TYPOGRAPHIC_QUOTES.has(input[j + 1] ?? ''))) {
          const at = c === '\\' ? j + 1 : j
          return lexicalError(at + 1, input[at] ?? '', `'${text}`)
        }
        if (c === '\\' && j + 1 < input.length) {
          text += input[j + 1]
          j += 2
        } else if (c === "'") {
          closed = true
          j++
          break
        } else {
          text += c
          j++
        }
      }
      if (!closed)
        return err(
          faults.queryParse(
            `Lexical error at line 1, column ${input.length + 1}. Encountered: <EOF> after : "'${text}"`,
          ),
        )
      tokens.push({ kind: 'string', text, at })
      i = j
    } else if (ch === '*' || ch === '(' || ch === ')' || ch === ',') {
      tokens.push({ kind: 'punct', text: ch, at })
      i++
    } else if (ch === '<' || ch === '>' || ch === '=' || ch === '!') {
      const two = input.slice(i, i + 2)
      if (two === '<=' || two === '>=' || two === '!=') {
        tokens.push({ kind: 'op', text: two, at })
        i += 2
      } else if (ch === '!') {
        return err(faults.queryParse(`Lexical error at line 1, column ${at}. Encountered: "!"`))
      } else {
        tokens.push({ kind: 'op', text: ch, at })
        i++
      }
    } else {
      return lexicalError(at, ch, '')
    }
  }
  tokens.push({ kind: 'end', text: '<EOF>', at: input.length + 1 })
  return ok(tokens)
}
