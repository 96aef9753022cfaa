import type { Db } from './db'

/** A device as stored: the password stays sealed; only the registry service opens it. */
export interface DeviceRow {
  id: string
  name: string
  host: string
  port: number
  scheme: 'http' | 'https'
  username: string
  passwordSealed: string
  credentialsExpiresAt: string
  deviceId: string | null
  backendId: string | null
  direction: 'in' | 'out' | null
  model: string | null
  firmware: string | null
  authScheme: 'digest' | 'basic' | null
  /** the admin allowed Basic for this device (1/0 in SQLite) */
  allowBasic: boolean
  /** a login with the stored credentials was refused then; nothing more is sent with them */
  loginRefusedAt: string | null
  /** the device reported its account locked until then */
  lockedUntil: string | null
  lastSeenAt: string | null
  createdAt: string
  updatedAt: string
}

const COLUMNS: Record<keyof DeviceRow, string> = {
  id: 'id',
  name: 'name',
  host: 'host',
  port: 'port',
  scheme: 'scheme',
  username: 'username',
  passwordSealed: 'password_sealed',
  credentialsExpiresAt: 'credentials_expires_at',
  deviceId: 'device_id',
  backendId: 'backend_id',
  direction: 'direction',
  model: 'model',
  firmware: 'firmware',
  authScheme: 'auth_scheme',
  allowBasic: 'allow_basic',
  loginRefusedAt: 'login_refused_at',
  lockedUntil: 'locked_until',
  lastSeenAt: 'last_seen_at',
  createdAt: 'created_at',
  updatedAt: 'updated_at',
}

const SELECT = `SELECT ${Object.entries(COLUMNS)
  .map(([field, column]) => `${column} AS ${field}`)
  .join(', ')} FROM devices`

export class DevicesRepo {
  constructor(private readonly db: Db) {}

  list(): DeviceRow[] {
    return rows(this.db.prepare(`${SELECT} ORDER BY name COLLATE NOCASE, id`).all())
  }

  get(id: string): DeviceRow | undefined {
    return rows(this.db.prepare(`${SELECT} WHERE id = ?`).all(id))[0]
  }

  findByAddress(host: string, port: number): DeviceRow | undefined {
    return rows(this.db.prepare(`${SELECT} WHERE host = ? AND port = ?`).all(host, port))[0]
  }

  insert(row: DeviceRow): void {
    const fields = Object.keys(COLUMNS) as (keyof DeviceRow)[]
    this.db
      .prepare(
        `INSERT INTO devices (${fields.map((f) => COLUMNS[f]).join(', ')}) VALUES (${fields.map((f) => '@' + f).join(', ')})`,
      )
      .run(toSql(row))
  }

  update(id: string, changes: Partial<Omit<DeviceRow, 'id' | 'createdAt'>>): void {
    const fields = Object.keys(changes) as (keyof typeof changes)[]
    if (fields.length === 0) return
    this.db
      .prepare(`UPDATE devices SET ${fields.map((f) => `${COLUMNS[f]} = @${f}`).join(', ')} WHERE id = @id`)
      .run({ ...toSql(changes), id })
  }

  delete(id: string): boolean {
    return this.db.prepare('DELETE FROM devices WHERE id = ?').run(id).changes > 0
  }
}

/** SQLite has no booleans: `allowBasic` is stored as 1/0. */
function toSql<T extends Partial<DeviceRow>>(row: T): Record<string, unknown> {
  return row.allowBasic === undefined ? row : { ...row, allowBasic: row.allowBasic ? 1 : 0 }
}

function rows(found: unknown[]): DeviceRow[] {
  return (found as Array<Omit<DeviceRow, 'allowBasic'> & { allowBasic: number }>).map((row) => ({
    ...row,
    allowBasic: row.allowBasic === 1,
  }))
}
