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
  },
}

export type StudentsMessages = typeof students
export default students
