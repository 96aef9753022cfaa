// `node --import tsx tests/tools/upload-memory.ts [uploads] [megabytes]`: many screens uploading a photo at
// once, against a real proxy on loopback. Prints the proxy's peak resident memory (VmHWM) and how the
// uploads were answered. Bounded: one round of uploads (150 × 13 MB by default), then the proxy stops.
import { readFileSync } from 'node:fs'
import { FormData } from 'undici'
import { startProxy } from '../helpers/proxy-process'

const uploads = Number(process.argv[2] ?? 150)
const megabytes = Number(process.argv[3] ?? 13)

function peakRssMb(pid: number): number {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8')
  const kb = Number(/^VmHWM:\s+(\d+) kB$/m.exec(status)?.[1] ?? 0)
  return Math.round(kb / 1024)
}

const proxy = await startProxy({ tls: 'off' })
try {
  const before = peakRssMb(proxy.pid)
  // one photo's bytes shared by every upload, so this process stays small
  const photo = new Blob([new Uint8Array(megabytes * 1024 * 1024).fill(0xab)], { type: 'image/jpeg' })
  const started = Date.now()
  const statuses = await Promise.all(
    Array.from({ length: uploads }, async () => {
      const form = new FormData()
      // a student the proxy refuses after reading the whole body: no device is touched
      form.set('data', JSON.stringify({ clientId: 'not-a-uuid' }))
      form.set('face', photo, 'face.jpg')
      const response = await proxy.adminFetch('/api/registrations', { method: 'POST', body: form })
      await response.arrayBuffer()
      return response.status
    }),
  )
  const counts = new Map<number, number>()
  for (const status of statuses) counts.set(status, (counts.get(status) ?? 0) + 1)
  console.log(
    JSON.stringify({
      uploads,
      megabytes,
      idlePeakRssMb: before,
      peakRssMb: peakRssMb(proxy.pid),
      seconds: Math.round((Date.now() - started) / 100) / 10,
      statuses: Object.fromEntries(counts),
    }),
  )
} finally {
  await proxy.stop()
}
