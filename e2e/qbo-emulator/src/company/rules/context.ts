/**
 * What every entity rule gets: the company state and the time of the write. Rules are pure
 * over these: they validate a body and return the record to store, or a Fault.
 */
import type { RealmState, RowFacts } from '../state.ts'
import type { Json, EntityName } from '../types.ts'
import type { Result } from '../result.ts'

export interface WriteContext {
  state: RealmState
  now: number
  minorVersion: number
  /**
   * Records created earlier in the same batch (`Entity:Id`): Intuit's batch items cannot see
   * each other's creations, so references to these resolve as unknown.
   */
  hidden?: ReadonlySet<string>
  /**
   * Top-level fields the request itself carried. On a sparse update `input` is already merged with the
   * stored record, so this is how a rule tells a field sent again from one merely kept.
   */
  sent: ReadonlySet<string>
  /** The stored record's facts on update (empty on create). */
  prevFacts: Readonly<RowFacts>
  /** Facts about the record being written; a rule sets them, the store keeps them with the record. */
  facts: RowFacts
  /** `include=allowduplicatedocnum` (invoice reference): a DocNumber already in use is taken anyway. */
  allowDuplicateDocNumber?: boolean
  /** The QuickBooks invoice form proposes the next number even with custom numbers on (bookkeeper creates). */
  proposeDocNumber?: boolean
}

export interface EntityRules {
  entity: EntityName
  /**
   * Validates `input` (a create body, or for updates the body already merged with the stored
   * record when sparse) and returns the record without Id/SyncToken/MetaData.
   * `prev` is the stored record on update.
   */
  prepare(ctx: WriteContext, input: Json, prev: Json | undefined): Result<Json>
}
