import { app } from './app.ts'
import { withAssets } from './assets/serve.ts'

// The app's files and the edge's routes on one origin (edge/src/assets).
export default withAssets(app)
export { RealmGate } from './realm-gate.ts'
