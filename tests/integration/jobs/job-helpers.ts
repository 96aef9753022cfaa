import { expect } from 'vitest'
import { Job, JOB_EVENT } from '../../../shared/api/jobs'
import type { RunningProxy } from '../../helpers/proxy-process'
import type { SeedUser, Terminal } from '../../sim/terminal'

/** People for a source terminal: each with a face, Uzbek Latin and Cyrillic names on purpose. */
export function people(count: number, from = 3_000_000_001): SeedUser[] {
  const names = ['Oʻtkir Gʻulomov', 'Malika Karimova', 'Шахноза Эргашева', 'Jasur Aliyev', 'Nigora Saidova']
  return Array.from({ length: count }, (_, i) => ({
    employeeNo: String(from + i),
    name: `${names[i % names.length]} ${i + 1}`,
    withFace: true,
  }))
}

export async function addDevice(proxy: RunningProxy, sim: Terminal, name: string): Promise<string> {
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
  expect(response.status).toBe(201)
  return ((await response.json()) as { id: string }).id
}

export async function startJob(proxy: RunningProxy, body: unknown): Promise<Job> {
  const response = await proxy.adminFetch('/api/jobs', {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
  })
  const text = await response.text()
  expect(response.status, text).toBe(202)
  return Job.parse(JSON.parse(text))
}

export async function getJob(proxy: RunningProxy, id: string): Promise<Job> {
  const response = await proxy.adminFetch(`/api/jobs/${id}`)
  expect(response.status).toBe(200)
  return Job.parse(await response.json())
}

/** Polls the job until `done(job)` holds. */
export async function waitFor(
  proxy: RunningProxy,
  id: string,
  done: (job: Job) => boolean,
  timeoutMs = 60_000,
): Promise<Job> {
  const deadline = Date.now() + timeoutMs
  for (;;) {
    const job = await getJob(proxy, id)
    if (done(job)) return job
    if (Date.now() > deadline) throw new Error(`job ${id} never got there: ${JSON.stringify(job)}`)
    await new Promise((resolve) => setTimeout(resolve, 25))
  }
}

export const finished = (job: Job) => ['done', 'failed', 'cancelled'].includes(job.state)

/** Reads the job's Server-Sent Events until the stream ends; every `job` event parsed. */
export async function readEvents(proxy: RunningProxy, id: string): Promise<Job[]> {
  const response = await proxy.adminFetch(`/api/jobs/${id}/events`)
  expect(response.status).toBe(200)
  expect(response.headers.get('content-type')).toContain('text/event-stream')
  const text = await response.text()
  return text
    .split('\n\n')
    .filter((block) => block.includes(`event: ${JOB_EVENT}`))
    .map((block) => {
      const data = block
        .split('\n')
        .filter((line) => line.startsWith('data:'))
        .map((line) => line.slice(5).trim())
        .join('\n')
      return Job.parse(JSON.parse(data))
    })
}

/** People on the terminal without a face: what a clone must never leave behind. */
export function faceless(sim: Terminal): string[] {
  return [...sim.state.users.keys()].filter((employeeNo) => !sim.state.faces.has(employeeNo))
}
