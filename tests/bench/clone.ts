import { createIsapiClient } from '../../proxy/isapi'
import { Job } from '../../shared/api/jobs'
import { startProxy } from '../helpers/proxy-process'
import { SAMPLE_FACE_JPEG, startTerminal, type Terminal, type TerminalOptions } from '../sim/terminal'
import type { BenchRow } from './row'

const USERS = 200
const FLOOR_SAMPLE = 20

/**
 * Milliseconds per operation, in the range terminals answer in on a school LAN: the face upload is the
 * slow one (the device models the face before it answers); reads of the source are quick.
 */
const LATENCY: TerminalOptions['latency'] = {
  userRecord: 60,
  faceRecord: 300,
  userSearch: 50,
  facePicture: 40,
  userCount: 20,
  default: 20,
}

/** Writes people straight through one ISAPI client, one after another: the target's own pace. */
async function floorPerUserMs(): Promise<number> {
  const sim = await startTerminal({ latency: LATENCY })
  const client = createIsapiClient({
    host: sim.host,
    port: sim.port,
    scheme: 'http',
    username: sim.username,
    password: sim.password,
  })
  try {
    await client.deviceInfo()
    const started = performance.now()
    for (let i = 0; i < FLOOR_SAMPLE; i++) {
      const employeeNo = String(5_000_000_001 + i)
      await client.addUser({ employeeNo, name: `Oʻquvchi ${i}` })
      await client.addFace(employeeNo, SAMPLE_FACE_JPEG)
    }
    return (performance.now() - started) / FLOOR_SAMPLE
  } finally {
    await client.close()
    await sim.close()
  }
}

async function addDevice(proxy: Awaited<ReturnType<typeof startProxy>>, sim: Terminal, name: string) {
  const response = await proxy.adminFetch('/api/devices', {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({
      name,
      host: sim.host,
      port: sim.port,
      username: sim.username,
      password: sim.password,
    }),
  })
  if (response.status !== 201)
    throw new Error(`device not added: ${response.status} ${await response.text()}`)
  return ((await response.json()) as { id: string }).id
}

/** The whole job through the real proxy process, from the POST to its final state. */
async function cloneSeconds(): Promise<{ seconds: number; job: Job }> {
  const seed = Array.from({ length: USERS }, (_, i) => ({
    employeeNo: String(6_000_000_001 + i),
    name: `Oʻquvchi ${i + 1}`,
    withFace: true,
  }))
  const proxy = await startProxy({ tls: 'off' })
  const source = await startTerminal({ latency: LATENCY, seedUsers: seed })
  const target = await startTerminal({ latency: LATENCY })
  try {
    const sourceDeviceId = await addDevice(proxy, source, 'Manba')
    const targetDeviceId = await addDevice(proxy, target, 'Nishon')
    const started = performance.now()
    const response = await proxy.adminFetch('/api/jobs', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ type: 'clone-device-to-device', sourceDeviceId, targetDeviceId }),
    })
    if (response.status !== 202) throw new Error(`job refused: ${response.status} ${await response.text()}`)
    const { id } = Job.parse(await response.json())
    for (;;) {
      const job = Job.parse(await (await proxy.adminFetch(`/api/jobs/${id}`)).json())
      if (['done', 'failed', 'cancelled'].includes(job.state)) {
        const seconds = (performance.now() - started) / 1000
        if (job.state !== 'done' || job.done !== USERS) throw new Error(`job ended ${JSON.stringify(job)}`)
        return { seconds, job }
      }
      await new Promise((resolve) => setTimeout(resolve, 20))
    }
  } finally {
    await proxy.stop()
    await source.close()
    await target.close()
  }
}

/** Device → device clone throughput against the target's floor: one person per its own write time. */
export async function bench(): Promise<BenchRow[]> {
  const perUserMs = await floorPerUserMs()
  const floor = 1000 / perUserMs
  const { seconds } = await cloneSeconds()
  const value = USERS / seconds
  return [
    {
      name: `clone device → device: ${USERS} people with faces, userRecord ${LATENCY?.userRecord} ms + faceRecord ${LATENCY?.faceRecord} ms on the target, reads of the source overlapping`,
      value,
      unit: 'people/s',
      baseline: {
        name: `target floor: addUser + addFace back to back (${perUserMs.toFixed(0)} ms/person)`,
        value: floor,
      },
      ratio: value / floor,
      target: '≥ 0.9× the floor',
    },
  ]
}
