/** The browser's storage promises, for the Queue page and the first saved draft. */

export interface StorageQuota {
  /** bytes this app uses, as the browser counts them */
  usage: number
  /** bytes it may use */
  quota: number
}

type StorageManagerLike = Pick<StorageManager, 'persist' | 'persisted' | 'estimate'>

function storageManager(): StorageManagerLike | null {
  return typeof navigator !== 'undefined' && navigator.storage ? navigator.storage : null
}

/**
 * Asks the browser not to evict the drafts under storage pressure. Chrome decides silently (installed
 * or often used sites get it); null means the browser cannot tell.
 */
export async function requestPersistentStorage(
  storage: StorageManagerLike | null = storageManager(),
): Promise<boolean | null> {
  if (!storage?.persist) return null
  try {
    if (storage.persisted && (await storage.persisted())) return true
    return await storage.persist()
  } catch {
    return null
  }
}

export async function isStoragePersistent(
  storage: StorageManagerLike | null = storageManager(),
): Promise<boolean | null> {
  if (!storage?.persisted) return null
  try {
    return await storage.persisted()
  } catch {
    return null
  }
}

export async function estimateStorage(
  storage: StorageManagerLike | null = storageManager(),
): Promise<StorageQuota | null> {
  if (!storage?.estimate) return null
  try {
    const { usage, quota } = await storage.estimate()
    if (usage === undefined || quota === undefined) return null
    return { usage, quota }
  } catch {
    return null
  }
}
