import { randomUUID } from 'node:crypto'
import sharp from 'sharp'
import type { Domain } from '../../proxy/domain/domain'
import type { BenchRow } from './row'
import { startTerminalsRig } from './terminals-rig'

const RUNS = 5

/**
 * Terminal latencies after the login, per operation (isapi.md, anchors.md §4.3): a person record takes
 * 150–300 ms, a face upload 600–1200 ms while the device models the face; reads are quick.
 */
const DEVICES = [
  { userRecord: 150, faceRecord: 600 },
  { userRecord: 220, faceRecord: 900 },
  { userRecord: 300, faceRecord: 1200 },
]
const READ_MS = 40

/**
 * One registration on three simulated terminals against the slowest of them alone, both through the
 * same saga (pre-flight, person, face), so the ratio shows what parallel devices cost over the floor the
 * slowest device sets. The predecessor wrote devices one after another; that sum is the second baseline.
 */
export async function bench(): Promise<BenchRow[]> {
  const rig = await startTerminalsRig(DEVICES, READ_MS)
  try {
    const { domain, ids } = rig
    const face = (await photo()).toString('base64')
    const slowest = ids[2] as string
    const register = (deviceIds: string[]) => time(() => registerOnce(domain, face, deviceIds))

    // warm: each device's client learns its nonce and capabilities, as it has after the first student
    await register(ids)
    const all: number[] = []
    const alone: number[] = []
    const oneByOne: number[] = []
    for (let run = 0; run < RUNS; run++) {
      all.push(await register(ids))
      alone.push(await register([slowest]))
      let sum = 0
      for (const id of ids) sum += await register([id])
      oneByOne.push(sum)
    }
    const parallel = median(all)
    const floor = median(alone)
    const sequential = median(oneByOne)
    return [
      {
        name: `registration: 3 devices in parallel (person 150–300 ms, face 600–1200 ms), median of ${RUNS}`,
        value: round(parallel),
        unit: 'ms',
        baseline: { name: 'the slowest device alone', value: round(floor) },
        ratio: parallel / floor,
        target: '≤ 1.3×',
      },
      {
        name: 'registration: 3 devices in parallel vs one after another (the predecessor’s order)',
        value: round(parallel),
        unit: 'ms',
        baseline: { name: 'the three devices one by one', value: round(sequential) },
        ratio: parallel / sequential,
      },
    ]
  } finally {
    await rig.close()
  }
}

async function registerOnce(domain: Domain, face: string, deviceIds: string[]): Promise<void> {
  const answer = await domain.registrations.register({
    clientId: randomUUID(),
    student: { firstName: 'Sevara', lastName: 'Toshmatova', gender: 'female' },
    face,
    deviceIds,
  })
  if (answer.status !== 'SUCCESS') throw new Error(`registration failed: ${JSON.stringify(answer)}`)
}

async function time(work: () => Promise<void>): Promise<number> {
  const started = performance.now()
  await work()
  return performance.now() - started
}

/** A tablet's pre-resized photo (about 1280 px, as the PWA sends it). */
function photo(): Promise<Buffer> {
  return sharp({
    create: {
      width: 960,
      height: 1280,
      channels: 3,
      background: { r: 180, g: 150, b: 130 },
      noise: { type: 'gaussian', mean: 128, sigma: 20 },
    },
  })
    .jpeg({ quality: 85 })
    .toBuffer()
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b)
  return sorted[Math.floor(sorted.length / 2)] as number
}

function round(ms: number): number {
  return Math.round(ms)
}
