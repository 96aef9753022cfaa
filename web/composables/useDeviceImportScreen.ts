import { computed, onMounted } from 'vue'
import { useI18n } from 'vue-i18n'
import { deviceImportApi } from '../api/device-import'
import { saveCsv } from './saveFile'
import { useApi } from './useApi'
import { useClasses } from './useClasses'
import { createDeviceImport } from './useDeviceImport'
import { useDevices } from './useDevices'
import { useErrorText } from './useErrorText'

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
  const { t } = useI18n()
  const { codeText } = useErrorText()

  /** The report in the screen's language: a secretary opens it in Excel, not a developer. */
  function downloadReport(): void {
    const column = (name: string) => t(`deviceImport.reportColumns.${name}`)
    const csv = state.reportCsv({
      columns: [
        column('employeeNo'),
        column('name'),
        column('action'),
        column('result'),
        column('studentId'),
        column('code'),
        column('reason'),
      ],
      action: (action) => t(`deviceImport.state.${action}`),
      result: (result) => t(`deviceImport.state.${result}`),
      code: codeText,
    })
    saveCsv(csv, `${t('deviceImport.reportFile')}-${deviceId.slice(0, 8)}.csv`)
  }

  onMounted(state.load)
  return { state, classes, deviceName, previewed, previewCounts, percent, hasResults, downloadReport }
}
