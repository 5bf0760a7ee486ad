// Loopback ports of the local stack. Each can be moved with an environment
// variable so that tests and a running `npm start` never collide.
const port = (name: string, fallback: number): number => {
  const raw = process.env[name]
  if (raw === undefined || raw === '') return fallback
  const n = Number(raw)
  if (!Number.isInteger(n) || n <= 0 || n > 65535) throw new Error(`${name} must be a TCP port, got "${raw}"`)
  return n
}

export const ports = {
  web: port('FIELDSYNC_WEB_PORT', 5173),
  edge: port('FIELDSYNC_EDGE_PORT', 8787),
  emulator: port('FIELDSYNC_EMULATOR_PORT', 9400),
}
