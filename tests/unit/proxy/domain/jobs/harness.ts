import { AppError } from '../../../../../shared/errors'
import { isFinal, Jobs, type JobsDeps } from '../../../../../proxy/domain/jobs'
import { createIsapiClient, type IsapiClient } from '../../../../../proxy/isapi'
import { createLogger } from '../../../../../proxy/log'
import type { Db } from '../../../../../proxy/store/db'
import { JobsRepo } from '../../../../../proxy/store/jobs-repo'
import type { Job } from '../../../../../shared/api/jobs'
import type { Terminal } from '../../../../sim/terminal'

/** Jobs on an in-memory database, talking to simulated terminals through real ISAPI clients. */
export function jobsOn(db: Db, sims: Record<string, Terminal>, extra: Partial<JobsDeps> = {}) {
  const clients = new Map<string, IsapiClient>()
  const client = (id: string): IsapiClient => {
    const sim = sims[id]
    if (!sim) throw new AppError('not_found', `No device with id ${id}`)
    let made = clients.get(id)
    if (!made) {
      made = createIsapiClient(
        { host: sim.host, port: sim.port, scheme: 'http', username: sim.username, password: sim.password },
        {},
      )
      clients.set(id, made)
    }
    return made
  }
  const repo = new JobsRepo(db)
  const jobs = new Jobs({
    repo,
    clients: { get: client },
    devices: { get: (id) => client(id) },
    directory: null,
    logger: createLogger('silent'),
    retryDelaysMs: [20, 20],
    updateIntervalMs: 5,
    ...extra,
  })
  return {
    jobs,
    repo,
    async close() {
      await jobs.stop()
      await Promise.all([...clients.values()].map((c) => c.close()))
    },
  }
}

export async function until(jobs: Jobs, id: string, done: (job: Job) => boolean = isFinal): Promise<Job> {
  const deadline = Date.now() + 20_000
  for (;;) {
    const job = jobs.get(id)
    if (done(job)) return job
    if (Date.now() > deadline) throw new Error(`job never got there: ${JSON.stringify(job)}`)
    await new Promise((resolve) => setTimeout(resolve, 5))
  }
}
