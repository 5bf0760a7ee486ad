/** The key of a local record in the runner's maps: kind and id, as mappings and outbox rows name it. */
export const recordKey = (kind: string, localId: string): string => `${kind}:${localId}`
