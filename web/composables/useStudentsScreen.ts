import { computed, ref, shallowRef } from 'vue'
import { useI18n } from 'vue-i18n'
import { useRouter } from 'vue-router'
import type { StudentListItem } from '../../shared/api'
import { isApiError } from '../api/errors'
import { saveCsv } from './saveFile'
import { enrollQueryFor } from './studentEnrollQuery'
import { sortStudents, studentFullName as fullName, type StudentSort } from './studentListView'
import { oldestAge, studentCells, TERMINAL_STATES, type TerminalState } from './studentStates'
import { selectedStudentsCsv } from './studentsCsv'
import { useCheckNow } from './useCheckNow'
import { useClasses } from './useClasses'
import { useDevices } from './useDevices'
import type { LiveCheckTarget } from './useLiveCheck'
import { useStudentSelection } from './useStudentSelection'
import { useStudentSheetRoute } from './useStudentSheetRoute'
import { useStudents } from './useStudents'

/**
 * The Students page's state and actions: the school's students as listed, sorted and chosen, the one sheet
 * or photo upload open, the live check asked for (a class, the chosen students, one student), the CSV of
 * the chosen ones.
 */
export function useStudentsScreen() {
  const { t } = useI18n()
  const router = useRouter()
  const list = useStudents()
  const { result, error, reload } = list
  const { classes } = useClasses()
  const { devices } = useDevices()
  const sort = ref<StudentSort>('name')
  const cellsOf = studentCells
  const students = computed(() => sortStudents(result.value?.students ?? [], sort.value, cellsOf))
  const selection = useStudentSelection(students)
  const checkNow = useCheckNow(students, reload)
  const age = computed(() => oldestAge(students.value.flatMap(cellsOf)))
  const sheet = useStudentSheetRoute(students)
  const uploadFor = shallowRef<StudentListItem | null>(null)
  const uploadedId = ref<string | null>(null)
  const photoVersion = ref(0)
  const liveCheck = shallowRef<{ target: LiveCheckTarget; title: string } | null>(null)

  /** The proxy could not be reached at all (an offline tablet) versus the school server behind it. */
  const proxyDown = computed(() => isApiError(error.value) && error.value.kind === 'network')
  const deviceName = (id: string) => devices.value?.find((device) => device.id === id)?.name ?? id
  const photoVersionOf = (student: StudentListItem) =>
    student.id === uploadedId.value ? photoVersion.value : 0

  function changed(): void {
    void sheet.changed()
    void reload()
  }

  function enroll(student: StudentListItem): void {
    void router.push({ path: '/', query: enrollQueryFor(student) })
  }

  function exportSelected(): void {
    const csv = selectedStudentsCsv(selection.selected.value, cellsOf, {
      lastName: t('studentList.csv.lastName'),
      firstName: t('studentList.csv.firstName'),
      fatherName: t('studentList.csv.fatherName'),
      className: t('studentList.csv.className'),
      employeeNo: t('studentList.csv.employeeNo'),
      state: Object.fromEntries(
        TERMINAL_STATES.map((state) => [state, t(`studentList.state.${state}`)]),
      ) as Record<TerminalState, string>,
    })
    saveCsv(csv, `students-selected-${new Date().toISOString().slice(0, 10)}.csv`)
  }

  function checkStudents(chosen: readonly StudentListItem[], title: string): void {
    const known = chosen.filter((student) => student.employeeNo)
    if (known.length === 0) return
    liveCheck.value = {
      target: {
        students: known.map((student) => ({
          employeeNo: student.employeeNo!,
          studentId: student.id,
          name: fullName(student),
        })),
      },
      title,
    }
  }

  function checkSelected(): void {
    const count = selection.selected.value.filter((student) => student.employeeNo).length
    checkStudents(selection.selected.value, t('studentList.checkTitle', { count }))
  }

  function checkClass(): void {
    const id = list.classId.value
    const name = classes.value?.find((item) => item.id === id)?.name ?? ''
    liveCheck.value = { target: { classId: id }, title: t('liveCheck.titleClass', { name }) }
  }

  function checkStudent(student: StudentListItem): void {
    if (!student.employeeNo) return
    sheet.sheetFor.value = null
    checkStudents([student], t('liveCheck.titleStudent', { name: fullName(student) }))
  }

  function uploadPhoto(student: StudentListItem): void {
    sheet.sheetFor.value = null
    uploadFor.value = student
  }

  function uploaded(): void {
    uploadedId.value = uploadFor.value?.id ?? null
    uploadFor.value = null
    photoVersion.value += 1
    void reload()
  }

  return {
    ...list,
    classes,
    sort,
    students,
    cellsOf,
    selection,
    checkNow,
    age,
    sheet,
    uploadFor,
    uploadedId,
    liveCheck,
    proxyDown,
    deviceName,
    photoVersionOf,
    changed,
    enroll,
    exportSelected,
    checkSelected,
    checkClass,
    checkStudent,
    uploadPhoto,
    uploaded,
  }
}
