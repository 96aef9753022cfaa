import { randomUUID } from 'node:crypto'
import sharp from 'sharp'
import { createBackendClient } from '../../proxy/backend/client'
import type { Domain } from '../../proxy/domain/domain'
import { BackendAccess } from '../../proxy/domain/students/backend-access'
import { StudentDirectory } from '../../proxy/domain/students/student-directory'
import { TerminalBook } from '../../proxy/domain/terminal-states/terminal-book'
import { openMemoryDatabase } from '../../proxy/store/db'
import { TerminalStatesRepo } from '../../proxy/store/terminal-states-repo'
import { startBackend } from '../sim/backend'
import { deviceFixture } from '../helpers/device-fixture'
import type { BenchRow } from './row'
import { startTerminalsRig } from './terminals-rig'
import { middle, timed } from './timing'

const RUNS = 15
const STUDENTS = 3_000
const TERMINALS = 4

/**
 * The Students page of a school of 3,000 students on 4 terminals: the proxy's first page and a search
 * (the school server's page, each student's state on every terminal from the proxy's own knowledge,
 * 12,000 facts) against the school server's own answer to the same question, asked alternately in the
 * same run. Then one student's edit (new name and face) on 4 terminals against the slowest terminal alone.
 */
export async function bench(): Promise<BenchRow[]> {
  return [...(await studentsPage()), await editOnTerminals()]
}

async function studentsPage(): Promise<BenchRow[]> {
  const backend = await startBackend()
  try {
    const school = await backend.seedSchool({ classes: 30, students: STUDENTS, withPhotos: true })
    const client = createBackendClient({
      baseUrl: backend.url,
      schoolId: backend.schoolId,
      email: backend.credentials.admin.email,
      password: backend.credentials.admin.password,
    })
    const devices = Array.from({ length: TERMINALS }, (_, i) => deviceFixture(`t-${i}`, `Eshik ${i + 1}`))
    const book = new TerminalBook(new TerminalStatesRepo(openMemoryDatabase()), { list: () => devices })
    for (const device of devices) {
      book.note(
        'copy',
        school.students.map((s) => ({
          employeeNo: s.deviceStudentId as string,
          deviceId: device.id,
          state: 'present',
        })),
      )
    }
    const directory = new StudentDirectory(new BackendAccess(client), book)
    const search = (school.students[1234]?.lastName ?? 'Karimov').slice(0, 5)
    const rows: BenchRow[] = []
    for (const [label, query] of [
      ['first page', { page: 1 }],
      ['search', { page: 1, search }],
    ] as const) {
      // warm: the login, the connection, the statements
      await directory.list(query)
      await client.deviceDiagnostics(query)
      const proxy: number[] = []
      const server: number[] = []
      for (let run = 0; run < RUNS; run++) {
        server.push(await timed(() => client.deviceDiagnostics(query)))
        proxy.push(await timed(() => directory.list(query)))
      }
      const value = middle(proxy)
      const floor = middle(server)
      rows.push({
        name: `students: 3,000 students, ${label}`,
        value: round(value),
        unit: 'ms',
        baseline: { name: "the school server's own answer", value: round(floor) },
        ratio: value / floor,
        target: '≤ 1.2×',
      })
    }
    return rows
  } finally {
    await backend.close()
  }
}

/** Terminal latencies after the login (isapi.md): a modify 150–300 ms, a face replaced 600–1200 ms. */
const LATENCIES = [
  { userModify: 150, faceSetUp: 600 },
  { userModify: 200, faceSetUp: 800 },
  { userModify: 250, faceSetUp: 1000 },
  { userModify: 300, faceSetUp: 1200 },
]
const READ_MS = 40

async function editOnTerminals(): Promise<BenchRow> {
  const rig = await startTerminalsRig(LATENCIES, READ_MS)
  try {
    const { domain, ids } = rig
    const faces = await Promise.all([photo(0), photo(1)].map(async (p) => (await p).toString('base64')))
    const slowest = ids[TERMINALS - 1] as string
    const everywhere = await enroll(domain, faces[0] as string, ids)
    const alone = await enroll(domain, faces[0] as string, [slowest])
    let turn = 0
    const edit = (employeeNo: string) => {
      turn += 1
      return timed(() => editOnce(domain, employeeNo, turn, faces[turn % 2] as string))
    }
    await edit(everywhere)
    await edit(alone)
    const all: number[] = []
    const one: number[] = []
    for (let run = 0; run < 5; run++) {
      all.push(await edit(everywhere))
      one.push(await edit(alone))
    }
    const value = middle(all)
    const floor = middle(one)
    return {
      name: 'edit: one student on 4 terminals (new name and face; modify 150–300 ms, face 600–1200 ms)',
      value: round(value),
      unit: 'ms',
      baseline: { name: 'the slowest terminal alone', value: round(floor) },
      ratio: value / floor,
      target: '≤ 1.3×',
    }
  } finally {
    await rig.close()
  }
}

async function enroll(domain: Domain, face: string, deviceIds: string[]): Promise<string> {
  const answer = await domain.registrations.register({
    clientId: randomUUID(),
    student: { firstName: 'Sevara', lastName: 'Toshmatova', gender: 'female' },
    face,
    deviceIds,
  })
  return answer.employeeNo
}

async function editOnce(domain: Domain, employeeNo: string, turn: number, face: string): Promise<void> {
  const answer = await domain.registrations.edit(
    employeeNo,
    { student: { firstName: `Sevara ${turn}` } },
    face,
  )
  if (answer.status !== 'SUCCESS') throw new Error(`edit failed: ${JSON.stringify(answer)}`)
}

function photo(variant: number): Promise<Buffer> {
  return sharp({
    create: {
      width: 960,
      height: 1280,
      channels: 3,
      background: { r: 180 - variant * 40, g: 150, b: 130 + variant * 30 },
      noise: { type: 'gaussian', mean: 128, sigma: 20 },
    },
  })
    .jpeg({ quality: 85 })
    .toBuffer()
}

function round(ms: number): number {
  return Math.round(ms)
}
