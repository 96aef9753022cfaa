import sharp from 'sharp'
import { afterEach } from 'vitest'
import {
  createIsapiClient,
  type IsapiClient,
  type IsapiClientOptions,
  type IsapiTarget,
} from '../../../proxy/isapi'
import { AppError } from '../../../shared/errors'
import { startTerminal, type Terminal, type TerminalOptions } from '../../sim/terminal'

const open: Array<{ close(): Promise<void> }> = []

afterEach(async () => {
  await Promise.all(open.splice(0).map((thing) => thing.close()))
})

/** A simulated terminal that is closed after the test. */
export async function terminal(options: TerminalOptions = {}): Promise<Terminal> {
  const t = await startTerminal(options)
  open.push(t)
  return t
}

/** A client for the terminal (closed after the test); override credentials or timeouts per test. */
export function clientFor(
  t: Terminal,
  over: Partial<IsapiTarget> = {},
  opts: IsapiClientOptions = {},
): IsapiClient {
  const client = createIsapiClient(
    { host: t.host, port: t.port, scheme: 'http', username: t.username, password: t.password, ...over },
    opts,
  )
  open.push(client)
  return client
}

/** The AppError a promise rejects with. */
export async function failure(promise: Promise<unknown>): Promise<AppError> {
  try {
    await promise
  } catch (error) {
    if (!(error instanceof AppError)) throw error
    return error
  }
  throw new Error('expected the call to fail')
}

export interface JpegSpec {
  width?: number
  height?: number
  progressive?: boolean
  chroma?: '4:2:0' | '4:4:4'
  /** noise makes the file bigger; 0 gives a tiny file */
  noise?: number
  quality?: number
}

/** A synthetic face picture with the layout under test. */
export async function jpeg(spec: JpegSpec = {}): Promise<Buffer> {
  const noise = spec.noise ?? 30
  return sharp({
    create: {
      width: spec.width ?? 480,
      height: spec.height ?? 640,
      channels: 3,
      background: { r: 200, g: 170, b: 150 },
      ...(noise > 0 ? { noise: { type: 'gaussian' as const, mean: 128, sigma: noise } } : {}),
    },
  })
    .jpeg({
      quality: spec.quality ?? 70,
      progressive: spec.progressive ?? false,
      chromaSubsampling: spec.chroma ?? '4:2:0',
      mozjpeg: false,
    })
    .toBuffer()
}

/** A user the way the registration saga writes one. */
export function student(employeeNo: string, name = `Oʻquvchi ${employeeNo}`) {
  return { employeeNo, name }
}
