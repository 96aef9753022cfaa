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
    parentPhone: 'Parent’s phone',
    edit: 'Edit',
    newFace: 'New face',
    save: 'Save',
    saving: 'Writing to the terminals…',
    nothingChanged: 'Nothing was changed.',
    saved: 'Saved: read back on every terminal it was written to.',
    savedBackendQueued: 'It goes to the school server once it can be reached.',
    notSaved: 'Not saved: no terminal was changed. Why:',
    remove: 'Remove from all terminals',
    removeConfirmTitle: 'Remove {name} from all terminals?',
    removeConfirmBody: 'The door will no longer open for them. The student stays on the school server.',
    removeAlsoSchool: 'Also delete from the school server',
    removeYes: 'Yes, remove',
    removing: 'Removing…',
    removed: 'Removed from all terminals.',
    notRemoved: 'Not removed: no terminal was changed. Why:',
    adminOnly: 'Only an administrator can remove.',
    noNumber: 'This student is on no terminal yet: enroll them first.',
    terminalWrote: 'Written',
    terminalRemoved: 'Removed',
    errors: {
      phone: 'A phone number is +998 and 9 digits.',
    },
  },
  refusal: {
    title: 'The school server refused it.',
    serverSaid: 'The server said: “{message}”',
    retry: 'Send again',
    retried: 'Sent again.',
    reasons: {
      duplicate_in_class: {
        what: 'This class already has a student with this first and last name.',
        todo: 'Open that student on the Students page and update them; this new record is not needed.',
      },
      class_not_found: {
        what: 'The school server has no such class.',
        todo: 'Create the class (on the class list upload page) or pick another class, then send again.',
      },
      device_student_id_taken: {
        what: 'This number belongs to another student on the school server.',
        todo: 'Open the student with this number on the Students page and check who it is.',
      },
      invalid: {
        what: 'The school server found one of the fields wrong.',
        todo: 'Check the names, gender and class, correct them and send again.',
      },
      not_found: {
        what: 'This student is no longer on the school server.',
        todo: 'Import them from a terminal into the school database, or enroll them again.',
      },
      forbidden: {
        what: 'The local server’s account on the school server may not do this.',
        todo: 'An administrator should give the local server a school administrator account, then send again.',
      },
      other: {
        what: 'The school server did not accept it.',
        todo: 'Send again in a while; if it happens again, tell the administrator.',
      },
    },
  },
}

export default students
