/** One Server-Sent Event: its name (`message` when none is given) and its data lines joined. */
export interface SseEvent {
  event: string
  data: string
}

/** One block of a stream (the text between blank lines); null for comments and keep-alives. */
export function parseSseBlock(block: string): SseEvent | null {
  let event = 'message'
  const data: string[] = []
  for (const line of block.split('\n')) {
    if (line.startsWith('event:')) event = line.slice(6).trim()
    else if (line.startsWith('data:')) data.push(line.slice(5).replace(/^ /, ''))
  }
  return data.length === 0 ? null : { event, data: data.join('\n') }
}

/**
 * Reads a `text/event-stream` body to its end, handing each event over as it arrives. Written by hand:
 * EventSource cannot send the bearer token, and the format is a few lines of text.
 */
export async function readSse(
  body: ReadableStream<Uint8Array>,
  onEvent: (event: SseEvent) => void,
  signal?: AbortSignal,
): Promise<void> {
  const reader = body.getReader()
  // the fetch's own signal no longer reaches a body being read: stop reading when the caller leaves
  const stop = () => void reader.cancel().catch(() => undefined)
  if (signal?.aborted) stop()
  signal?.addEventListener('abort', stop, { once: true })
  const decoder = new TextDecoder()
  let buffer = ''
  for (;;) {
    const { value, done } = await reader.read()
    if (done) break
    buffer += decoder.decode(value, { stream: true }).replace(/\r\n?/g, '\n')
    let end: number
    while ((end = buffer.indexOf('\n\n')) >= 0) {
      const parsed = parseSseBlock(buffer.slice(0, end))
      buffer = buffer.slice(end + 2)
      if (parsed) onEvent(parsed)
    }
  }
  signal?.removeEventListener('abort', stop)
  if (signal?.aborted) return
  const rest = parseSseBlock(buffer.trim())
  if (rest) onEvent(rest)
}
