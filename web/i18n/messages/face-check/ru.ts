import type { FaceCheckMessages } from './uz'

const faceCheck: FaceCheckMessages = {
  faceCheck: {
    loading: 'Загружается проверка лица…',
    off: 'Проверка лица на этом устройстве не работает: проверьте фото на глаз.',
    ok: 'Хорошо! Не двигайтесь',
    okPhoto: 'Проверка лица пройдена',
    autoCapture: 'Снимок сделается сам через секунду',
    guide: {
      dark: 'Нужно место посветлее',
      bright: 'Слишком светло: отойдите в тень',
      noFace: 'Лицо не видно: посмотрите в камеру',
      manyFaces: 'В кадре должен быть один человек',
      small: 'Подойдите ближе',
      turned: 'Смотрите прямо в камеру',
      eyesClosed: 'Откройте глаза',
      blurred: 'Фото размыто: не двигайтесь',
    },
    override: 'Всё равно принять',
    overrideYes: 'Да, взять это фото',
    overrideConfirm: '«{problem}» — всё равно взять это фото? Некоторые терминалы могут его не принять.',
    overridden: 'Проверка пропущена: {problem}',
  },
}

export default faceCheck
