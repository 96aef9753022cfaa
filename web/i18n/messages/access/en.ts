import type accessUz from './uz'

const access: typeof accessUz = {
  access: {
    notAllowed: {
      title: 'Only the administrator can do this',
      body: 'This screen is paired as an operator: it enrolls students, watches the queue and checks the devices. Devices, settings and screens are changed by the administrator only.',
      unpairedBody:
        'This screen is not paired with the local server yet. Enter a pairing code in Settings first; this section opens on an administrator’s screen only.',
      home: 'Go to the home page',
      pair: 'Pair this screen',
    },
    pairAs: {
      operator: 'This screen will be paired as an operator',
      admin: 'This screen will be paired as an administrator',
    },
    roleHint: {
      operator: 'An operator enrolls students and checks the devices; it cannot change the devices.',
      admin: 'An administrator can do everything: devices, settings and screens.',
    },
    rename: {
      action: 'Rename',
      label: 'The screen’s new name',
      save: 'Save',
      cancel: 'Cancel',
    },
  },
}

export default access
