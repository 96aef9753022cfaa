// The face check's guide on the camera view and its notes on photos: short, said to the student being photographed.
const faceCheck = {
  faceCheck: {
    loading: 'Yuz tekshiruvi yuklanmoqda…',
    off: 'Yuz tekshiruvi bu qurilmada ishlamayapti: suratni koʻz bilan tekshiring.',
    ok: 'Yaxshi! Qimirlamang',
    okPhoto: 'Yuz tekshiruvidan oʻtdi',
    autoCapture: 'Bir soniyada oʻzi suratga oladi',
    guide: {
      dark: 'Yorugʻroq joy kerak',
      bright: 'Juda yorugʻ: soyaroq joyga oʻting',
      noFace: 'Yuz koʻrinmayapti: kameraga qarang',
      manyFaces: 'Faqat bir kishi boʻlsin',
      small: 'Yaqinroq keling',
      turned: 'Toʻgʻri kameraga qarang',
      eyesClosed: 'Koʻzlarni oching',
      blurred: 'Rasm xira: qimirlamang',
    },
    override: 'Baribir qabul qilish',
    overrideYes: 'Ha, shu rasmni olish',
    overrideConfirm:
      '“{problem}” — shunga qaramay bu suratni olasizmi? Baʼzi terminallar uni qabul qilmasligi mumkin.',
    overridden: 'Tekshiruv chetlab oʻtildi: {problem}',
  },
}

export type FaceCheckMessages = typeof faceCheck
export default faceCheck
