import type { StudentsMessages } from './uz'

const students: StudentsMessages = {
  studentList: {
    sortLabel: 'Порядок',
    sort: { name: 'По имени', class: 'По классу', state: 'По состоянию' },
    chooseAll: 'Отметить всех на экране',
    choose: 'Отметить: {name}',
    selectedLabel: 'С отмеченными учениками',
    selected: 'Отмечено: {count}',
    exportSelected: 'Скачать только их (CSV)',
    terminalPick: 'На какое устройство',
    enrollOnTerminal: 'Записать на устройство',
    enrollProgress: 'Готово {done} из {total}',
    enrollFailed: 'Не записано: {count}. Откройте их карточки, чтобы увидеть причину.',
    enrollNoNumber: 'Ещё не зарегистрированы: {count}. Запишите их на странице «Добавить».',
    checkTitle: 'Отмеченные ученики ({count}) на устройствах',
    clearSelection: 'Снять отметки',
    state: {
      present: 'Есть',
      missing: 'Нет',
      failed: 'Ошибка',
      pending: 'Ожидает',
      unknown: 'Неизвестно',
    },
    csv: {
      lastName: 'Фамилия',
      firstName: 'Имя',
      fatherName: 'Отчество',
      className: 'Класс',
      employeeNo: 'Номер на устройстве',
    },
  },
  studentSheet: {
    terminals: 'На устройствах',
  },
}

export default students
