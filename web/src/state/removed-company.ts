/**
 * The company a `device_removed` answer names. The edge's message is "This device was removed from <company> by
 * its owner." (edge/src/team/team.ts `removedMessage`), and "this company" when it has no name to give.
 * @module
 */
const REMOVED = /^This device was removed from (.+) by its owner\.?$/

export function companyOfRemoval(message: string): string | null {
  const name = REMOVED.exec(message.trim())?.[1]
  return name && name !== 'this company' ? name : null
}
