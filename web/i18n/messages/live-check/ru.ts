import type { LiveCheckMessages } from './uz'

const liveCheck: LiveCheckMessages = {
  liveCheck: {
    button: 'Проверить на устройствах',
    titleClass: 'Класс {name} на устройствах',
    titleStudent: '{name} на устройствах',
    student: 'Ученик',
    state: {
      PRESENT: 'Есть',
      NO_FACE: 'Нет лица',
      ABSENT: 'Нет',
      OFFLINE: 'Нет связи',
      CREDENTIALS_EXPIRED: 'Пароль устарел',
    },
    notEnrolled: 'Без номера',
    notEnrolledLong: 'Без номера: ещё не записан ни на одно устройство',
    deviceNotAnswering: 'Не отвечает',
    fix: 'Исправить',
    fixing: 'Записывается…',
    fixAll: 'Записать недостающих ({count})',
    noPhoto: 'Нет фото: сначала добавьте',
    fixFailed: 'Не удалось записать: {reason}',
    progress: 'Проверяется: {done} / {total}',
    done: 'Проверено учеников: {total}',
    again: 'Проверить снова',
    stop: 'Остановить',
    close: 'Закрыть',
    failed: 'Не удалось проверить.',
    empty: 'Некого проверять.',
    noDevices: 'Устройства ещё не добавлены.',
    fromRegistrations:
      'Школьный сервер не ответил: показаны ученики, зарегистрированные через это устройство.',
  },
}

export default liveCheck
