/**
 * The QuickBooks record a duplicate-name refusal (6240) names, read back from the words the engine stored: the
 * outbox keeps only the code and the message, and the log row only its details, so the Link action finds the
 * record's name and Id there (the phrasing is `sync/clash.ts`'s). Only a named clash is linkable: the engine
 * names it after finding it as the same entity (a customer, an item). A bare Id may be a vendor's or an
 * employee's, which share the name space but not the Ids, so linking by it could tie the record to an
 * unrelated customer.
 * @module
 */
import type { SyncKind } from '#shared/domain/index.ts'

export type LinkableKind = Extract<SyncKind, 'contact' | 'job' | 'item'>
export interface Clash {
  qboId: string
  name: string
}

const NAMED = /named "(.*)" \(Id (\d+)\)/

export function isLinkable(kind: SyncKind | undefined): kind is LinkableKind {
  return kind === 'contact' || kind === 'job' || kind === 'item'
}

/** The clashing record in a refusal's words, or undefined when the words name none. */
export function clashIn(text: string): Clash | undefined {
  const named = NAMED.exec(text)
  return named ? { qboId: named[2]!, name: named[1]! } : undefined
}

/** How the confirm question names the QuickBooks record. */
export function clashWords(kind: LinkableKind, clash: Clash): string {
  const noun = kind === 'item' ? 'item' : 'customer'
  return `the QuickBooks ${noun} "${clash.name}" (Id ${clash.qboId})`
}
