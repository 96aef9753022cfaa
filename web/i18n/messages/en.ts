import type { Messages } from './uz'
import enrollment from './enrollment/en'
import check from './check/en'
import liveCheck from './live-check/en'
import devices from './devices/en'
import { deviceImportEntry } from './device-import/entry'
import { importEntry } from './import/entry'
import access from './access/en'
import faceCheck from './face-check/en'
import { deviceSettingsEntry } from './device-settings/entry'

const en: Messages = {
  app: {
    name: 'Student Registrator',
    shortName: 'Registrator',
    skipToContent: 'Skip to content',
  },
  nav: {
    menu: 'Main menu',
    enroll: 'Enroll',
    queue: 'Queue',
    devices: 'Devices',
    students: 'Students',
    check: 'Check',
    settings: 'Settings',
    audit: 'Change history',
    classImport: 'Import a class list',
    deviceImport: 'Import into the school database',
    deviceSettings: 'Device settings',
    notAllowed: 'Not allowed',
    short: {
      enroll: 'Enroll',
      queue: 'Queue',
      devices: 'Devices',
      students: 'Students',
      check: 'Check',
      settings: 'Settings',
      audit: 'History',
    },
  },
  status: {
    online: 'Online',
    offline: 'Offline',
    checking: 'Checking',
    onlineHint: 'Connected to the local server',
    offlineHint: 'No connection to the local server. The app is working offline.',
    checkingHint: 'Checking the connection to the local server',
    checkNow: 'Check now',
    checkedAt: 'Checked: {time}',
  },
  pairingBanner: {
    title: 'This screen is not connected to the local server yet',
    body: 'To start, enter the one-time pairing code shown by the local server.',
    action: 'Connect this screen',
  },
  update: {
    ready: 'A new version of the app is ready.',
    apply: 'Update',
    later: 'Later',
    waitForWork: 'You can update once the current enrollment has finished.',
    reloadPending: 'The app will update as soon as the enrollment has finished.',
    offlineReady: 'The app now opens even without the local server.',
  },
  common: {
    retry: 'Try again',
    loading: 'Loading…',
    cancel: 'Cancel',
    close: 'Close',
  },
  pages: {
    enroll: {
      title: 'Enroll a student',
      stepsTitle: 'Before you start',
      stepPair: 'Connect this screen to the local server',
      stepDevices: 'Add the entrance devices',
      stepEnroll: 'Enroll the first student',
      stepDone: 'Done',
      stepTodo: 'Not done yet',
      noDevicesTitle: 'No devices added yet',
      noDevicesBody:
        'You need at least one device to enroll a student. On the Devices page, enter the terminal’s IP address, login and password.',
      goDevices: 'Go to Devices',
    },
    queue: {
      title: 'Queue',
      subtitle: 'Enrollments waiting to be sent',
      emptyTitle: 'The queue is empty',
      emptyBody:
        'Enrollments saved while the devices or the local server were out of reach wait here and go out by themselves once the connection is back. Nothing is lost.',
      action: 'Add a student',
    },
    devices: {
      title: 'Devices',
      subtitle: 'The school’s Hikvision face recognition terminals',
      emptyTitle: 'No devices added yet',
      emptyBody:
        'The terminals at the entrance and exit doors will be listed here. First have the terminal’s IP address, port, login and password ready.',
      loadFailed: 'Could not load the list of devices.',
      directionIn: 'Entrance',
      directionOut: 'Exit',
      lastSeen: 'Last contact: {time}',
      neverSeen: 'Not contacted yet',
    },
    students: {
      title: 'Students',
      subtitle: 'Students from the school server and their state on each device',
      emptyTitle: 'The student list has not been loaded yet',
      emptyBody:
        'Students come from the school server: this page shows which devices each of them is on. For that, the local server needs the school server’s address.',
    },
    check: {
      title: 'Device check',
      subtitle: 'Is every terminal working? Find out in seconds',
      emptyTitle: 'Nothing to check yet',
      emptyBody:
        'This page shows whether each terminal is on, its model, how many users and faces it holds and how far its clock is off. First add a device on the Devices page.',
    },
    settings: {
      title: 'Settings',
      subtitle: 'Connection, language and screens',
    },
  },
  settings: {
    pairing: {
      title: 'Connect this screen',
      intro:
        'Enter a one-time pairing code so the local server knows this screen. The code is shown in the local server’s window or on the administrator’s phone.',
      firstStart: 'No screen is connected to the local server yet: enter the code it showed when it started.',
      codeLabel: 'Pairing code',
      codeHint: 'A one-time code made of digits',
      nameLabel: 'Screen name (optional)',
      namePlaceholder: 'For example: Entrance tablet',
      submit: 'Connect',
      pairing: 'Connecting…',
      fromLink: 'Connecting with the code from the scanned QR code…',
      success: 'The screen is connected.',
      codeRejected: 'The code is wrong or has expired. Get a new code and enter it again.',
      pairedTitle: 'Screen connected',
      pairedBody: 'This screen is connected to the local server as “{role}”.',
      revoked: 'The administrator disconnected this screen. Pair it again to go on working.',
      unpair: 'Disconnect this screen',
      unpairConfirm:
        'This screen will be disconnected from the local server. You will need a new code to use it again. Continue?',
      unpairYes: 'Yes, disconnect',
    },
    proxy: {
      title: 'Local server',
      addressLabel: 'Address',
      addressHint: 'Usually there is nothing to change: the address the app was opened from is used.',
      save: 'Save',
      reset: 'Use the original address',
      invalidAddress:
        'The address must start with http:// or https://, for example https://192.168.1.10:8443',
      statusLabel: 'Status',
      versionLabel: 'Version',
      lastChecked: 'Last checked: {time}',
      checkNow: 'Check now',
    },
    language: {
      title: 'Language',
    },
    pairAnother: {
      title: 'Connect another screen',
      intro: 'Scan the QR code with the camera of the new tablet or phone, or type the code by hand.',
      roleLabel: 'Access',
      create: 'Create a code',
      codeLabel: 'Pairing code',
      expires: 'The code is valid until {time}',
      qrAlt: 'QR code to connect a screen',
      orOpen: 'Or open this address on the new screen:',
    },
    tokens: {
      defaultName: 'Screen {n}',
      title: 'Connected screens',
      empty: 'No screens are connected yet.',
      thisScreen: 'This screen',
      created: 'Connected: {time}',
      lastUsed: 'Last used: {time}',
      neverUsed: 'Not used yet',
      revoke: 'Revoke access',
      revokeConfirm: 'Revoke the access of “{name}”? It cannot work until it is connected again.',
      revokeYes: 'Yes, revoke access',
      revokedBadge: 'Revoked',
    },
    app: {
      title: 'App',
      offlineReady: 'The app opens even without the local server.',
    },
  },
  roles: {
    admin: 'Administrator',
    operator: 'Operator',
  },
  errors: {
    unauthorized: 'This screen has no access or its access was revoked. Connect it again in Settings.',
    forbidden: 'Only an administrator can do this.',
    validation_failed: 'Some information is filled in wrongly. Please check the fields.',
    fields: {
      name: 'name',
      host: 'address',
      port: 'port',
      scheme: 'protocol',
      username: 'login',
      password: 'password',
      direction: 'direction',
      firstName: 'first name',
      lastName: 'last name',
      fatherName: 'father’s name',
      classId: 'class',
      gender: 'gender',
      phone: 'phone',
      server: 'time server',
      synchronizeIntervalMin: 'sync interval',
      code: 'pairing code',
      role: 'role',
      face: 'photo',
      deviceIds: 'devices',
      employeeNo: 'number',
      from: 'start date',
      to: 'end date',
    },
    validation_failed_field: 'This field is filled in wrongly: {field}.',
    not_found: 'What you asked for was not found. It may have been deleted.',
    payload_too_large: 'The file is too large. Choose a smaller photo.',
    busy: 'The server is receiving many photos at once. Trying again in a few seconds.',
    unsupported_media_type: 'The app sent data in a form the proxy does not accept. Update the app.',
    rate_limited: 'Too many requests. Try again in a minute.',
    rate_limited_wait: 'Too many attempts. Try again in {minutes} min.',
    device_unreachable: 'Could not reach the device. Is it switched on and connected to the network?',
    device_auth_failed: 'The device did not accept the login or password. Please check them.',
    device_locked: 'The device is locked for a while after several wrong passwords. Try again later.',
    device_locked_wait: 'The device is locked after several wrong passwords. Try again in {minutes} min.',
    device_rejected: 'The device refused the request.',
    device_rejected_reason: 'The device refused the request (reason: {reason}).',
    device_bad_response: 'The device gave an answer that makes no sense. Try restarting it.',
    device_not_applied:
      'The device answered OK but did not save it. Try again; if it repeats, restart the device.',
    device_lost_after_move:
      'The device took the new address but was not found there. Most devices do not go back by themselves: check the address on the device’s screen, then correct it on the Devices page.',
    image_invalid: 'The photo does not fit. A clear, well-lit JPEG or PNG photo of the face is needed.',
    host_not_allowed: 'This address is not in the school network. Check the device’s IP address.',
    credentials_expired:
      'The device password has expired (30 days). Enter the password again in the device settings.',
    duplicate: 'This record already exists.',
    conflict: 'Someone changed this elsewhere at the same time. Reload the page and try again.',
    conflict_same_terminal:
      'This terminal is already added as “{name}”. Edit that entry, or remove this address.',
    device_undo_pending:
      'This device still holds students a failed enrollment must take off it. Finish that first (the terminal must answer), then remove the device.',
    capacity_exceeded: 'The device memory is full: no room for another user or face.',
    backend_unavailable:
      'No connection to the school server. The data is kept and will be sent when the connection is back.',
    backend_rejected: 'The school server did not accept the data.',
    internal: 'Something unexpected went wrong on the local server. Please try again.',
    proxy_unreachable:
      'Could not reach the local server. Is it switched on, and is this device on the school network?',
    proxy_timeout: 'The local server did not answer. Try again in a moment.',
    invalid_response:
      'The local server sent an answer the app does not understand. The app and server versions may not match.',
  },
  ...enrollment,
  ...check,
  ...liveCheck,
  ...devices,
  ...deviceImportEntry.en,
  ...importEntry.en,
  ...access,
  ...faceCheck,
  ...deviceSettingsEntry.en,
}

export default en
