import { randomBytes } from 'node:crypto'
import { request } from 'undici'
import { createIsapiClient } from '../../proxy/isapi'
import { chooseAuth, digestAuthorization, parseChallenges } from '../../proxy/isapi/digest'
import { faceMultipart } from '../../proxy/isapi/faces'
import { userDocument } from '../../proxy/isapi/users'
import { SAMPLE_FACE_JPEG, startTerminal, type Terminal } from '../sim/terminal'
import type { BenchRow } from './row'

const DEVICES = 3
const REGISTRATIONS = 10
const CREDENTIALS = { username: 'admin', password: 'Admin12345' }

interface Operation {
  method: 'POST'
  path: string
  body: Buffer
  contentType: string
}

/** One registration on one device: create the person, upload the face (what the saga does). */
function registration(employeeNo: string): Operation[] {
  const user = Buffer.from(JSON.stringify(userDocument({ employeeNo, name: `Oʻquvchi ${employeeNo}` })))
  const face = faceMultipart({ faceLibType: 'blackFD', FDID: '1', FPID: employeeNo }, SAMPLE_FACE_JPEG)
  return [
    {
      method: 'POST',
      path: '/ISAPI/AccessControl/UserInfo/Record?format=json',
      body: user,
      contentType: 'application/json',
    },
    {
      method: 'POST',
      path: '/ISAPI/Intelligent/FDLib/FaceDataRecord?format=json',
      body: face.body,
      contentType: face.contentType,
    },
  ]
}

/**
 * The baseline: what urllib's digestAuth and most one-shot clients do — every request is sent bare, the
 * 401 challenge is answered once, so every operation costs two requests.
 */
async function challengeEveryRequest(sim: Terminal, op: Operation): Promise<void> {
  const url = `${sim.url}${op.path}`
  const headers = { 'content-type': op.contentType }
  const bare = await request(url, { method: op.method, body: op.body, headers })
  await bare.body.dump()
  const offer = chooseAuth(parseChallenges(bare.headers['www-authenticate']))
  if (offer.kind !== 'digest') throw new Error('expected a Digest challenge')
  const authorization = digestAuthorization(offer.challenge, CREDENTIALS, {
    method: op.method,
    uri: op.path,
    nc: 1,
    cnonce: randomBytes(8).toString('hex'),
  })
  const signed = await request(url, {
    method: op.method,
    body: op.body,
    headers: { ...headers, authorization },
  })
  const text = await signed.body.text()
  if (signed.statusCode !== 200) throw new Error(`baseline request refused: ${signed.statusCode} ${text}`)
}

async function terminals(): Promise<Terminal[]> {
  return Promise.all(Array.from({ length: DEVICES }, () => startTerminal({ nonceUses: 2, ...CREDENTIALS })))
}

function requestsPerOperation(sims: Terminal[], operations: number): number {
  return sims.reduce((sum, sim) => sum + sim.stats.requests, 0) / operations
}

/** HTTP requests (401s included) per ISAPI operation, ours against the challenge-every-request client. */
export async function bench(): Promise<BenchRow[]> {
  const ours = await terminals()
  const theirs = await terminals()
  const clients = ours.map((sim) =>
    createIsapiClient({ host: sim.host, port: sim.port, scheme: 'http', ...CREDENTIALS }),
  )
  let operations = 0
  try {
    for (let r = 0; r < REGISTRATIONS; r++) {
      const employeeNo = String(1000 + r)
      // the saga writes all devices at once, one operation at a time per device
      await Promise.all(
        clients.map(async (client) => {
          await client.addUser({ employeeNo, name: `Oʻquvchi ${employeeNo}` })
          await client.addFace(employeeNo, SAMPLE_FACE_JPEG)
        }),
      )
      await Promise.all(
        theirs.map(async (sim) => {
          for (const op of registration(employeeNo)) await challengeEveryRequest(sim, op)
        }),
      )
      operations += DEVICES * 2
    }
    const failed = [...ours, ...theirs].reduce((sum, sim) => sum + sim.stats.failedLogins, 0)
    if (failed > 0) throw new Error(`${failed} failed logins during the benchmark`)
    const value = requestsPerOperation(ours, operations)
    const baseline = requestsPerOperation(theirs, operations)
    return [
      {
        name: `isapi: HTTP requests per operation (401s included), ${REGISTRATIONS} registrations on ${DEVICES} devices with 2-use nonces`,
        value,
        unit: 'requests/op',
        baseline: { name: 'challenge on every request (as urllib digestAuth does)', value: baseline },
        ratio: value / baseline,
        target: '≤ 1.5 (baseline 2.0)',
      },
    ]
  } finally {
    await Promise.all(clients.map((client) => client.close()))
    await Promise.all([...ours, ...theirs].map((sim) => sim.close()))
  }
}
