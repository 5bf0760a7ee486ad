/**
 * The app's one database handle, shared by every page through context so tests
 * and the benchmark can mount the app on a database of their own.
 */
import { createContext, useContext } from 'solid-js'
import { appDb } from '../db/index.ts'
import type { FieldsyncDB } from '../db/schema.ts'

export const DbContext = createContext<FieldsyncDB>()

export const openAppDb = appDb

export function useDb(): FieldsyncDB {
  const db = useContext(DbContext)
  if (!db) throw new Error('useDb() outside <DbContext.Provider>')
  return db
}
