import { describe, expect, it } from 'vitest'
import { sendReport, type ReportBackend } from '../../../../proxy/backend/report-kinds'
import { useBackend } from './client-fixture'

const sim = useBackend({ seed: { classes: 1, students: 0, devices: 1 } })

describe('backend client as the outbox’s backend', () => {
  it('delivers a provision, its device result and a student update, each with its idempotency key', async () => {
    const backend: ReportBackend = sim.client()
    const [klass] = sim.backend.state.classes.values()
    const [device] = sim.backend.state.devices.values()
    const provision = await sendReport(backend, {
      kind: 'provision',
      idempotencyKey: 'client-1',
      dependency: null,
      payload: {
        body: {
          student: {
            firstName: 'Kamola',
            lastName: 'Ergasheva',
            gender: 'female',
            classId: klass?.id,
            deviceStudentId: '2718281828',
          },
          requestId: 'client-1',
          targetAllActive: false,
          targetDeviceIds: [device?.id],
        },
      },
    })
    expect(provision).toMatchObject({ deviceStudentId: '2718281828' })
    const dependency = { kind: 'provision', result: provision }
    await sendReport(backend, {
      kind: 'device-result',
      idempotencyKey: 'result-1',
      dependency,
      payload: {
        body: {
          deviceId: device?.id,
          deviceExternalId: device?.deviceId,
          deviceName: device?.name,
          deviceType: device?.type,
          deviceLocation: device?.location,
          status: 'SUCCESS',
          employeeNoOnDevice: '2718281828',
          error: null,
        },
      },
    })
    const update = await sendReport(backend, {
      kind: 'student-update',
      idempotencyKey: 'update-1',
      dependency,
      payload: {
        body: {
          firstName: 'Kamola',
          lastName: 'Ergasheva',
          classId: klass?.id,
          parentPhone: '+998901112233',
        },
      },
    })
    expect(update).toEqual({ studentId: (provision as { studentId: string }).studentId })
    const [provisioning] = sim.backend.state.provisionings.values()
    expect(provisioning?.status).toBe('CONFIRMED')
    const keys = sim.backend.calls
      .filter((c) => c.path !== '/auth/login')
      .map((c) => c.headers['idempotency-key'])
    expect(keys).toEqual(['client-1', 'result-1', 'update-1'])
  })
})
