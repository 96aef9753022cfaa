import type { Handler } from './context'
import * as door from './handlers/door'
import * as events from './handlers/events'
import * as faces from './handlers/faces'
import * as hosts from './handlers/hosts'
import * as network from './handlers/network'
import * as ntp from './handlers/ntp'
import * as settings from './handlers/settings'
import * as system from './handlers/system'
import * as users from './handlers/users'

/** Names for what a request does; latency and faults are set per operation. */
export type OpName =
  | 'deviceInfo'
  | 'time'
  | 'timeCaps'
  | 'userCheck'
  | 'illegalLoginLock'
  | 'accessCaps'
  | 'userCaps'
  | 'faceCaps'
  | 'userCount'
  | 'userRecord'
  | 'userModify'
  | 'userSetUp'
  | 'userSearch'
  | 'userDelete'
  | 'faceRecord'
  | 'faceSetUp'
  | 'faceSearch'
  | 'faceDelete'
  | 'faceCount'
  | 'facePicture'
  | 'httpHosts'
  /** one slot, `httpHosts/<id>` (some firmware has only the list) */
  | 'httpHost'
  | 'acsEvent'
  | 'acsEventTotal'
  | 'door'
  | 'status'
  | 'systemCaps'
  /** the NTP list, `time/ntpServers` */
  | 'ntpServers'
  /** one NTP slot, `time/ntpServers/<id>` */
  | 'ntpServer'
  | 'networkInterfaces'
  /** `interfaces/<id>/ipAddress` and its capabilities */
  | 'ipAddress'
  | 'ipAddressCaps'
  | 'doorParam'
  | 'doorParamCaps'
  | 'cardReader'
  | 'cardReaderCaps'
  | 'faceRecognizeMode'
  | 'httpHostsCaps'
  | 'unknown'

interface Route {
  op: OpName
  path: string | RegExp
  methods: Partial<Record<string, Handler>>
  /** what a wrong method gets: `methodNotAllowed`, or a bare 404 (UserInfo/Search on GET) */
  wrongMethod?: 'notFound'
}

const ROUTES: Route[] = [
  { op: 'deviceInfo', path: '/ISAPI/System/deviceInfo', methods: { GET: system.deviceInfo } },
  { op: 'time', path: '/ISAPI/System/time', methods: { GET: system.getTime, PUT: system.putTime } },
  { op: 'timeCaps', path: '/ISAPI/System/time/capabilities', methods: { GET: ntp.timeCapabilities } },
  {
    op: 'ntpServers',
    path: '/ISAPI/System/time/ntpServers',
    methods: { GET: ntp.getServers, PUT: ntp.putServers },
  },
  {
    op: 'ntpServer',
    path: /^\/ISAPI\/System\/time\/ntpServers\/\d+$/,
    methods: { GET: ntp.getServer, PUT: ntp.putServer },
  },
  { op: 'systemCaps', path: '/ISAPI/System/capabilities', methods: { GET: network.systemCapabilities } },
  {
    op: 'networkInterfaces',
    path: '/ISAPI/System/Network/interfaces',
    methods: { GET: network.interfaces },
  },
  {
    op: 'ipAddress',
    path: /^\/ISAPI\/System\/Network\/interfaces\/\d+\/ipAddress$/,
    methods: { GET: network.getIpAddress, PUT: network.putIpAddress },
  },
  {
    op: 'ipAddressCaps',
    path: /^\/ISAPI\/System\/Network\/interfaces\/\d+\/ipAddress\/capabilities$/,
    methods: { GET: network.ipAddressCapabilities },
  },
  {
    op: 'doorParamCaps',
    path: /^\/ISAPI\/AccessControl\/Door\/param\/\d+\/capabilities$/,
    methods: { GET: settings.doorParamCapabilities },
  },
  {
    op: 'doorParam',
    path: /^\/ISAPI\/AccessControl\/Door\/param\/\d+$/,
    methods: { GET: settings.getDoorParam, PUT: settings.putDoorParam },
  },
  {
    op: 'cardReaderCaps',
    path: '/ISAPI/AccessControl/CardReaderCfg/capabilities',
    methods: { GET: settings.cardReaderCapabilities },
  },
  {
    op: 'cardReader',
    path: /^\/ISAPI\/AccessControl\/CardReaderCfg\/\d+$/,
    methods: { GET: settings.getCardReader, PUT: settings.putCardReader },
  },
  {
    op: 'faceRecognizeMode',
    path: '/ISAPI/AccessControl/FaceRecognizeMode',
    methods: { GET: settings.getFaceRecognizeMode, PUT: settings.putFaceRecognizeMode },
  },
  {
    op: 'httpHostsCaps',
    path: '/ISAPI/Event/notification/httpHosts/capabilities',
    methods: { GET: settings.hostCapabilities },
  },
  { op: 'status', path: '/ISAPI/System/status', methods: { GET: () => system.notFound } },
  { op: 'userCheck', path: '/ISAPI/Security/userCheck', methods: { GET: system.userCheck } },
  {
    op: 'illegalLoginLock',
    path: '/ISAPI/Security/illegalLoginLock',
    methods: { GET: system.illegalLoginLock },
  },
  {
    op: 'accessCaps',
    path: '/ISAPI/AccessControl/capabilities',
    methods: { GET: system.accessCapabilities },
  },
  {
    op: 'userCaps',
    path: '/ISAPI/AccessControl/UserInfo/capabilities',
    methods: { GET: system.userCapabilities },
  },
  {
    op: 'faceCaps',
    path: '/ISAPI/Intelligent/FDLib/capabilities',
    methods: { GET: system.faceCapabilities },
  },
  { op: 'userCount', path: '/ISAPI/AccessControl/UserInfo/Count', methods: { GET: users.countUsers } },
  // "This device requires POST for UserInfo/Record (PUT → methodNotAllowed)"
  { op: 'userRecord', path: '/ISAPI/AccessControl/UserInfo/Record', methods: { POST: users.recordUser } },
  { op: 'userModify', path: '/ISAPI/AccessControl/UserInfo/Modify', methods: { PUT: users.modifyUser } },
  { op: 'userSetUp', path: '/ISAPI/AccessControl/UserInfo/SetUp', methods: { PUT: users.setUpUser } },
  {
    op: 'userSearch',
    path: '/ISAPI/AccessControl/UserInfo/Search',
    methods: { POST: users.searchUsers },
    wrongMethod: 'notFound',
  },
  { op: 'userDelete', path: '/ISAPI/AccessControl/UserInfo/Delete', methods: { PUT: users.deleteUsers } },
  { op: 'faceRecord', path: '/ISAPI/Intelligent/FDLib/FaceDataRecord', methods: { POST: faces.recordFace } },
  // "This model rejects POST FDSetUp (methodNotAllowed)"
  { op: 'faceSetUp', path: '/ISAPI/Intelligent/FDLib/FDSetUp', methods: { PUT: faces.setUpFace } },
  { op: 'faceSearch', path: '/ISAPI/Intelligent/FDLib/FDSearch', methods: { POST: faces.searchFaces } },
  { op: 'faceDelete', path: '/ISAPI/Intelligent/FDLib/FDSearch/Delete', methods: { PUT: faces.deleteFaces } },
  { op: 'faceCount', path: '/ISAPI/Intelligent/FDLib/Count', methods: { GET: faces.countFaces } },
  {
    op: 'facePicture',
    path: /^\/LOCALS\/pic\/enrlFace\/0\/\d+\.jpg(@WEB\d+)?$/,
    methods: { GET: faces.facePicture },
  },
  {
    op: 'httpHosts',
    path: '/ISAPI/Event/notification/httpHosts',
    methods: { GET: hosts.getHosts, PUT: hosts.putHosts },
  },
  {
    op: 'httpHost',
    path: /^\/ISAPI\/Event\/notification\/httpHosts\/\d+$/,
    methods: { GET: hosts.getHost, PUT: hosts.putHost },
  },
  { op: 'acsEvent', path: '/ISAPI/AccessControl/AcsEvent', methods: { POST: events.searchEvents } },
  {
    op: 'acsEventTotal',
    path: '/ISAPI/AccessControl/AcsEventTotalNum',
    methods: { POST: events.countEvents },
  },
  { op: 'door', path: /^\/ISAPI\/AccessControl\/RemoteControl\/door\/\d+$/, methods: { PUT: door.door } },
]

export interface Resolved {
  op: OpName
  handler?: Handler
  /** the path exists but not for this method */
  wrongMethod?: 'methodNotAllowed' | 'notFound'
}

export function resolve(method: string, path: string): Resolved {
  const route = ROUTES.find((r) => (typeof r.path === 'string' ? r.path === path : r.path.test(path)))
  if (!route) return { op: 'unknown' }
  const handler = route.methods[method]
  if (handler) return { op: route.op, handler }
  return { op: route.op, wrongMethod: route.wrongMethod ?? 'methodNotAllowed' }
}
