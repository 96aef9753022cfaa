import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import type { BackendState } from '../sim/backend'
import { stateFromJson, stateToJson } from '../sim/snapshot'
import type { TerminalState } from '../sim/terminal/state'

/** What the demo's simulators remembered at the end of the last run. */
export interface SavedSchool {
  backend: BackendState | null
  terminals: (TerminalState | null)[]
}

const FOLDER = 'demo-school'
const SAVE_EVERY_MS = 2000

const backendFile = (dataDir: string) => join(dataDir, FOLDER, 'school-server.json')
const terminalFile = (dataDir: string, index: number) => join(dataDir, FOLDER, `terminal-${index + 1}.json`)

function read<T>(path: string): T | null {
  if (!existsSync(path)) return null
  try {
    return stateFromJson<T>(readFileSync(path, 'utf8'))
  } catch {
    return null // a damaged snapshot only costs the demo its history, never its start
  }
}

export function loadSchool(dataDir: string, terminals: number): SavedSchool {
  return {
    backend: read<BackendState>(backendFile(dataDir)),
    terminals: Array.from({ length: terminals }, (_, i) => read<TerminalState>(terminalFile(dataDir, i))),
  }
}

export interface SchoolSaver {
  /** writes what changed since the last save */
  save(): void
  stop(): void
}

/**
 * Keeps the simulated school server's and terminals' state in the demo's data dir, written every 2 s when it
 * changed and once more at the end, so people enrolled in one run are there in the next.
 */
export function keepSchool(dataDir: string, backend: BackendState, terminals: TerminalState[]): SchoolSaver {
  mkdirSync(join(dataDir, FOLDER), { recursive: true })
  const last = new Map<string, string>()
  const write = (path: string, state: unknown) => {
    const text = stateToJson(state)
    if (last.get(path) === text) return
    writeFileSync(`${path}.tmp`, text)
    renameSync(`${path}.tmp`, path)
    last.set(path, text)
  }
  const save = () => {
    write(backendFile(dataDir), backend)
    terminals.forEach((state, i) => write(terminalFile(dataDir, i), state))
  }
  save()
  const timer = setInterval(save, SAVE_EVERY_MS)
  timer.unref()
  return { save, stop: () => clearInterval(timer) }
}
