// @vitest-environment happy-dom
// The Import page from file to queue, with the reader replaced (its own tests cover reading files): what the
// person sees at each step, what is asked of the proxy, and what lands in the draft store.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { flushPromises, mount, type VueWrapper } from '@vue/test-utils'
import { createPinia, setActivePinia } from 'pinia'
import { createMemoryHistory, type Router } from 'vue-router'
import type { CheckContext, ImportRow, ParsedImport } from '../../../../web/import'
import { readClassList } from '../../../../web/import'
import ImportScreen from '../../../../web/components/import/ImportScreen.vue'
import QueuePage from '../../../../web/pages/QueuePage.vue'
import StudentsPage from '../../../../web/pages/StudentsPage.vue'
import { createApiClient } from '../../../../web/api/client'
import { readLastReport } from '../../../../web/composables/classImportReport'
import { createAppI18n } from '../../../../web/i18n'
import uz from '../../../../web/i18n/messages/uz'
import importUz from '../../../../web/i18n/messages/import/uz'
import { createAppRouter } from '../../../../web/router'
import { useDraftsStore } from '../../../../web/stores/drafts'
import { useSessionStore } from '../../../../web/stores/session'
import { openTestStore, type TestStore } from '../db/fixtures'
import { fakeFetch, json, pageServices, PROXY, TWO_DEVICES, type SeenRequest } from '../fake-proxy'
import { problem, row, workbook } from './rows'

const normal = (text: string) => text.toLowerCase().replace(/[^a-z0-9]/g, '')

vi.mock('../../../../web/import', () => ({
  readClassList: vi.fn(),
  makeTemplate: vi.fn(async () => new Blob(['xlsx'])),
  // the real guess is tested with the reader; this one matches names without spaces and dashes
  suggestClassFor: (labels: string[], classes: { id: string; name: string }[]) =>
    Object.fromEntries(
      labels.flatMap((label) => {
        const hit = classes.find((item) => normal(item.name) === normal(label))
        return hit ? [[label, hit.id]] : []
      }),
    ),
  checkRows: (parsed: ParsedImport, ctx: CheckContext): ImportRow[] =>
    parsed.rows.map((source) => {
      const classId = ctx.classFor[source.classLabel]
      const problems = [...source.problems]
      if (!classId) problems.push({ code: 'class_unknown' })
      const onServer = ctx.serverStudents.some(
        (s) => s.classId === classId && s.firstName === source.firstName && s.lastName === source.lastName,
      )
      if (onServer) problems.push({ code: 'duplicate_on_server' })
      return { ...source, ...(classId ? { classId } : {}), problems }
    }),
}))

const CLASSES = [
  { id: 'c5a', name: '5-A', gradeLevel: 5 },
  { id: 'c5b', name: '5-B', gradeLevel: 5 },
]

function studentsPage(page: number, totalPages: number, students: { firstName: string; lastName: string }[]) {
  return {
    page,
    totalPages,
    total: students.length,
    students: students.map((s, index) => ({
      id: `s-${page}-${index}`,
      employeeNo: null,
      name: `${s.lastName} ${s.firstName}`,
      firstName: s.firstName,
      lastName: s.lastName,
      fatherName: null,
      classId: 'c5a',
      className: '5-A',
      photoUrl: null,
      hasPhoto: false,
      devices: [],
    })),
  }
}

let store: TestStore
let wrapper: VueWrapper | null = null
let seen: SeenRequest[] = []

beforeEach(() => {
  localStorage.clear()
  store = openTestStore()
  vi.mocked(readClassList).mockReset()
})
afterEach(async () => {
  wrapper?.unmount()
  wrapper = null
  document.body.replaceChildren()
  await store.destroy()
})

async function mountPage(component: object, path: string, role: 'admin' | 'operator' = 'operator') {
  const pinia = createPinia()
  setActivePinia(pinia)
  useSessionStore(pinia).setPaired({ token: 'tok', tokenId: 't1', role })
  useDraftsStore(pinia).connect({ repo: store.repo, sender: null })
  const fake = fakeFetch({
    'GET /api/devices': () => json(200, TWO_DEVICES),
    'GET /api/classes': () => json(200, CLASSES),
    'POST /api/classes': (request) => {
      const body = request.body as { name: string; gradeLevel: number }
      return json(201, { id: 'c-new', name: body.name, gradeLevel: body.gradeLevel })
    },
    'GET /api/students': (request) => {
      const page = Number(new URL(request.path, PROXY).searchParams.get('page'))
      return json(
        200,
        page === 1
          ? studentsPage(1, 2, [{ lastName: 'Boshqa', firstName: 'Bola' }])
          : studentsPage(2, 2, [{ lastName: 'Familiya3', firstName: 'Ism3' }]),
      )
    },
  })
  seen = fake.seen
  const api = createApiClient({ baseUrl: () => PROXY, token: () => 'tok', fetch: fake.fetch })
  const router: Router = createAppRouter(createMemoryHistory())
  await router.push(path)
  wrapper = mount(component, {
    attachTo: document.body,
    global: {
      plugins: [pinia, createAppI18n('uz'), router, pageServices(api)],
    },
  })
  await flushPromises()
  return { wrapper, router }
}

const byTest = (id: string) => wrapper!.find(`[data-testid="${id}"]`)

async function chooseAndRead(name = 'sinflar.xlsx'): Promise<void> {
  const input = byTest('import-file')
  Object.defineProperty(input.element, 'files', { value: [new File(['x'], name)], configurable: true })
  await input.trigger('change')
  await byTest('import-read').trigger('click')
  await flushPromises()
}

/** On from the mapping, once the server's students are all fetched. */
async function toPreview(): Promise<void> {
  await byTest('import-mapping-next').trigger('click')
  await vi.waitFor(() => expect(byTest('import-checking').exists()).toBe(false))
  await flushPromises()
}

describe('the Import page', () => {
  it('shows one clear message for a file it cannot read, queues nothing, and offers another file', async () => {
    vi.mocked(readClassList).mockResolvedValue({
      kind: 'xlsx',
      sheets: [],
      rows: [],
      problems: [{ code: 'not_a_spreadsheet' }],
    })
    await mountPage(ImportScreen, '/import')
    await chooseAndRead('hisobot.xlsx')
    expect(byTest('import-file-problem').text()).toContain(
      importUz.classImport.fileProblem.codes.not_a_spreadsheet,
    )
    expect(byTest('import-file-problem').text()).toContain(importUz.classImport.fileProblem.nothingQueued)
    await byTest('import-choose-another').trigger('click')
    expect(byTest('import-file').exists()).toBe(true)

    // a reader that breaks anyway is still a message about the file, never a stuck page
    vi.mocked(readClassList).mockRejectedValue(new Error('worker died'))
    vi.spyOn(console, 'error').mockImplementation(() => {})
    await chooseAndRead('buzuq.xlsx')
    expect(byTest('import-file-problem').text()).toContain(importUz.classImport.fileProblem.codes.corrupt)
    expect(await store.repo.list()).toEqual([])
  })

  it('asks for a ZIP of photos only with a CSV file, and hands both to the reader', async () => {
    vi.mocked(readClassList).mockResolvedValue({
      ...workbook([row('CSV', 2, { classLabel: '5-A' })]),
      kind: 'csv',
    })
    await mountPage(ImportScreen, '/import')
    const input = byTest('import-file')
    Object.defineProperty(input.element, 'files', {
      value: [new File(['x'], 'sinf.xlsx')],
      configurable: true,
    })
    await input.trigger('change')
    expect(byTest('import-zip').exists()).toBe(false)

    const csv = new File(['Familiya;Ism'], 'sinf.csv', { type: 'text/csv' })
    Object.defineProperty(input.element, 'files', { value: [csv], configurable: true })
    await input.trigger('change')
    const zipInput = byTest('import-zip')
    const zip = new File(['PK'], 'rasmlar.zip', { type: 'application/zip' })
    Object.defineProperty(zipInput.element, 'files', { value: [zip], configurable: true })
    await zipInput.trigger('change')
    await byTest('import-read').trigger('click')
    await flushPromises()
    expect(vi.mocked(readClassList).mock.calls[0]!.slice(0, 2)).toEqual([csv, zip])
    // the CSV's class column is the label to map
    expect(wrapper!.find('[data-label="5-A"]').exists()).toBe(true)
    expect((byTest('import-class-select').element as HTMLSelectElement).value).toBe('c5a')
  })

  it('says a file without a single student is empty, and names a sheet without a header', async () => {
    vi.mocked(readClassList).mockResolvedValue({
      kind: 'xlsx',
      sheets: [{ name: '5-A', rows: 0, problems: [{ code: 'no_header' }] }],
      rows: [],
      problems: [],
    })
    await mountPage(ImportScreen, '/import')
    await chooseAndRead()
    expect(byTest('import-file-problem').text()).toContain('“5-A” varagʻi')
    expect(byTest('import-file-problem').text()).toContain(importUz.classImport.fileProblem.codes.no_header)
  })

  it('maps sheets by their names, checks the server’s students on every page, and counts the rows', async () => {
    const rows = [
      row('5A', 2),
      row('5A', 3),
      row('5A', 4, { problems: [problem('photo_missing')], photo: undefined }),
      row('Tayyorlov', 2),
    ]
    vi.mocked(readClassList).mockImplementation(async (_file, _zip, onProgress) => {
      onProgress?.({ phase: 'photos', done: 2, total: 4 })
      return workbook(rows)
    })
    await mountPage(ImportScreen, '/import')
    await chooseAndRead()
    const selects = wrapper!.findAll('[data-testid="import-class-select"]')
    expect(selects.map((s) => (s.element as HTMLSelectElement).value)).toEqual(['c5a', ''])
    expect(wrapper!.text()).toContain(importUz.classImport.mapping.unmapped)

    await toPreview()
    const asked = seen.filter((r) => r.path.startsWith('/api/students')).map((r) => r.path)
    expect(asked).toEqual(['/api/students?classId=c5a&page=1', '/api/students?classId=c5a&page=2'])
    expect(byTest('import-count-good').text()).toBe(importUz.classImport.preview.good.replace('{count}', '1'))
    expect(byTest('import-count-bad').text()).toBe(importUz.classImport.preview.bad.replace('{count}', '3'))
    const problemsOf = (key: string) =>
      wrapper!
        .find(`[data-key="${key}"]`)
        .findAll('[data-code]')
        .map((item) => item.attributes('data-code'))
    expect(problemsOf('5A#3')).toEqual(['duplicate_on_server'])
    expect(problemsOf('5A#4')).toEqual(['photo_missing'])
    expect(problemsOf('Tayyorlov#2')).toEqual(['class_unknown'])
    expect(wrapper!.find('[data-key="5A#3"]').text()).toContain(
      importUz.classImport.problems.duplicate_on_server,
    )

    // going back and mapping the other sheet rechecks every row
    await byTest('import-back').trigger('click')
    await wrapper!.findAll('[data-testid="import-class-select"]')[1]!.setValue('c5b')
    await toPreview()
    expect(byTest('import-count-good').text()).toBe(importUz.classImport.preview.good.replace('{count}', '2'))
  })

  it('says which row a repeated row repeats', async () => {
    const twice = row('5-A', 9, { problems: [{ code: 'duplicate_in_file', detail: '5-A#2' }] })
    vi.mocked(readClassList).mockResolvedValue(workbook([row('5-A', 2), twice]))
    await mountPage(ImportScreen, '/import')
    await chooseAndRead()
    await toPreview()
    expect(wrapper!.find('[data-key="5-A#9"] [data-code="duplicate_in_file"]').text()).toBe(
      'Faylda ikki marta yozilgan: 5-A, 2-qator bilan bir xil',
    )
  })

  it('lets an admin create a missing class and maps the sheet to it', async () => {
    vi.mocked(readClassList).mockResolvedValue(workbook([row('7-V', 2)]))
    await mountPage(ImportScreen, '/import', 'admin')
    await chooseAndRead()
    await byTest('import-create-class').trigger('click')
    expect((byTest('import-new-class-name').element as HTMLInputElement).value).toBe('7-V')
    await wrapper!.find('form.create').trigger('submit')
    await flushPromises()
    expect(seen.find((r) => r.method === 'POST')).toMatchObject({
      path: '/api/classes',
      body: { name: '7-V', gradeLevel: 7 },
    })
  })

  it('offers no class creation to an operator', async () => {
    vi.mocked(readClassList).mockResolvedValue(workbook([row('7-V', 2)]))
    await mountPage(ImportScreen, '/import', 'operator')
    await chooseAndRead()
    expect(byTest('import-create-class').exists()).toBe(false)
  })

  it('shows a page of rows at a time and can show only the rows with problems', async () => {
    const rows = Array.from({ length: 120 }, (_, i) =>
      row('5-A', i + 2, i % 4 === 0 ? { problems: [problem('gender_unknown')], gender: undefined } : {}),
    )
    vi.mocked(readClassList).mockResolvedValue(workbook(rows))
    await mountPage(ImportScreen, '/import')
    await chooseAndRead()
    await toPreview()
    const shown = () => wrapper!.findAll('[data-testid="import-row"]')
    expect(shown()).toHaveLength(50)
    expect(shown().filter((r) => r.find('[data-testid="import-thumb"]').exists())).toHaveLength(50)
    expect(byTest('import-page').text()).toBe('1-sahifa / 3')
    await byTest('import-next').trigger('click')
    await byTest('import-next').trigger('click')
    expect(shown()).toHaveLength(20)

    // every fourth row has no gender, and row 3 (Familiya3 Ism3) the server has already
    await byTest('import-only-problems').setValue(true)
    expect(shown()).toHaveLength(31)
    expect(shown().every((r) => r.attributes('data-good') === 'false')).toBe(true)
    expect(byTest('import-page').exists()).toBe(false)
    // a page of 50 rows with thumbnails takes a few seconds in happy-dom on a busy machine
  }, 30_000)

  it('queues every good row for the chosen devices at once, keeps the report and opens the queue', async () => {
    const rows = [
      row('5-A', 2, { fatherName: 'Anvar', phone: '+998901234567' }),
      row('5-A', 3),
      row('5-A', 4, { problems: [problem('photo_unreadable')] }),
    ]
    vi.mocked(readClassList).mockResolvedValue(workbook(rows))
    const { router } = await mountPage(ImportScreen, '/import')
    await chooseAndRead()
    await toPreview()
    expect(byTest('import-submit').text()).toBe(importUz.classImport.preview.import.replace('{count}', '1'))
    // Familiya3 Ism3 is on the server already (page 2 of its class)
    expect(byTest(`device-chip-dev-2`).attributes('aria-pressed')).toBe('true')
    await byTest('device-chip-dev-2').trigger('click')
    await byTest('import-submit').trigger('click')
    await vi.waitFor(() => expect(router.currentRoute.value.path).toBe('/queue'))

    const drafts = await store.repo.list()
    expect(drafts).toHaveLength(1)
    expect(drafts[0]!.student).toEqual({
      firstName: 'Ism2',
      lastName: 'Familiya2',
      fatherName: 'Anvar',
      gender: 'female',
      classId: 'c5a',
      className: '5-A',
      parentPhone: '+998901234567',
    })
    expect(drafts[0]!.deviceIds).toEqual(['dev-1'])
    const report = readLastReport()
    expect(report).toMatchObject({ fileName: 'sinflar.xlsx', imported: 1, skipped: 2 })
    expect(report!.lines.map((line) => line.reasons)).toEqual([
      [],
      ['duplicate_on_server'],
      ['photo_unreadable'],
    ])
  })
})

describe('the Import page when things go wrong', () => {
  it('shows the reading progress while the reader works', async () => {
    let finish: (parsed: ParsedImport) => void = () => {}
    vi.mocked(readClassList).mockImplementation(async (_file, _zip, onProgress) => {
      onProgress?.({ phase: 'photos', done: 12, total: 30 })
      return new Promise<ParsedImport>((resolve) => (finish = resolve))
    })
    await mountPage(ImportScreen, '/import')
    await chooseAndRead()
    expect(byTest('import-reading').text()).toContain(importUz.classImport.reading.photos)
    expect(byTest('import-progress').text()).toContain('12 / 30')
    expect(byTest('import-progress').find('[role="progressbar"]').attributes('aria-valuenow')).toBe('40')
    finish(workbook([row('5-A', 2)]))
    await flushPromises()
    expect(byTest('import-mapping').exists()).toBe(true)
  })

  it('queues nothing and says so when saving fails half-way', async () => {
    vi.mocked(readClassList).mockResolvedValue(workbook([row('5-A', 2), row('5-A', 3), row('5-A', 4)]))
    const { router } = await mountPage(ImportScreen, '/import')
    const real = store.repo.add
    let calls = 0
    store.repo.add = async (input) => {
      calls += 1
      if (calls === 2) throw new DOMException('disk full', 'QuotaExceededError')
      return real(input)
    }
    vi.spyOn(console, 'error').mockImplementation(() => {})
    await chooseAndRead()
    await toPreview()
    await byTest('import-submit').trigger('click')
    await vi.waitFor(() => expect(byTest('import-failed').exists()).toBe(true))
    expect(byTest('import-failed').text()).toBe(importUz.classImport.preview.importFailed)
    expect(router.currentRoute.value.path).toBe('/import')
    expect(await store.repo.list()).toEqual([])
    expect(readLastReport()).toBeNull()
    // and the person can simply try again
    expect(byTest('import-submit').attributes('disabled')).toBeUndefined()
  })
})

describe('the way in', () => {
  it.each([
    ['Queue', QueuePage, '/queue'],
    ['Students', StudentsPage, '/students'],
  ] as const)('the %s page has an "Import class list" button', async (_, page, path) => {
    await mountPage(page, path)
    const entry = byTest('import-entry')
    expect(entry.text()).toBe(uz.classImport.entry)
    expect(entry.attributes('href')).toBe('/import')
  })
})
