import type { RegisteredTerminal } from './register-devices'
import type { SimBackend } from '../sim/backend'
import { DEMO_SCHOOL } from './simulators'

export interface BannerFacts {
  appUrl: string
  pairing: { code: string; expiresAt: string | null }
  trustPageUrls: string[]
  /** the local CA to trust, when TLS is on */
  caFile: string | null
  backend: SimBackend
  terminals: RegisteredTerminal[]
  adminTokenFile: string
  logFile: string
}

function pairLink(appUrl: string, code: string): string {
  const link = new URL(appUrl)
  link.searchParams.set('pair', code)
  return link.toString()
}

function terminalLine({ demo, device, action, test }: RegisteredTerminal): string {
  const found = test.ok
    ? `${test.model} ${test.firmware}, ${test.authScheme} login, answered in ${test.latencyMs} ms`
    : `connection test failed: ${test.error}`
  return [
    `  ${device.name.padEnd(10)} ${demo.direction === 'in' ? 'entrance' : 'exit    '}  ${demo.terminal.url}  (${action})`,
    `             ${demo.quirk}`,
    `             ${found}`,
  ].join('\n')
}

/** What the person at the console needs: where to open the app, how to pair, what runs where, what to try. */
export function banner(facts: BannerFacts): string {
  const { appUrl, pairing, backend } = facts
  const photos = [...backend.state.students.values()].filter((student) => student.photoUrl).length
  const expiry = pairing.expiresAt ? ` (good until ${pairing.expiresAt})` : ' (good until a screen pairs)'
  const lines = [
    '',
    'Student Registrator demo is running.',
    '',
    `App: ${appUrl}`,
    `Pairing code: ${pairing.code}`,
    `Pair at once: ${pairLink(appUrl, pairing.code)}${expiry}`,
  ]
  for (const url of facts.trustPageUrls) lines.push(`Trust page: ${url}`)
  if (facts.caFile) {
    lines.push(
      '  On this computer you may accept the browser warning instead; a tablet needs the certificate',
      '  from the trust page, or the app cannot work offline there.',
    )
  }
  lines.push(
    '',
    `School server (simulated): ${backend.url}  school ${backend.schoolId}`,
    `  ${backend.state.students.size} students in ${DEMO_SCHOOL.classes} classes, ${photos} with a photo;` +
      ` login ${backend.credentials.admin.email} / ${backend.credentials.admin.password}`,
    `Face terminals (simulated, login ${facts.terminals[0]?.demo.terminal.username ?? 'admin'} / ${
      facts.terminals[0]?.demo.terminal.password ?? ''
    }):`,
    ...facts.terminals.map(terminalLine),
    '',
    'Try:',
    '  1. Open the "Pair at once" link: the app pairs and opens Settings.',
    '  2. Students: the 60 students from the school server; pick one without a photo and enroll them.',
    '  3. Enroll: take or choose a photo, type a name, tick the terminals, send. The slow terminal shows',
    '     the progress per device; the result is on all three or on none.',
    '  4. Devices: the three terminals with model and firmware; open one to see the people on it.',
    '  5. Check: each terminal online, its clock, and whether it posts events to the school server.',
    '  6. Stop the demo (Ctrl+C) with the app open: it keeps working from its cache, new enrollments wait',
    '     in the Queue, and go out when you start the demo again.',
    `  The API by hand: curl ${facts.caFile ? `--cacert ${facts.caFile} ` : ''}-H "Authorization: Bearer $(cat ${
      facts.adminTokenFile
    })" ${appUrl}api/devices`,
    '',
    `Proxy log: ${facts.logFile}`,
    'Ctrl+C stops everything.',
    '',
  )
  return lines.join('\n')
}
