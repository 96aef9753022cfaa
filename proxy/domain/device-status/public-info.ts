import type { DeviceInfo } from '../../../shared/api/devices'
import type { DeviceInfoResult } from '../../isapi'

/** The deviceInfo members a screen may show (the API's `DeviceInfo`), nothing else. */
export function publicDeviceInfo(info: DeviceInfoResult): DeviceInfo {
  const picked: DeviceInfo = {
    deviceName: info.deviceName,
    deviceId: info.deviceId,
    model: info.model,
    serialNumber: info.serialNumber,
    macAddress: info.macAddress,
    firmwareVersion: info.firmwareVersion,
    firmwareReleasedDate: info.firmwareReleasedDate,
    deviceType: info.deviceType,
  }
  return Object.fromEntries(Object.entries(picked).filter(([, value]) => value !== undefined)) as DeviceInfo
}
