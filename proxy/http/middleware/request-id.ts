import { requestId as honoRequestId } from 'hono/request-id'

/** Every request gets an id, echoed as X-Request-Id and written on its log line, to match reports to logs. */
export const requestId = () => honoRequestId({ limitLength: 64 })
