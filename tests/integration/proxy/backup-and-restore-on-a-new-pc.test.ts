import { execFile } from 'node:child_process'
import { randomUUID } from 'node:crypto'
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { promisify } from 'node:util'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Device } from '../../../shared/api/devices'
import { OutboxView } from '../../../shared/api/outbox'
import type { Registration } from '../../../shared/api/registrations'
import { REPO_ROOT, startProxy, type RunningProxy } from '../../helpers/proxy-process'
import { startBackend, type SimBackend } from '../../sim/backend'
import { startTerminal, type Terminal } from '../../sim/terminal'
import { call, eventually, photo } from '../registration/rig'
import { backendEnv } from '../students/rig'

const PASSPHRASE = 'maktab-zaxira-2026'

/** `npm run backup` / `npm run restore` as a person types them, with the passphrase in the environment. */
async function cli(args: string[]): Promise<{ code: number; output: string }> {
  try {
    const { stdout, stderr } = await promisify(execFile)(
      process.execPath,
      ['--import', 'tsx', 'proxy/backup/cli.ts', ...args],
      { cwd: REPO_ROOT, env: { ...process.env, SR_BACKUP_PASSPHRASE: PASSPHRASE }, timeout: 120_000 },
    )
    return { code: 0, output: stdout + stderr }
  } catch (error) {
    const e = error as { code?: number; stdout?: string; stderr?: string }
    return { code: e.code ?? -1, output: (e.stdout ?? '') + (e.stderr ?? '') }
  }
}

describe('a backup taken while registrations run, restored on a new PC', () => {
  let backend: SimBackend
  let terminal: Terminal
  let oldProxy: RunningProxy
  let newProxy: RunningProxy | undefined
  let device: Device
  let screenToken: string
  let classId: string
  const backupFile = join(mkdtempSync(join(tmpdir(), 'sr-backup-file-')), 'school.srbackup')

  beforeAll(async () => {
    backend = await startBackend()
    const school = await backend.seedSchool({ classes: 1, devices: 1 })
    classId = school.classes[0]?.id as string
    terminal = await startTerminal()
    oldProxy = await startProxy({ tls: 'auto', env: backendEnv(backend) })
    const added = await call<Device>(oldProxy, 'POST', '/api/devices', {
      name: 'Kirish',
      host: terminal.host,
      port: terminal.port,
      username: terminal.username,
      password: terminal.password,
      backendId: school.devices[0]?.id ?? null,
      direction: 'in',
    })
    expect(added.status).toBe(201)
    device = added.body
    const code = await call<{ code: string }>(oldProxy, 'POST', '/api/pairing-codes', { role: 'operator' })
    const paired = await oldProxy.fetch('/api/pair', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ code: code.body.code, name: 'Kirish planshet' }),
    })
    screenToken = ((await paired.json()) as { token: string }).token
    // the school server is away: every report the registrations make stays owed in the outbox
    await backend.setMode('down')
  })
  afterAll(async () => {
    await newProxy?.stop()
    await oldProxy?.stop()
    await terminal?.close()
    await backend?.close()
  })

  it('writes the backup while students are being registered', async () => {
    const face = (await photo()).toString('base64')
    const register = (i: number) =>
      call<Registration>(
        oldProxy,
        'POST',
        '/api/registrations',
        {
          clientId: randomUUID(),
          student: { firstName: `Ali${'a'.repeat(i)}`, lastName: 'Valiyev', gender: 'male', classId },
          face,
          deviceIds: [device.id],
        },
        screenToken,
      )
    const first = await register(0)
    expect(first.status, JSON.stringify(first.body)).toBe(201)
    const [backup, ...others] = await Promise.all([
      cli(['backup', '--data-dir', oldProxy.dataDir, '--out', backupFile]),
      register(1),
      register(2),
    ])
    expect(backup.code, backup.output).toBe(0)
    expect(backup.output).toContain('Backup written')
    expect(others.map((answer) => answer.status)).toEqual([201, 201])
    // the file is sealed: nothing of the device password or the tokens can be read from it
    expect(readFileSync(backupFile).includes(Buffer.from(terminal.password))).toBe(false)
  })

  it('refuses a wrong passphrase and a cut-off copy, and leaves the data dir alone', async () => {
    const target = mkdtempSync(join(tmpdir(), 'sr-restore-refused-'))
    const wrong = await promisify(execFile)(
      process.execPath,
      ['--import', 'tsx', 'proxy/backup/cli.ts', 'restore', backupFile, '--data-dir', target],
      { cwd: REPO_ROOT, env: { ...process.env, SR_BACKUP_PASSPHRASE: 'not-the-passphrase' } },
    ).then(
      () => 0,
      (error: { code: number; stdout: string }) => {
        expect(error.stdout).toContain('Wrong passphrase')
        return error.code
      },
    )
    expect(wrong).toBe(1)
    const cut = join(target, '..', `cut-${randomUUID()}.srbackup`)
    writeFileSync(cut, readFileSync(backupFile).subarray(0, 2000))
    const truncated = await cli(['restore', cut, '--data-dir', target])
    expect(truncated.code).toBe(1)
    expect(truncated.output).toContain('cut short')
  })

  it('on another port the same screen token works, the CA is the same and the terminal answers', async () => {
    const caBefore = oldProxy.caPem
    await oldProxy.kill()
    const target = join(mkdtempSync(join(tmpdir(), 'sr-restore-')), 'data')
    const restored = await cli(['restore', backupFile, '--data-dir', target])
    expect(restored.code, restored.output).toBe(0)
    const again = await cli(['restore', backupFile, '--data-dir', target])
    expect(again.code).toBe(1)
    expect(again.output).toContain('--force')

    newProxy = await startProxy({ tls: 'auto', dataDir: target, env: backendEnv(backend) })
    expect(newProxy.url).not.toBe(oldProxy.url)
    expect(newProxy.caPem).toBe(caBefore)
    expect(newProxy.pairingCode).toBeNull()
    const devices = await call<Device[]>(newProxy, 'GET', '/api/devices', undefined, screenToken)
    expect(devices.status).toBe(200)
    expect(devices.body.map((d) => d.id)).toEqual([device.id])
    const test = await call<{ ok: boolean }>(newProxy, 'POST', `/api/devices/${device.id}/test`, undefined)
    expect(test.status, JSON.stringify(test.body)).toBe(200)
    expect(test.body.ok).toBe(true)
  })

  it('delivers the reports still owed at backup time once the school server is back, each once', async () => {
    const proxy = newProxy as RunningProxy
    const owed = OutboxView.parse(await (await proxy.adminFetch('/api/outbox')).json())
    expect(owed.pending.length).toBeGreaterThan(0)
    const students = new Set(owed.pending.map((p) => p.groupKey))
    await backend.setMode('up')
    await proxy.adminFetch('/api/outbox/flush', { method: 'POST' })
    await eventually(async () => {
      const view = OutboxView.parse(await (await proxy.adminFetch('/api/outbox')).json())
      return view.pending.length === 0
    }, 'every owed report is delivered')
    for (const employeeNo of students) {
      expect(
        [...backend.state.students.values()].filter((s) => s.deviceStudentId === employeeNo),
      ).toHaveLength(1)
    }
    expect(backend.calls.filter((c) => c.path.endsWith('/students/provision'))).toHaveLength(students.size)
  })
})
