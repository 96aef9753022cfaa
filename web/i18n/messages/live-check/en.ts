import type { LiveCheckMessages } from './uz'

const liveCheck: LiveCheckMessages = {
  liveCheck: {
    button: 'Check on devices',
    titleClass: 'Class {name} on the devices',
    titleStudent: '{name} on the devices',
    student: 'Student',
    state: {
      PRESENT: 'On device',
      NO_FACE: 'No face',
      ABSENT: 'Missing',
      OFFLINE: 'Offline',
      CREDENTIALS_EXPIRED: 'Password expired',
    },
    notEnrolled: 'No number',
    notEnrolledLong: 'No number: not written to any device yet',
    deviceNotAnswering: 'Not answering',
    fix: 'Fix',
    fixing: 'Writing…',
    fixAll: 'Fix all missing ({count})',
    noPhoto: 'No photo: add one first',
    fixFailed: 'Could not write: {reason}',
    progress: 'Checking: {done} / {total}',
    done: '{total} students checked',
    again: 'Check again',
    stop: 'Stop',
    close: 'Close',
    failed: 'Could not check.',
    empty: 'Nobody to check.',
    noDevices: 'No devices added yet.',
    fromRegistrations:
      'The school server did not answer: showing the students registered through this proxy.',
  },
}

export default liveCheck
