import { app } from './app.ts'

export default app
export { RealmGate } from './realm-gate.ts'
