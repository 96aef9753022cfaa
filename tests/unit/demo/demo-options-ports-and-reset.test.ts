import { describe, expect, it } from 'vitest'
import { parseDemoArgs, UsageError } from '../../demo/options'

describe('npm run demo options', () => {
  it('keeps the school by default, forgets it with --reset, and takes the simulators’ ports', () => {
    expect(parseDemoArgs([], '/x')).toMatchObject({ reset: false, backendPort: 0, terminalPorts: [] })
    expect(
      parseDemoArgs(['--reset', '--backend-port', '9200', '--terminal-ports', '9201, 9202,9203'], '/x'),
    ).toMatchObject({ reset: true, backendPort: 9200, terminalPorts: [9201, 9202, 9203] })
  })

  it('refuses two ports for three terminals, a port out of range and one port used twice', () => {
    expect(() => parseDemoArgs(['--terminal-ports', '9201,9202'], '/x')).toThrow(UsageError)
    expect(() => parseDemoArgs(['--backend-port', '70000'], '/x')).toThrow(/backend-port/)
    expect(() => parseDemoArgs(['--backend-port', '9443'], '/x')).toThrow(/must differ/)
  })
})
