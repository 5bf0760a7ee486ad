/** URL segments (`/customer`, `/invoice` …) to entity names; Intuit's paths are lower-case. */
import type { EntityName } from './types.ts'
import { ENTITY_NAMES } from './types.ts'

const BY_PATH = new Map<string, EntityName>(ENTITY_NAMES.map((e) => [e.toLowerCase(), e]))

export function entityFromPath(segment: string): EntityName | undefined {
  return BY_PATH.get(segment.toLowerCase())
}

/** Entity names as written in queries, CDC and batch bodies (case-insensitive). */
export function entityFromName(name: string): EntityName | undefined {
  return BY_PATH.get(name.toLowerCase())
}
