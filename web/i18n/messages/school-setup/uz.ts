const schoolSetup = {
  // the school server's refusals of a screen's sign-in: only the sign-in panel meets them
  errors: {
    backend_rejected_login_failed: 'Elektron pochta yoki parol notoʻgʻri.',
    backend_rejected_role_not_allowed:
      'Bu hisob bilan oʻquvchi yozib boʻlmaydi: maktab administratori yoki oʻqituvchi hisobi kerak.',
    backend_rejected_wrong_school: 'Bu hisob boshqa maktabniki.',
  },
  schoolAccount: {
    title: 'Maktab serveridagi hisobingiz',
    intro:
      'Bu ekran maktab serveriga oʻz hisobingiz (maktab administratori yoki oʻqituvchi) bilan kirsa, shu ekrandan yozilgan oʻquvchilar maktab serverida sizning nomingizdan koʻrinadi. Kirmasa, umumiy hisob ishlatiladi.',
    shared: 'Hozir umumiy hisob ishlatilmoqda.',
    signedInAs: '{name} ({email}), {role}',
    since: 'Kirilgan vaqt: {time}',
    ended:
      'Maktab serveridagi sessiya tugadi. Qayta kiring: {count} ta maʼlumot yuborilishini kutmoqda, hech narsa yoʻqolmaydi.',
    bannerTitle: 'Maktab serveriga qayta kiring',
    signInAgain: 'Qayta kirish',
    email: 'Elektron pochta',
    password: 'Parol',
    signIn: 'Kirish',
    signingIn: 'Kirilmoqda…',
    signOut: 'Chiqish (umumiy hisobga qaytish)',
    roles: { SCHOOL_ADMIN: 'maktab administratori', TEACHER: 'oʻqituvchi' },
  },
  schoolLink: {
    open: 'Maktab serveri',
    title: 'Maktab serveridagi qurilma',
    intro:
      'Davomat shu qurilma nomi bilan yoziladi. Maktab serveridagi mos qurilmani tanlang yoki u yerda yarating.',
    loading: 'Maktab serveridagi qurilmalar olinmoqda…',
    linked: 'Hozir bogʻlangan: {name}',
    notLinked: 'Hali bogʻlanmagan.',
    match: { serial: 'seriya raqami bir xil', name: 'nomi bir xil' },
    linkedElsewhere: 'boshqa terminalga bogʻlangan',
    entrance: 'Kirish',
    exit: 'Chiqish',
    choose: 'Shuni tanlash',
    create: 'Maktab serverida yaratish ({type})',
    createNeedsTest: 'Yaratish uchun avval ulanishni tekshiring: seriya raqami kerak.',
    done: 'Bogʻlandi: {name}',
  },
  networkSearch: {
    open: 'Tarmoqdan qidirish',
    title: 'Tarmoqdagi terminallar',
    intro:
      'Shu tarmoqdagi Hikvision terminallari qidiriladi. Yangisini parolini kiritib qoʻshing; hali faollashtirilmaganiga avval administrator paroli beriladi.',
    searching: 'Qidirilmoqda…',
    again: 'Qayta qidirish',
    none: 'Terminal topilmadi. Terminal yoqilganini va shu tarmoqqa ulanganini tekshiring.',
    terminal: 'Terminal',
    state: {
      new: 'Yangi',
      inactive: 'Faollashtirilmagan',
      added: 'Roʻyxatda bor',
      outside: 'Ruxsat etilmagan tarmoqda',
    },
    password: 'Terminal administratori paroli',
    newPassword: 'Yangi administrator paroli',
    inactiveExplain:
      'Bu terminal hali faollashtirilmagan: unga hozir administrator paroli beriladi. Parolni yozib qoʻying.',
    rule: {
      length: '8–16 ta belgi',
      kinds: 'Kamida ikki xil: raqam, kichik harf, katta harf, belgi',
      username: 'Foydalanuvchi nomi boʻlmasin',
    },
    add: 'Qoʻshish',
    activateAndAdd: 'Faollashtirish va qoʻshish',
    activating: 'Faollashtirilmoqda…',
    adding: 'Roʻyxatga qoʻshilmoqda…',
    testing: 'Ulanish tekshirilmoqda…',
    added: 'Qoʻshildi va ulanish ishlayapti.',
    outsideExplain: 'Bu manzil ruxsat etilgan tarmoqlardan tashqarida, shuning uchun unga ulanilmaydi.',
  },
}

export default schoolSetup
