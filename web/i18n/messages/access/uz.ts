// Roles: what a screen paired as operator is told, and the admin's words for pairing and renaming screens.
// Uzbek (Latin) is the source; oʻ/gʻ use U+02BB, the tutuq belgisi U+02BC.
const access = {
  access: {
    notAllowed: {
      title: 'Buni faqat administrator qila oladi',
      body: 'Bu ekran operator sifatida ulangan: u oʻquvchilarni qoʻshadi, navbatni va qurilmalarni tekshiradi. Qurilmalar, sozlamalar va ekranlarni faqat administrator oʻzgartiradi.',
      unpairedBody:
        'Bu ekran hali lokal serverga ulanmagan. Avval Sozlamalarda ulash kodini kiriting; bu boʻlimni faqat administrator ekrani ochadi.',
      home: 'Bosh sahifaga',
      pair: 'Ekranni ulash',
    },
    pairAs: {
      operator: 'Bu ekran operator sifatida ulanadi',
      admin: 'Bu ekran administrator sifatida ulanadi',
    },
    roleHint: {
      operator:
        'Operator oʻquvchilarni qoʻshadi va qurilmalarni tekshiradi; qurilmalarni oʻzgartira olmaydi.',
      admin: 'Administrator hamma narsani qila oladi: qurilmalar, sozlamalar va ekranlar.',
    },
    rename: {
      action: 'Nomini oʻzgartirish',
      label: 'Ekranning yangi nomi',
      save: 'Saqlash',
      cancel: 'Bekor qilish',
    },
  },
}

export default access
