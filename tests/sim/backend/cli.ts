import { parseArgs } from 'node:util'
import { startBackend } from './server'

// The school backend for the demo and for trying the app by hand:
//   node --import tsx tests/sim/backend/cli.ts --port 9000 --students 60
const { values } = parseArgs({
  options: {
    port: { type: 'string', default: '9000' },
    school: { type: 'string', default: 'school-1' },
    classes: { type: 'string', default: '3' },
    students: { type: 'string', default: '60' },
    photos: { type: 'string', default: '0.9' },
    devices: { type: 'string', default: '2' },
    'provisioning-token': { type: 'string' },
  },
})

const backend = await startBackend({
  port: Number(values.port),
  schoolId: values.school,
  provisioningToken: values['provisioning-token'],
  seed: {
    classes: Number(values.classes),
    students: Number(values.students),
    withPhotos: Number(values.photos),
    devices: Number(values.devices),
  },
})

const { admin, teacher, guard, provisioningToken } = backend.credentials
console.log(`School backend simulator on ${backend.url}`)
console.log(`  SR_BACKEND_URL=${backend.url}`)
console.log(`  SR_SCHOOL_ID=${backend.schoolId}`)
console.log(`  SR_BACKEND_EMAIL=${admin.email}`)
console.log(`  SR_BACKEND_PASSWORD=${admin.password}`)
console.log(
  `  teacher: ${teacher.email} / ${teacher.password}   guard (refused by the app): ${guard.email} / ${guard.password}`,
)
console.log(`  provisioning token: ${provisioningToken}`)
console.log(
  `  seeded: ${backend.state.classes.size} classes, ${backend.state.students.size} students, ${backend.state.devices.size} devices`,
)

const shutdown = () => void backend.close().then(() => process.exit(0))
process.on('SIGINT', shutdown)
process.on('SIGTERM', shutdown)
