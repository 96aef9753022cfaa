import { fixtureText } from './fixture-files'

export interface DeviceErrorBody {
  statusCode: number
  statusString: string
  subStatusCode: string
  errorCode: number
  errorMsg: string
}

interface Row {
  statusCode: number
  statusString: string
  errorCode: number
}

let table: Map<string, Row> | undefined

/** Hikvision's official ErrorCode table (2269 rows), keyed by subStatusCode. */
function rows(): Map<string, Row> {
  if (table) return table
  table = new Map()
  for (const line of fixtureText('reference/hikvision-isapi-error-codes.tsv').split('\n').slice(1)) {
    const [statusCode, statusString, subStatusCode, , errorCodeDecimal] = line.split('\t')
    if (!subStatusCode || table.has(subStatusCode)) continue
    table.set(subStatusCode, {
      statusCode: Number(statusCode),
      // a few rows carry the Chinese status string; devices answer in English
      statusString: /^[\x20-\x7e]+$/.test(statusString ?? '') ? (statusString ?? '') : 'Invalid Operation',
      errorCode: Number(errorCodeDecimal),
    })
  }
  return table
}

/** A real device error body for a sub-status: statusCode, statusString and errorCode come from the table. */
export function deviceError(subStatusCode: string, errorMsg?: string): DeviceErrorBody {
  const row = rows().get(subStatusCode)
  if (!row) throw new Error(`unknown ISAPI subStatusCode ${subStatusCode}`)
  return {
    statusCode: row.statusCode,
    statusString: row.statusString,
    subStatusCode,
    errorCode: row.errorCode,
    errorMsg: errorMsg ?? subStatusCode,
  }
}

export function isKnownSubStatus(subStatusCode: string): boolean {
  return rows().has(subStatusCode)
}
