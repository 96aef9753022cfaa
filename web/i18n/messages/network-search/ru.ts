import type networkSearchUz from './uz'

const networkSearch: typeof networkSearchUz = {
  networkSearch: {
    open: 'Найти в сети',
    title: 'Терминалы в сети',
    intro:
      'Ищем терминалы Hikvision в этой сети. Новый добавьте, введя его пароль; неактивированному сначала задаётся пароль администратора.',
    searching: 'Идёт поиск…',
    again: 'Искать снова',
    none: 'Терминалы не найдены. Проверьте, что терминал включён и подключён к этой сети.',
    terminal: 'Терминал',
    state: {
      new: 'Новый',
      inactive: 'Не активирован',
      added: 'Уже в списке',
      outside: 'В неразрешённой сети',
    },
    password: 'Пароль терминала (admin)',
    newPassword: 'Новый пароль администратора',
    inactiveExplain:
      'Этот терминал ещё не активирован: сейчас ему будет задан пароль администратора. Запишите пароль.',
    rule: {
      length: 'От 8 до 16 символов',
      kinds: 'Хотя бы два вида: цифры, строчные, заглавные, знаки',
      username: 'Без слова «admin»',
    },
    add: 'Добавить',
    activateAndAdd: 'Активировать и добавить',
    activating: 'Активация…',
    adding: 'Добавление в список…',
    testing: 'Проверка связи…',
    added: 'Добавлен, связь работает.',
    outsideExplain: 'Этот адрес вне разрешённых сетей (SR_DEVICE_NETS), поэтому к нему не подключаемся.',
  },
}

export default networkSearch
