import type { TerminalStateSource } from '../../shared/api/terminal-state'
import type { Db } from './db'

/** A fact about one person on one terminal (`unknown` is never stored: it is the absence of a row). */
export type StoredPresence = 'present' | 'no_face' | 'absent' | 'failed'

export interface TerminalFact {
  employeeNo: string
  deviceId: string
  state: StoredPresence
  source: TerminalStateSource
  /** ISO time the fact was learned */
  at: string
  /** the name the terminal held, when seen */
  name?: string | null
  error?: { code: string; message: string } | null
}

interface Row {
  employeeNo: string
  deviceId: string
  state: StoredPresence
  source: TerminalStateSource
  at: string
  name: string | null
  errorJson: string | null
}

const SELECT = `SELECT employee_no AS employeeNo, device_id AS deviceId, state, source, at, name,
  error_json AS errorJson FROM terminal_states`

/** The last fact per (person, terminal); an older fact never replaces a newer one. */
export class TerminalStatesRepo {
  constructor(private readonly db: Db) {}

  record(facts: readonly TerminalFact[]): void {
    if (facts.length === 0) return
    const upsert = this.db.prepare(
      `INSERT INTO terminal_states (employee_no, device_id, state, source, at, name, error_json)
       VALUES (@employeeNo, @deviceId, @state, @source, @at, @name, @errorJson)
       ON CONFLICT (employee_no, device_id) DO UPDATE SET state = excluded.state, source = excluded.source,
         at = excluded.at, name = COALESCE(excluded.name, terminal_states.name), error_json = excluded.error_json
       WHERE excluded.at >= terminal_states.at`,
    )
    this.db.transaction(() => {
      for (const fact of facts) {
        upsert.run({
          employeeNo: fact.employeeNo,
          deviceId: fact.deviceId,
          state: fact.state,
          source: fact.source,
          at: fact.at,
          name: fact.name ?? null,
          errorJson: fact.error ? JSON.stringify(fact.error) : null,
        })
      }
    })()
  }

  /** Every fact (a school's worth is some thousands of small rows). */
  everything(): TerminalFact[] {
    return (this.db.prepare(SELECT).all() as Row[]).map(toFact)
  }

  /** A terminal left the registry: what was known of it means nothing any more. */
  forgetDevice(deviceId: string): void {
    this.db.prepare('DELETE FROM terminal_states WHERE device_id = ?').run(deviceId)
  }
}

/** A row is the fact with its error kept as JSON. */
function toFact({ errorJson, ...fact }: Row): TerminalFact {
  return {
    ...fact,
    error: errorJson ? (JSON.parse(errorJson) as { code: string; message: string }) : null,
  }
}
