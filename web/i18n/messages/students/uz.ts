// The Students list, its selection and the student sheet. Uzbek (Latin) is the source; oʻ/gʻ use U+02BB.
const students = {
  studentList: {
    sortLabel: 'Tartib',
    sort: { name: 'Ism boʻyicha', class: 'Sinf boʻyicha', state: 'Holat boʻyicha' },
    chooseAll: 'Ekrandagilarning hammasini belgilash',
    choose: '{name}ni belgilash',
    selectedLabel: 'Belgilangan oʻquvchilar bilan',
    selected: 'Belgilandi: {count} ta',
    exportSelected: 'Faqat ularni yuklab olish (CSV)',
    terminalPick: 'Qaysi qurilmaga',
    enrollOnTerminal: 'Qurilmaga yozish',
    enrollProgress: '{done} / {total} tayyor',
    enrollFailed: '{count} tasi yozilmadi: ularni oching va sababini koʻring.',
    enrollNoNumber: '{count} tasi hali roʻyxatga olinmagan: ularni Qoʻshish sahifasida yozing.',
    checkTitle: 'Belgilangan {count} ta oʻquvchi qurilmalarda',
    clearSelection: 'Belgilashni bekor qilish',
    state: {
      present: 'Bor',
      missing: 'Yoʻq',
      failed: 'Xato',
      pending: 'Kutilmoqda',
      unknown: 'Nomaʼlum',
    },
    csv: {
      lastName: 'Familiyasi',
      firstName: 'Ismi',
      fatherName: 'Otasining ismi',
      className: 'Sinfi',
      employeeNo: 'Qurilmadagi raqami',
    },
  },
  studentSheet: {
    terminals: 'Qurilmalarda',
    parentPhone: 'Ota-onasining telefoni',
    edit: 'Tahrirlash',
    newFace: 'Yangi yuz',
    save: 'Saqlash',
    saving: 'Qurilmalarga yozilmoqda…',
    nothingChanged: 'Hech narsa oʻzgartirilmadi.',
    saved: 'Saqlandi: yozilgan barcha qurilmalarda oʻqib tekshirildi.',
    savedBackendQueued: 'Maktab serveriga aloqa tiklanganda yuboriladi.',
    notSaved: 'Saqlanmadi: hech bir qurilmada oʻzgarmadi. Sababi:',
    remove: 'Barcha qurilmalardan oʻchirish',
    removeConfirmTitle: '{name} barcha qurilmalardan oʻchirilsinmi?',
    removeConfirmBody: 'Eshik unga boshqa ochilmaydi. Oʻquvchi maktab serverida qoladi.',
    removeAlsoSchool: 'Maktab serveridan ham oʻchirish',
    removeYes: 'Ha, oʻchirish',
    removing: 'Oʻchirilmoqda…',
    removed: 'Barcha qurilmalardan oʻchirildi.',
    notRemoved: 'Oʻchirilmadi: hech bir qurilmada oʻzgarmadi. Sababi:',
    adminOnly: 'Oʻchirishni faqat administrator bajara oladi.',
    noNumber: 'Bu oʻquvchi hali qurilmalarga yozilmagan: avval roʻyxatga oling.',
    terminalWrote: 'Yozildi',
    terminalRemoved: 'Oʻchirildi',
    errors: {
      phone: 'Telefon raqami +998 va 9 ta raqamdan iborat boʻlsin.',
    },
  },
  refusal: {
    title: 'Maktab serveri qabul qilmadi.',
    serverSaid: 'Server javobi: «{message}»',
    retry: 'Qayta yuborish',
    retried: 'Qayta yuborildi.',
    reasons: {
      duplicate_in_class: {
        what: 'Bu sinfda shu ism-familiyali oʻquvchi allaqachon bor.',
        todo: 'Oʻquvchilar sahifasida oʻsha oʻquvchini oching va uni yangilang; bu yangi yozuv kerak emas.',
      },
      class_not_found: {
        what: 'Maktab serverida bunday sinf yoʻq.',
        todo: 'Sinfni yarating (Sinf roʻyxatini yuklash sahifasida) yoki boshqa sinfni tanlang, soʻng qayta yuboring.',
      },
      device_student_id_taken: {
        what: 'Bu raqam maktab serverida boshqa oʻquvchiga berilgan.',
        todo: 'Oʻquvchilar sahifasida shu raqamli oʻquvchini oching va kim ekanini tekshiring.',
      },
      invalid: {
        what: 'Maktab serveri maʼlumotlardan birini notoʻgʻri deb topdi.',
        todo: 'Ism, familiya, jins va sinfni tekshiring, tuzating va qayta yuboring.',
      },
      not_found: {
        what: 'Bu oʻquvchi maktab serverida endi yoʻq.',
        todo: 'Uni qurilmadan maktabga import qiling yoki qaytadan roʻyxatga oling.',
      },
      forbidden: {
        what: 'Lokal serverning maktab serveridagi hisobiga bunga ruxsat yoʻq.',
        todo: 'Administrator lokal serverga maktab administratori hisobini kiritsin, soʻng qayta yuboring.',
      },
      other: {
        what: 'Maktab serveri maʼlumotni qabul qilmadi.',
        todo: 'Birozdan soʻng qayta yuboring; takrorlansa, administratorga ayting.',
      },
    },
  },
}

export type StudentsMessages = typeof students
export default students
