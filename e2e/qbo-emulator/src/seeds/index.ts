/** The companies each `--seed` starts with. */
import type { CompanySnapshot } from '../company/types.ts'
import { SECOND_COMPANY, SMALL_COMPANY } from './small.ts'
import { buildLarge } from './large.ts'

export type SeedName = 'small' | 'large' | 'none'

export { SMALL_COMPANY, SECOND_COMPANY, SMALL_REALM_ID, SECOND_REALM_ID } from './small.ts'
export { buildLarge, LARGE_REALM_ID } from './large.ts'

/** `small`: the sandbox-like company and a second one for the picker; `large`: the benchmark company and the second one. */
export function seedCompanies(seed: SeedName): CompanySnapshot[] {
  if (seed === 'none') return []
  if (seed === 'large') return [buildLarge(), SECOND_COMPANY]
  return [SMALL_COMPANY, SECOND_COMPANY]
}
