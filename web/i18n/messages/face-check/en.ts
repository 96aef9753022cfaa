import type { FaceCheckMessages } from './uz'

const faceCheck: FaceCheckMessages = {
  faceCheck: {
    loading: 'Loading the face check…',
    off: 'The face check does not work on this device: check the photo by eye.',
    ok: 'Good! Hold still',
    okPhoto: 'Passed the face check',
    autoCapture: 'Takes the photo by itself in a second',
    guide: {
      dark: 'Find a lighter place',
      bright: 'Too bright: move into the shade',
      noFace: 'No face seen: look at the camera',
      manyFaces: 'Only one person, please',
      small: 'Come closer',
      turned: 'Look straight at the camera',
      eyesClosed: 'Open your eyes',
      blurred: 'Blurred: hold still',
    },
    override: 'Accept anyway',
    overrideYes: 'Yes, take this photo',
    overrideConfirm: '“{problem}” — take this photo anyway? Some terminals may refuse it.',
    overridden: 'Check overridden: {problem}',
  },
}

export default faceCheck
