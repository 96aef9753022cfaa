import type { DeviceSettings } from '../../../../shared/api'

export const CLOCK = {
  deviceTime: '2026-11-25T17:00:00+05:00',
  timeZone: 'CST-5:00:00',
  timeMode: 'NTP',
  utcOffsetMinutes: 300,
  expectedUtcOffsetMinutes: 300,
  driftSec: 0,
  zoneMatches: true,
  warning: false,
}

/** A full-featured terminal (dev-1) as GET /api/devices/:id/settings answers it. */
export const FULL: DeviceSettings = {
  deviceId: 'dev-1',
  name: 'Asosiy kirish',
  checkedAt: '2026-11-25T12:00:00.000Z',
  overview: {
    model: 'DS-K1T342MWX',
    firmwareVersion: 'V3.16.1',
    firmwareReleasedDate: 'build 240528',
    serialNumber: 'DS-K1T342MWX20240528V031601ENXXXXXXXX',
    macAddress: 'ac:b9:2f:00:00:00',
    deviceType: 'ACS',
    deviceName: 'Access Controller',
  },
  capacity: { users: { used: 6, max: 1500 }, faces: { used: 4, max: 1500 } },
  time: {
    supported: true,
    clock: CLOCK,
    timeModes: ['NTP', 'manual'],
    ntp: {
      supported: true,
      servers: [
        {
          id: '1',
          server: 'time.windows.com',
          addressingFormatType: 'hostname',
          portNo: 123,
          synchronizeIntervalMin: 1440,
        },
      ],
    },
  },
  network: {
    supported: true,
    interfaces: [
      {
        id: '1',
        addressingType: 'static',
        ipAddress: '192.0.0.64',
        subnetMask: '255.255.255.0',
        gateway: '192.0.0.1',
        dns: ['8.8.8.8'],
        macAddress: 'ac:b9:2f:00:00:00',
      },
    ],
  },
  eventHost: {
    supported: true,
    webhook: {
      expected: 'http://school.test/webhook/1/in?secret=maxfiy123',
      actual: ['http://school.test/webhook/1/in?secret=maxfiy123'],
      inSync: true,
      slots: 2,
    },
  },
  faceLibrary: { supported: true, faces: 4, capacity: 1500, faceLibType: 'blackFD' },
  door: { supported: true, doors: 1 },
  doorParams: {
    supported: true,
    fields: [{ key: 'openDuration', kind: 'int', value: 5, min: 1, max: 255 }],
  },
  faceRecognition: {
    supported: true,
    fields: [{ key: 'faceMatchThresholdN', kind: 'int', value: 87, min: 0, max: 100 }],
  },
  eventTypes: {
    supported: true,
    fields: [
      {
        key: 'eventTypes',
        kind: 'set',
        value: ['AccessControllerEvent'],
        options: ['AccessControllerEvent'],
      },
    ],
  },
  ipv4: {
    supported: true,
    portId: '1',
    settings: {
      addressingType: 'static',
      ipAddress: '192.0.0.64',
      subnetMask: '255.255.255.0',
      gateway: '192.0.0.1',
      dns: ['8.8.8.8'],
    },
    addressingTypes: ['static', 'dynamic'],
    moveWaitSec: 60,
  },
  schoolNtpServer: 'ntp.maktab.uz',
}
