import { existsSync, readFileSync, writeFileSync } from 'node:fs'
import { resolve } from 'node:path'
import { createInterface } from 'node:readline'
import { pathToFileURL } from 'node:url'
import { parseArgs } from 'node:util'
import { makeBackup } from './backup'
import { BackupError, readHeader } from './format'
import { restoreBackup } from './restore'

export const MIN_PASSPHRASE = 10

const HELP = `npm run backup -- [--data-dir DIR] [--out FILE]
npm run restore -- FILE [--data-dir DIR] [--force] [--key-file secret.key]

backup   writes one encrypted file with the proxy's database (copied while it runs), secret.key, the
         local CA and the server certificate: everything a new PC needs to carry on as this one.
restore  brings such a file back into a data directory (default ./data, or SR_DATA_DIR). Files already
         there are left alone unless --force. Stop the proxy on that data directory first.

The passphrase comes from SR_BACKUP_PASSPHRASE, --passphrase-file FILE, or is asked for here.
A backup the proxy made by itself before an upgrade (data/backups/) is opened with the data
directory's secret.key instead (--key-file to name another).
`

class UsageError extends Error {}

interface Io {
  env: NodeJS.ProcessEnv
  cwd: string
  out: (line: string) => void
  ask: (question: string) => Promise<string>
}

export async function runBackupCli(command: string | undefined, argv: string[], io: Io): Promise<number> {
  try {
    const { values, positionals } = parseArgs({
      args: argv,
      allowPositionals: true,
      options: {
        'data-dir': { type: 'string' },
        out: { type: 'string' },
        force: { type: 'boolean', default: false },
        'key-file': { type: 'string' },
        'passphrase-file': { type: 'string' },
        help: { type: 'boolean', default: false },
      },
    })
    if (values.help || (command !== 'backup' && command !== 'restore')) {
      io.out(HELP)
      return values.help ? 0 : 2
    }
    const dataDir = resolve(io.cwd, values['data-dir'] ?? io.env.SR_DATA_DIR ?? './data')
    const passphrase = async (confirm: boolean) => {
      if (values['passphrase-file'])
        return readFileSync(resolve(io.cwd, values['passphrase-file']), 'utf8').trim()
      if (io.env.SR_BACKUP_PASSPHRASE) return io.env.SR_BACKUP_PASSPHRASE
      const first = await io.ask('Passphrase: ')
      if (confirm && (await io.ask('The same passphrase again: ')) !== first) {
        throw new UsageError('The two passphrases differ; nothing was written.')
      }
      return first
    }
    if (command === 'backup') {
      const secret = await passphrase(true)
      if (secret.length < MIN_PASSPHRASE) {
        throw new UsageError(`The passphrase must have at least ${MIN_PASSPHRASE} characters.`)
      }
      const stamp = new Date().toISOString().slice(0, 16).replace(/[:T]/g, '-')
      const out = resolve(io.cwd, values.out ?? `student-registrator-${stamp}.srbackup`)
      if (existsSync(out) && !values.force) {
        throw new UsageError(`${out} already exists; choose another --out or add --force.`)
      }
      writeFileSync(out, await makeBackup(dataDir, 'passphrase', secret), { mode: 0o600 })
      io.out(`Backup written: ${out}`)
      io.out('Keep it and its passphrase apart: together they open every terminal and paired screen.')
      return 0
    }
    const path = positionals[0]
    if (!path) throw new UsageError('Name the backup file: npm run restore -- FILE')
    const file = readFileSync(resolve(io.cwd, path))
    const { header } = readHeader(file)
    const secret =
      header.key === 'data-key'
        ? readFileSync(resolve(io.cwd, values['key-file'] ?? resolve(dataDir, 'secret.key')))
        : await passphrase(false)
    const result = restoreBackup({ file, secret, dataDir, force: values.force })
    io.out(`Restored into ${dataDir}: ${result.written.join(', ')}`)
    io.out(`(backup of proxy ${result.header.proxyVersion}, made ${result.header.createdAt})`)
    io.out('Start the proxy there with the same address, and paired screens and terminals carry on.')
    return 0
  } catch (error) {
    if (error instanceof BackupError || error instanceof UsageError) {
      io.out(error.message)
      return error instanceof UsageError ? 2 : 1
    }
    const e = error as NodeJS.ErrnoException
    io.out(e.code === 'ENOENT' ? `No such file: ${e.path}` : `Failed: ${e.message ?? String(error)}`)
    return 1
  }
}

/**
 * Asks on the terminal without echoing what is typed. readline has no switch for that; muting its
 * echo of everything but the question is the smallest way that keeps line editing.
 */
function askHidden(question: string): Promise<string> {
  const rl = createInterface({ input: process.stdin, output: process.stdout, terminal: true })
  const write = (rl as unknown as { _writeToOutput: (text: string) => void })._writeToOutput
  ;(rl as unknown as { _writeToOutput: (text: string) => void })._writeToOutput = (text: string) => {
    if (text.startsWith(question)) write.call(rl, question)
  }
  return new Promise((done) =>
    rl.question(question, (answer) => {
      rl.close()
      process.stdout.write('\n')
      done(answer)
    }),
  )
}

const invokedDirectly = process.argv[1] && pathToFileURL(resolve(process.argv[1])).href === import.meta.url
if (invokedDirectly) {
  const [command, ...rest] = process.argv.slice(2)
  void runBackupCli(command, rest, {
    env: process.env,
    cwd: process.cwd(),
    out: (line) => process.stdout.write(line + '\n'),
    ask: (question) => {
      if (!process.stdin.isTTY)
        return Promise.reject(new UsageError('No passphrase: set SR_BACKUP_PASSPHRASE.'))
      return askHidden(question)
    },
  }).then((code) => process.exit(code))
}
