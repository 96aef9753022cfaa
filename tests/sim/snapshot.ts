/**
 * A simulator's state as JSON and back: its Maps and Buffers are tagged on the way out and rebuilt on the
 * way in, so the demo can keep its simulated school and terminals across restarts.
 */
export function stateToJson(state: unknown): string {
  return JSON.stringify(state, function (this: unknown, key: string, value: unknown) {
    const raw = (this as Record<string, unknown>)[key]
    if (raw instanceof Map) return { $map: [...raw.entries()] }
    if (Buffer.isBuffer(raw)) return { $bytes: raw.toString('base64') }
    return value
  })
}

export function stateFromJson<T>(text: string): T {
  return JSON.parse(text, (_key, value: unknown) => {
    if (value && typeof value === 'object' && !Array.isArray(value)) {
      const tagged = value as { $map?: [unknown, unknown][]; $bytes?: string }
      if (tagged.$map) return new Map(tagged.$map)
      if (typeof tagged.$bytes === 'string') return Buffer.from(tagged.$bytes, 'base64')
    }
    return value
  }) as T
}
