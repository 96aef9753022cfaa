import type { z } from 'zod'

/**
 * A small JSON value in localStorage, validated when read: lists the tablet needs while the proxy is out of
 * reach (the devices to choose, the classes). A missing, broken or blocked entry reads as null.
 */
export function localCache<T>(key: string, schema: z.ZodType<T>) {
  return {
    read(): T | null {
      try {
        const raw = globalThis.localStorage?.getItem(key)
        if (!raw) return null
        const parsed = schema.safeParse(JSON.parse(raw))
        return parsed.success ? parsed.data : null
      } catch {
        return null
      }
    },
    write(value: T): void {
      try {
        globalThis.localStorage?.setItem(key, JSON.stringify(value))
      } catch {
        // storage full or blocked: the list is simply not remembered
      }
    },
  }
}
