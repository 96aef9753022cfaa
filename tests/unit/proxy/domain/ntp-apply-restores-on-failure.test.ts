import { describe, expect, it } from 'vitest'
import { applyNtp } from '../../../../proxy/domain/device-time/ntp-apply'
import type { DeviceTime, NtpServer, NtpServerInput, SetTimeInput } from '../../../../proxy/isapi'
import { AppError } from '../../../../shared/errors'

/** A device in memory: one NTP slot and a time mode, with a switch for each way a write can go wrong. */
function fakeDevice(options: { refuseTimeWrite?: boolean; ignoreServerWrites?: boolean } = {}) {
  const state = {
    server: { id: '1', hostName: 'time.windows.com', portNo: 123, interval: 1440 },
    timeMode: 'manual',
    timeZone: 'CST-5:00:00',
    writes: [] as string[],
  }
  const client = {
    async getNtpServers(): Promise<NtpServer[]> {
      const { id, hostName, portNo, interval } = state.server
      return [
        {
          id,
          addressingFormatType: 'hostname',
          hostName,
          portNo,
          synchronizeInterval: interval,
          server: hostName,
        },
      ]
    },
    async putNtpServer(input: NtpServerInput): Promise<void> {
      state.writes.push(`ntp ${input.server}`)
      if (options.ignoreServerWrites) return
      state.server = {
        id: input.id ?? '1',
        hostName: input.server,
        portNo: input.portNo ?? 123,
        interval: input.synchronizeInterval ?? 1440,
      }
    },
    async getTime(): Promise<DeviceTime> {
      return {
        timeMode: state.timeMode,
        localTime: '2026-11-25T17:00:00+05:00',
        timeZone: state.timeZone,
        epochMs: Date.parse('2026-11-25T17:00:00+05:00'),
        utcOffsetMinutes: 300,
      }
    },
    async setTime(input: SetTimeInput): Promise<void> {
      state.writes.push(`time ${input.timeMode}`)
      if (options.refuseTimeWrite && input.timeMode === 'NTP') {
        throw new AppError('device_rejected', 'badXmlContent', { subStatusCode: 'badXmlContent' })
      }
      state.timeMode = input.timeMode ?? state.timeMode
      state.timeZone = input.timeZone ?? state.timeZone
    },
  }
  return { state, client }
}

const TARGET = { server: 'ntp.maktab.uz', portNo: 123, synchronizeIntervalMin: 60, timeMode: 'NTP' as const }

describe('applyNtp: snapshot, write, read back, restore', () => {
  it('keeps a write the device reads back, and says what was there before', async () => {
    const { state, client } = fakeDevice()
    const applied = await applyNtp(client, TARGET)
    expect(applied.before).toMatchObject({ server: { server: 'time.windows.com' }, timeMode: 'manual' })
    expect(applied.after).toMatchObject({ server: { server: 'ntp.maktab.uz' }, timeMode: 'NTP' })
    expect(state.writes).toEqual(['ntp ntp.maktab.uz', 'time NTP'])
  })

  it('puts the server back when the device refuses the time-mode write half-way, then passes the refusal on', async () => {
    const { state, client } = fakeDevice({ refuseTimeWrite: true })
    await expect(applyNtp(client, TARGET)).rejects.toMatchObject({ code: 'device_rejected' })
    expect(state.server.hostName).toBe('time.windows.com')
    expect(state.server.interval).toBe(1440)
    expect(state.timeMode).toBe('manual')
    expect(state.writes).toEqual(['ntp ntp.maktab.uz', 'time NTP', 'ntp time.windows.com'])
  })

  it('answers device_not_applied when the server write was ignored, with the mode switched back', async () => {
    const { state, client } = fakeDevice({ ignoreServerWrites: true })
    const error = await applyNtp(client, TARGET).catch((e: unknown) => e)
    expect(error).toBeInstanceOf(AppError)
    expect(error).toMatchObject({ code: 'device_not_applied', extra: { details: { restored: true } } })
    expect(state.timeMode).toBe('manual')
  })

  it('says when even the restore did not take', async () => {
    const { client } = fakeDevice({ ignoreServerWrites: true })
    let calls = 0
    const stubborn = {
      ...client,
      // the mode goes to NTP and refuses to go back to manual
      async setTime(input: SetTimeInput) {
        calls++
        if (calls === 1) await client.setTime(input)
      },
    }
    const error = await applyNtp(stubborn, TARGET).catch((e: unknown) => e)
    expect(error).toMatchObject({ code: 'device_not_applied', extra: { details: { restored: false } } })
  })
})
