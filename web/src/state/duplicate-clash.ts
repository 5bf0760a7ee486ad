/**
 * The QuickBooks record a duplicate-name refusal (6240) names, read back from the words the engine stored: the
 * outbox keeps only the code and the message, and the log row only its details, so the Link action finds the
 * record's Id (and its name, when QuickBooks told us) there. Both phrasings come from the engine
 * (`sync/clash.ts`, `sync/settlements.ts`).
 * @module
 */
import type { SyncKind } from '../../../shared/domain/index.ts'

export type LinkableKind = Extract<SyncKind, 'contact' | 'job' | 'item'>
export interface Clash { qboId: string; name?: string }

const NAMED = /named "(.*)" \(Id (\d+)\)/
const UNNAMED = /QuickBooks record with Id (\d+) has this name/

export function isLinkable(kind: SyncKind | undefined): kind is LinkableKind {
  return kind === 'contact' || kind === 'job' || kind === 'item'
}

/** The clashing record in a refusal's words, or undefined when the words name none. */
export function clashIn(text: string): Clash | undefined {
  const named = NAMED.exec(text)
  if (named) return { qboId: named[2]!, name: named[1]! }
  const bare = UNNAMED.exec(text)
  return bare ? { qboId: bare[1]! } : undefined
}

/** How the confirm question names the QuickBooks record. */
export function clashWords(kind: LinkableKind, clash: Clash): string {
  const noun = kind === 'item' ? 'item' : 'customer'
  return clash.name === undefined ? `the QuickBooks ${noun} with Id ${clash.qboId}` : `the QuickBooks ${noun} "${clash.name}" (Id ${clash.qboId})`
}
