const networkSearch = {
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
    password: 'Terminal paroli (admin)',
    newPassword: 'Yangi administrator paroli',
    inactiveExplain:
      'Bu terminal hali faollashtirilmagan: unga hozir administrator paroli beriladi. Parolni yozib qoʻying.',
    rule: {
      length: '8–16 ta belgi',
      kinds: 'Kamida ikki xil: raqam, kichik harf, katta harf, belgi',
      username: '“admin” soʻzi boʻlmasin',
    },
    add: 'Qoʻshish',
    activateAndAdd: 'Faollashtirish va qoʻshish',
    activating: 'Faollashtirilmoqda…',
    adding: 'Roʻyxatga qoʻshilmoqda…',
    testing: 'Ulanish tekshirilmoqda…',
    added: 'Qoʻshildi va ulanish ishlayapti.',
    outsideExplain:
      'Bu manzil ruxsat etilgan tarmoqlardan tashqarida (SR_DEVICE_NETS), shuning uchun unga ulanilmaydi.',
  },
}

export default networkSearch
