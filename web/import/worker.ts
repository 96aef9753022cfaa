import { parseClassList } from './parseFile'
import { photoBuffers, type ParseReply, type ParseRequest } from './workerMessages'

// The parse of a 500-photo workbook takes seconds; here it never freezes the page.
// (typed here rather than with the webworker lib, which would clash with the DOM lib in the one program)
const scope = self as unknown as {
  onmessage: ((event: MessageEvent<ParseRequest>) => void) | null
  postMessage(message: ParseReply, transfer: Transferable[]): void
}

scope.onmessage = async (event: MessageEvent<ParseRequest>) => {
  const reply = (message: ParseReply, transfer: Transferable[] = []) => scope.postMessage(message, transfer)
  try {
    const result = await parseClassList(event.data, (progress) => reply({ type: 'progress', progress }))
    reply({ type: 'done', result }, photoBuffers(result))
  } catch (error) {
    reply({ type: 'failed', message: String((error as Error).message ?? error) })
  }
}
