/** The companies each `--seed` starts with. */
import type { CompanySnapshot } from '../company/types.ts'
import { SECOND_COMPANY, SMALL_COMPANY } from './small.ts'
import { buildLarge } from './large.ts'
import { HISTORY_COMPANY } from './history.ts'

export type SeedName = 'small' | 'history' | 'large' | 'none'

export { SMALL_COMPANY, SECOND_COMPANY, SMALL_REALM_ID, SECOND_REALM_ID } from './small.ts'
export { buildLarge, LARGE_REALM_ID } from './large.ts'
export { HISTORY_COMPANY, HISTORY_REALM_ID } from './history.ts'

export interface SeededCompany {
  snapshot: CompanySnapshot
  /** Built for this call alone (no other holder), so it may be used without copying. */
  fresh: boolean
}

/**
 * `small`: the sandbox-like company and a second one for the picker; `history`: a company a year into QuickBooks
 * (numbered invoices, shared emails, "(deleted)" twins, stray spaces, custom numbers) and the second one;
 * `large`: the benchmark company and the second one.
 */
export function seedCompanies(seed: SeedName): SeededCompany[] {
  if (seed === 'none') return []
  const second = { snapshot: SECOND_COMPANY, fresh: false }
  if (seed === 'large') return [{ snapshot: buildLarge(), fresh: true }, second]
  if (seed === 'history') return [{ snapshot: HISTORY_COMPANY, fresh: false }, second]
  return [{ snapshot: SMALL_COMPANY, fresh: false }, second]
}
