import { mkdtempSync, readFileSync, readdirSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { openBackup } from '../../../proxy/backup/format'
import { MIGRATIONS } from '../../../proxy/store/migrations/index'
import { latestSchemaVersion, openDatabase } from '../../../proxy/store/db'
import { SecretBox } from '../../../proxy/store/secrets'
import { startProxy } from '../../helpers/proxy-process'

describe('a start that upgrades the database', () => {
  it('first writes a backup of the old database, locked with secret.key; a start with nothing to upgrade writes none', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'sr-upgrade-'))
    const older = MIGRATIONS.slice(0, -1)
    openDatabase(dataDir, older).close()
    SecretBox.forDataDir(dataDir)

    const upgraded = await startProxy({ dataDir, tls: 'off' })
    await upgraded.stop()
    const backups = readdirSync(join(dataDir, 'backups'))
    expect(backups).toHaveLength(1)
    const oldVersion = latestSchemaVersion(older)
    expect(backups[0]).toMatch(new RegExp(`^before-migration-v${oldVersion}-`))
    const opened = openBackup(
      readFileSync(join(dataDir, 'backups', backups[0] as string)),
      readFileSync(join(dataDir, 'secret.key')),
    )
    expect(opened.header.schemaVersion).toBe(oldVersion)

    const again = await startProxy({ dataDir, tls: 'off' })
    await again.stop()
    expect(readdirSync(join(dataDir, 'backups'))).toHaveLength(1)
  })
})
