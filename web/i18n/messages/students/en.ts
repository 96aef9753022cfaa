import type { StudentsMessages } from './uz'

const students: StudentsMessages = {
  studentList: {
    sortLabel: 'Order',
    sort: { name: 'By name', class: 'By class', state: 'By state' },
    chooseAll: 'Tick everyone on screen',
    choose: 'Tick {name}',
    selectedLabel: 'With the ticked students',
    selected: '{count} ticked',
    exportSelected: 'Download only them (CSV)',
    terminalPick: 'Onto which terminal',
    enrollOnTerminal: 'Put on the terminal',
    enrollProgress: '{done} of {total} done',
    enrollFailed: '{count} not written: open them to see why.',
    enrollNoNumber: '{count} not enrolled yet: enroll them on the Enroll page.',
    checkTitle: 'The {count} ticked students on the terminals',
    clearSelection: 'Clear the ticks',
    state: {
      present: 'On it',
      missing: 'Missing',
      failed: 'Error',
      pending: 'Waiting',
      unknown: 'Unknown',
    },
    csv: {
      lastName: 'Last name',
      firstName: 'First name',
      fatherName: 'Father’s name',
      className: 'Class',
      employeeNo: 'Number on the terminals',
    },
  },
  studentSheet: {
    terminals: 'On the terminals',
  },
}

export default students
