/** The companies each `--seed` starts with. */
import type { CompanySnapshot } from '../company/types.ts'
import { SECOND_COMPANY, SMALL_COMPANY } from './small.ts'
import { buildLarge } from './large.ts'

export type SeedName = 'small' | 'large' | 'none'

export { SMALL_COMPANY, SECOND_COMPANY, SMALL_REALM_ID, SECOND_REALM_ID } from './small.ts'
export { buildLarge, LARGE_REALM_ID } from './large.ts'

export interface SeededCompany {
  snapshot: CompanySnapshot
  /** Built for this call alone (no other holder), so it may be used without copying. */
  fresh: boolean
}

/** `small`: the sandbox-like company and a second one for the picker; `large`: the benchmark company and the second one. */
export function seedCompanies(seed: SeedName): SeededCompany[] {
  if (seed === 'none') return []
  const second = { snapshot: SECOND_COMPANY, fresh: false }
  if (seed === 'large') return [{ snapshot: buildLarge(), fresh: true }, second]
  return [{ snapshot: SMALL_COMPANY, fresh: false }, second]
}
