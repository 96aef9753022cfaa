import { describe, expect, it } from 'vitest'
import { ConfigError, loadConfig } from '../../../../proxy/config'

describe('SR_NTP_SERVER', () => {
  it('is off unless set, and takes a host name or an IP address', () => {
    expect(loadConfig({}).ntpServer).toBeNull()
    expect(loadConfig({ SR_NTP_SERVER: ' ' }).ntpServer).toBeNull()
    expect(loadConfig({ SR_NTP_SERVER: 'pool.ntp.org' }).ntpServer).toBe('pool.ntp.org')
    expect(loadConfig({ SR_NTP_SERVER: '192.168.1.1' }).ntpServer).toBe('192.168.1.1')
  })

  it('refuses anything else, naming the variable', () => {
    for (const value of ['http://pool.ntp.org', 'pool ntp', 'a'.repeat(65)]) {
      expect(() => loadConfig({ SR_NTP_SERVER: value })).toThrow(ConfigError)
      expect(() => loadConfig({ SR_NTP_SERVER: value })).toThrow(/SR_NTP_SERVER/)
    }
  })
})
