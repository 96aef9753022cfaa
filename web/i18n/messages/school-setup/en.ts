import type schoolSetupUz from './uz'

const schoolSetup: typeof schoolSetupUz = {
  // the school server's refusals of a screen's sign-in: only the sign-in panel meets them
  errors: {
    backend_rejected_login_failed: 'The e-mail or the password is wrong.',
    backend_rejected_role_not_allowed:
      'This account cannot enroll students: a school administrator or teacher account is needed.',
    backend_rejected_wrong_school: 'This account belongs to another school.',
  },
  schoolAccount: {
    title: 'Your school-server account',
    intro:
      'When this screen signs in to the school server with your own account (a school administrator or a teacher), the students enrolled from it show on the server under your name. Otherwise the shared account is used.',
    shared: 'The shared account is used now.',
    signedInAs: '{name} ({email}), {role}',
    since: 'Signed in: {time}',
    ended:
      'Your school-server session has ended. Sign in again: {count} reports are waiting to be sent, nothing is lost.',
    bannerTitle: 'Sign in to the school server again',
    signInAgain: 'Sign in again',
    email: 'E-mail',
    password: 'Password',
    signIn: 'Sign in',
    signingIn: 'Signing in…',
    signOut: 'Sign out (back to the shared account)',
    roles: { SCHOOL_ADMIN: 'school administrator', TEACHER: 'teacher' },
  },
  schoolLink: {
    open: 'School server',
    title: 'The device on the school server',
    intro:
      'Attendance is recorded under this device. Pick the matching device on the school server, or create it there.',
    loading: 'Getting the school server’s devices…',
    linked: 'Linked now: {name}',
    notLinked: 'Not linked yet.',
    match: { serial: 'same serial number', name: 'same name' },
    linkedElsewhere: 'linked to another terminal',
    entrance: 'Entrance',
    exit: 'Exit',
    choose: 'Choose this one',
    create: 'Create it on the school server ({type})',
    createNeedsTest: 'Test the connection first to create it: its serial number is needed.',
    done: 'Linked: {name}',
  },
  networkSearch: {
    open: 'Search the network',
    title: 'Terminals on the network',
    intro:
      'Looking for Hikvision terminals on this network. Add a new one with its password; one that is not activated yet gets an administrator password first.',
    searching: 'Searching…',
    again: 'Search again',
    none: 'No terminal found. Check that the terminal is on and connected to this network.',
    terminal: 'Terminal',
    state: {
      new: 'New',
      inactive: 'Not activated',
      added: 'Already in the list',
      outside: 'In a network not allowed',
    },
    password: 'The terminal’s administrator password',
    newPassword: 'New administrator password',
    inactiveExplain:
      'This terminal is not activated yet: it gets its administrator password now. Write the password down.',
    rule: {
      length: '8 to 16 characters',
      kinds: 'At least two kinds: digits, lowercase, uppercase, symbols',
      username: 'Not containing the user name',
    },
    add: 'Add',
    activateAndAdd: 'Activate and add',
    activating: 'Activating…',
    adding: 'Adding to the list…',
    testing: 'Testing the connection…',
    added: 'Added, and the connection works.',
    outsideExplain: 'This address is outside the allowed networks, so the proxy does not connect to it.',
  },
}

export default schoolSetup
