import { computed, onMounted } from 'vue'
import { deviceImportApi } from '../api/device-import'
import { saveCsv } from './saveFile'
import { useApi } from './useApi'
import { useClasses } from './useClasses'
import { createDeviceImport } from './useDeviceImport'
import { useDevices } from './useDevices'

/**
 * The device → school import page: the import's state for one device, loaded when the page opens, with
 * what the page shows of it (the device's name, the preview's counts, the progress in percent) and the
 * report saved as a file.
 */
export function useDeviceImportScreen(deviceId: string) {
  const state = createDeviceImport({ api: deviceImportApi(useApi()), deviceId })
  const { rows, progress } = state
  const { classes } = useClasses()
  const { devices } = useDevices()

  const deviceName = computed(() => devices.value?.find((d) => d.id === deviceId)?.name ?? '')
  const previewed = computed(() => rows.value.filter((row) => row.selected && row.preview))
  const previewCounts = computed(() => ({
    create: previewed.value.filter((row) => row.preview?.action === 'CREATE').length,
    update: previewed.value.filter((row) => row.preview?.action === 'UPDATE').length,
    invalid: previewed.value.filter((row) => row.preview?.action === 'INVALID').length,
  }))
  const percent = computed(() =>
    progress.value.total === 0 ? 0 : Math.round((progress.value.done / progress.value.total) * 100),
  )
  const hasResults = computed(() => rows.value.some((row) => row.result))

  function downloadReport(): void {
    saveCsv(state.reportCsv(), `import-${deviceId.slice(0, 8)}.csv`)
  }

  onMounted(state.load)
  return { state, classes, deviceName, previewed, previewCounts, percent, hasResults, downloadReport }
}
