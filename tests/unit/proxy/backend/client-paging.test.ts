import { describe, expect, it } from 'vitest'
import { useBackend } from './client-fixture'

const sim = useBackend({ seed: { classes: 2, students: 120, withPhotos: false } })

describe('backend client: paging through students', () => {
  it('counts pages from the total at 50 a page', async () => {
    const client = sim.client()
    const first = await client.listStudents()
    expect(first).toMatchObject({ total: 120, page: 1, pages: 3 })
    expect(first.data).toHaveLength(50)
    const last = await client.listStudents({ page: 3 })
    expect(last.data).toHaveLength(20)
    expect(sim.backend.calls.at(-1)?.query).toEqual({ page: '3' })
  })

  it('walks every page once and yields each student once', async () => {
    const client = sim.client()
    const ids: string[] = []
    for await (const student of client.listAllStudents()) ids.push(student.id)
    expect(ids).toHaveLength(120)
    expect(new Set(ids).size).toBe(120)
    const pagesAsked = sim.backend.calls.filter((c) => c.path.endsWith('/students')).map((c) => c.query.page)
    expect(pagesAsked).toEqual(['1', '2', '3'])
  })

  it('passes the class and search filters to every page', async () => {
    const client = sim.client()
    const [klass] = sim.backend.state.classes.values()
    const inClass: string[] = []
    for await (const student of client.listAllStudents({ classId: klass?.id }))
      inClass.push(student.classId ?? '')
    expect(inClass).toHaveLength(60)
    expect(new Set(inClass)).toEqual(new Set([klass?.id]))
    const page = await client.listStudents({ search: 'malika' })
    expect(page.total).toBeGreaterThan(0)
    expect(page.data.every((s) => s.name.toLowerCase().includes('malika'))).toBe(true)
  })

  it('pages the device diagnostics the same way', async () => {
    const diagnostics = await sim.client().deviceDiagnostics({ page: 2 })
    expect(diagnostics).toMatchObject({ total: 120, page: 2, pages: 3 })
    expect(diagnostics.data).toHaveLength(50)
  })
})
