import { startBackend, type SimBackend } from '../sim/backend'
import { startTerminal, type Terminal, type TerminalOptions } from '../sim/terminal'
import type { SavedSchool } from './school-store'

/** One simulated terminal of the demo, with the name and direction it gets in the proxy. */
export interface DemoTerminal {
  name: string
  direction: 'in' | 'out'
  /** what makes this one different, for the console */
  quirk: string
  terminal: Terminal
  /** the school server's device this terminal stands for */
  backendId: string
  /** old firmware that speaks only Basic: the admin allows Basic for it when adding it */
  basicOnly: boolean
}

export interface DemoSimulators {
  backend: SimBackend
  terminals: DemoTerminal[]
  close(): Promise<void>
}

interface TerminalPlan {
  quirk: string
  options: TerminalOptions
}

// Three different models and firmware, each with one thing real terminals do that the proxy must live with.
const PLANS: TerminalPlan[] = [
  {
    quirk: 'Digest, a nonce is good for 2 requests only; 8 people already on it',
    options: { model: 'ds-k1t342mwx', auth: 'digest', nonceUses: 2, seedUsers: 8 },
  },
  {
    quirk: 'old firmware: Basic login only',
    options: { model: 'ds-k1t341am', auth: 'basic' },
  },
  {
    quirk: 'slow: 400 ms an operation, 1.5 s to store a face',
    options: {
      model: 'ds-k1a340fwx',
      auth: 'digest',
      nonceUses: 100,
      latency: { default: 400, faceRecord: 1500, faceSetUp: 1500 },
    },
  },
]

export const DEMO_SCHOOL = { classes: 4, students: 60, photoShare: 0.85 }
export const DEMO_TERMINALS = PLANS.length

export interface SimulatorPlacement {
  /** what the last run left, to carry on from; a new school where it is null */
  saved?: SavedSchool
  /** 0 = a free port */
  backendPort?: number
  terminalPorts?: number[]
}

/**
 * The school server (60 students, most with a generated face photo, 3 devices, webhook-info) and three
 * terminals, all on 127.0.0.1, at free ports unless given. Whatever started is closed again if a later
 * step fails.
 */
export async function startSimulators(placement: SimulatorPlacement = {}): Promise<DemoSimulators> {
  const started: Array<{ close(): Promise<void> }> = []
  const close = async () => {
    await Promise.allSettled(started.map((item) => item.close()))
  }
  try {
    const saved = placement.saved?.backend
    const backend = await startBackend({
      schoolName: '12-maktab',
      port: placement.backendPort ?? 0,
      ...(saved
        ? { state: saved }
        : {
            seed: {
              classes: DEMO_SCHOOL.classes,
              students: DEMO_SCHOOL.students,
              withPhotos: DEMO_SCHOOL.photoShare,
              devices: PLANS.length,
            },
          }),
    })
    started.push(backend)
    const devices = [...backend.state.devices.values()]
    const terminals: DemoTerminal[] = []
    for (const [index, plan] of PLANS.entries()) {
      const record = devices[index]
      if (!record) throw new Error(`the school server simulator seeded fewer than ${PLANS.length} devices`)
      const state = placement.saved?.terminals[index]
      const terminal = await startTerminal({
        host: '127.0.0.1',
        port: placement.terminalPorts?.[index] ?? 0,
        ...plan.options,
        ...(state ? { state } : {}),
      })
      started.push(terminal)
      terminals.push({
        name: record.name,
        direction: record.type === 'EXIT' ? 'out' : 'in',
        quirk: plan.quirk,
        terminal,
        backendId: record.id,
        basicOnly: plan.options.auth === 'basic',
      })
    }
    return { backend, terminals, close }
  } catch (error) {
    await close()
    throw error
  }
}
