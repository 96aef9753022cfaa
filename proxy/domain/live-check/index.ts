export { LiveCheck, type LiveCheckDeps } from './live-check'
export { scanDevice, failedScan, type DeviceScan } from './device-scan'
