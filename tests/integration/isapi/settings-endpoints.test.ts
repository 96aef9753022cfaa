import { describe, expect, it } from 'vitest'
import { clientFor, failure, terminal } from './helpers'

describe('settings endpoints of the ISAPI client against the simulated models', () => {
  it('reads the capability probes: NTP and time modes per model', async () => {
    const full = clientFor(await terminal({ model: 'ds-k1t342mwx' }))
    expect(await full.systemCapabilities()).toMatchObject({ ntp: true, timeCaps: true })
    expect(await full.timeCapabilities()).toEqual({ timeModes: ['NTP', 'manual'] })

    const noNtp = clientFor(await terminal({ model: 'ds-k1t341am' }))
    expect(await noNtp.systemCapabilities()).toMatchObject({ ntp: false })
    expect(await noNtp.timeCapabilities()).toEqual({ timeModes: ['manual'] })
  })

  it('reads and writes the NTP list, by host name and by IP address', async () => {
    const t = await terminal({ model: 'ds-k1t342mwx' })
    const client = clientFor(t)
    expect(await client.getNtpServers()).toEqual([
      expect.objectContaining({
        id: '1',
        server: 'time.windows.com',
        portNo: 123,
        synchronizeInterval: 1440,
      }),
    ])
    await client.putNtpServer({ server: 'ntp.maktab.uz', synchronizeInterval: 60 })
    expect(await client.getNtpServers()).toEqual([
      expect.objectContaining({
        server: 'ntp.maktab.uz',
        addressingFormatType: 'hostname',
        synchronizeInterval: 60,
      }),
    ])
    await client.putNtpServer({ server: '10.0.0.5', portNo: 1123 })
    expect(t.state.ntpServers).toEqual([
      expect.objectContaining({ addressingFormatType: 'ipaddress', ipAddress: '10.0.0.5', portNo: 1123 }),
    ])
    expect((await client.getNtpServers())?.[0]).toMatchObject({ server: '10.0.0.5', portNo: 1123 })
  })

  it('falls back to ntpServers/1 on the K1A340, which has no list path', async () => {
    const t = await terminal({ model: 'ds-k1a340fwx' })
    const client = clientFor(t)
    expect((await client.getNtpServers())?.[0]).toMatchObject({ id: '1', server: 'time.windows.com' })
    t.resetStats()
    await client.putNtpServer({ server: 'pool.ntp.org' })
    expect(t.stats.log.map((entry) => `${entry.method} ${entry.url}`)).toContain(
      'PUT /ISAPI/System/time/ntpServers/1',
    )
    expect(t.state.ntpServers[0]?.hostName).toBe('pool.ntp.org')
  })

  it('reports no NTP on a model without it, and refuses to write there', async () => {
    const client = clientFor(await terminal({ model: 'ds-k1t341am' }))
    expect(await client.getNtpServers()).toBeNull()
    const error = await failure(client.putNtpServer({ server: 'pool.ntp.org' }))
    expect(error).toMatchObject({ code: 'device_rejected', extra: { subStatusCode: 'notSupport' } })
  })

  it('refuses a bad NTP server or interval before sending anything', async () => {
    const t = await terminal()
    const client = clientFor(t)
    t.resetStats()
    for (const input of [
      { server: 'bad host name!' },
      { server: 'a'.repeat(65) },
      { server: 'pool.ntp.org', synchronizeInterval: 0 },
      { server: 'pool.ntp.org', synchronizeInterval: 10_801 },
      { server: 'pool.ntp.org', portNo: 70_000 },
    ]) {
      expect(await failure(client.putNtpServer(input))).toMatchObject({ code: 'validation_failed' })
    }
    expect(t.stats.requests).toBe(0)
  })

  it('reads the network interface with the MAC of deviceInfo', async () => {
    const client = clientFor(await terminal({ model: 'ds-k1a340fwx' }))
    const [port] = (await client.getNetworkInterfaces()) ?? []
    expect(port).toMatchObject({
      id: '1',
      addressingType: 'static',
      ipAddress: '127.0.0.1',
      subnetMask: '255.0.0.0',
      gateway: '127.0.0.254',
      dns: ['127.0.0.53'],
      macAddress: (await client.deviceInfo()).macAddress,
      mtu: 1500,
    })
  })

  it('turns an unreadable interface list into device_bad_response', async () => {
    const t = await terminal()
    t.setFault('networkInterfaces', { kind: 'html' })
    expect(await failure(clientFor(t).getNetworkInterfaces())).toMatchObject({ code: 'device_bad_response' })
  })

  it('counts the face library, and says null where the model has none', async () => {
    const client = clientFor(await terminal({ model: 'ds-k1t342mwx', seedUsers: 6 }))
    expect(await client.countFaceLibrary()).toEqual({ fdid: '1', faceLibType: 'blackFD', faces: 4 })
    const station = clientFor(await terminal({ model: 'ds-kv6124-e1' }))
    expect(await station.countFaceLibrary()).toBeNull()
  })

  it('sends the door command, and a model without a relay refuses it', async () => {
    const t = await terminal({ model: 'ds-k1t342mwx' })
    await clientFor(t).remoteControlDoor(1, 'open')
    expect(t.state.doorCommands).toEqual([expect.objectContaining({ doorId: 1, cmd: 'open' })])

    const attendance = clientFor(await terminal({ model: 'ds-k1a340fwx' }))
    expect(await failure(attendance.remoteControlDoor(1, 'open'))).toMatchObject({
      code: 'device_rejected',
      extra: { subStatusCode: 'notSupport' },
    })
    expect(await failure(attendance.remoteControlDoor(0, 'open'))).toMatchObject({
      code: 'validation_failed',
    })
  })
})
