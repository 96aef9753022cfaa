// Live check: is each student on each terminal right now. Uzbek (Latin) is the source; oʻ/gʻ use U+02BB.
const liveCheck = {
  liveCheck: {
    button: 'Qurilmalarda tekshirish',
    titleClass: '{name} sinfi qurilmalarda',
    titleStudent: '{name} qurilmalarda',
    student: 'Oʻquvchi',
    state: {
      PRESENT: 'Bor',
      NO_FACE: 'Yuzi yoʻq',
      ABSENT: 'Yoʻq',
      OFFLINE: 'Aloqa yoʻq',
      CREDENTIALS_EXPIRED: 'Parol eskirgan',
    },
    notEnrolled: 'Raqami yoʻq',
    notEnrolledLong: 'Raqami yoʻq: hali hech bir qurilmaga yozilmagan',
    deviceNotAnswering: 'Javob bermayapti',
    fix: 'Tuzatish',
    fixing: 'Yozilmoqda…',
    fixAll: 'Yetishmaganlarni yozish ({count})',
    noPhoto: 'Rasm yoʻq: avval qoʻshing',
    fixFailed: 'Yozib boʻlmadi: {reason}',
    progress: 'Tekshirilmoqda: {done} / {total}',
    done: '{total} ta oʻquvchi tekshirildi',
    again: 'Qayta tekshirish',
    stop: 'Toʻxtatish',
    close: 'Yopish',
    failed: 'Tekshirib boʻlmadi.',
    empty: 'Tekshiradigan oʻquvchi yoʻq.',
    noDevices: 'Hali qurilma qoʻshilmagan.',
    fromRegistrations:
      'Maktab serveri javob bermadi: shu qurilmada roʻyxatdan oʻtkazilgan oʻquvchilar koʻrsatilmoqda.',
  },
}

export type LiveCheckMessages = typeof liveCheck
export default liveCheck
