import type { Context } from 'hono'
import { RegistrationEmployeeNo } from '../../../shared/api/registrations'
import * as routes from '../../../shared/api/routes/registrations'
import { AppError } from '../../../shared/errors'
import type { AppContext, AppEnv } from '../context'
import { handle, routeGroup } from '../declared-routes'
import { imageBodyLimit } from '../middleware/body-limit'
import { bodyKind } from '../media-type'

/**
 * One student onto devices (all or nothing), the student sheet, an edit (of anyone on a terminal: the first
 * edit adopts a person the proxy did not enrol), a removal from every terminal. Bodies are JSON with the photo in base64,
 * or multipart with a `face` file part and a `data` JSON part; photo bodies get the image size limit.
 * A failed registration answers the status of its first failure with the Registration under `details`.
 */
export function registrationRoutes(ctx: AppContext) {
  const { registrations, registry, book } = ctx.services.domain
  const { sheets, registrations: stored } = ctx.services
  const devicesOf = (employeeNo: string) =>
    [...new Set([...stored.deviceIds(employeeNo), ...book.holding(employeeNo)])].filter((id) =>
      registry.has(id),
    )
  return routeGroup(
    handle(routes.readStudentSheet, async (_c, input) => {
      const employeeNo = RegistrationEmployeeNo.parse(input.params.employeeNo)
      const { check } = input.query()
      return sheets.get(employeeNo, { check })
    }),
    // the body is JSON or multipart (the photo as a file part): read here, checked by the domain
    handle(
      routes.register,
      async (c) => {
        const { data, face } = await readBody(c)
        const body = face === undefined ? data : { ...(data as object), face }
        return registrations.register(body)
      },
      { before: [imageBodyLimit] },
    ),
    handle(
      routes.editRegistration,
      async (c, { params }) => {
        const { data, face } = await readBody(c)
        const fields = (data ?? {}) as Record<string, unknown>
        const { face: jsonFace, ...rest } = fields
        refuseOperatorRemoval(c, devicesOf, rest.deviceIds)
        const photo = face ?? (typeof jsonFace === 'string' ? jsonFace : undefined)
        return registrations.edit(params.employeeNo, rest, photo)
      },
      { before: [imageBodyLimit] },
    ),
    handle(routes.removeRegistration, async (_c, input) => {
      const query = input.query()
      return registrations.remove(input.params.employeeNo, query.deviceIds, {
        deleteOnSchoolServer: query.deleteOnSchoolServer,
      })
    }),
  )
}

/**
 * An operator may edit a student and add devices, but an edit whose `deviceIds` leaves out a device the
 * student is on removes them from it: that is DELETE's job, which is for admins.
 */
function refuseOperatorRemoval(
  c: Context<AppEnv>,
  devicesOf: (employeeNo: string) => string[],
  deviceIds: unknown,
): void {
  if (c.get('caller').role === 'admin' || !Array.isArray(deviceIds)) return
  const wanted = new Set(deviceIds)
  const dropped = devicesOf(c.req.param('employeeNo') ?? '').filter((id) => !wanted.has(id))
  if (dropped.length > 0) {
    throw new AppError('forbidden', 'Only an admin may remove a student from a device', {
      field: 'deviceIds',
    })
  }
}

interface Body {
  data: unknown
  /** the photo from a multipart `face` part: a file's bytes, or base64 text */
  face?: Uint8Array | string
}

async function readBody(c: Context<AppEnv>): Promise<Body> {
  if (bodyKind(c, ['json', 'multipart']) === 'multipart') return readMultipart(c)
  return { data: parseJson(await c.req.text(), 'body') }
}

async function readMultipart(c: Context<AppEnv>): Promise<Body> {
  let form: FormData
  try {
    form = await c.req.raw.formData()
  } catch {
    throw new AppError('validation_failed', 'The multipart body cannot be read', { field: 'body' })
  }
  const data = form.get('data')
  if (data === null) {
    throw new AppError('validation_failed', 'data: the JSON part named "data" is missing', { field: 'data' })
  }
  const face = form.get('face')
  return {
    data: parseJson(typeof data === 'string' ? data : await data.text(), 'data'),
    ...(face instanceof Blob ? { face: new Uint8Array(await face.arrayBuffer()) } : {}),
    ...(typeof face === 'string' ? { face } : {}),
  }
}

function parseJson(text: string, field: string): unknown {
  try {
    return JSON.parse(text)
  } catch {
    throw new AppError('validation_failed', `${field}: not valid JSON`, { field })
  }
}
