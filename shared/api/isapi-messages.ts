/**
 * What a school secretary reads when a face terminal refuses something, keyed by the device's own
 * `subStatusCode` (Hikvision ErrorCode table, see isapi-fixtures/reference/hikvision-isapi-error-codes.tsv).
 * Shared so that the proxy's error and the web's screen say the same thing. Uzbek (Latin) first; oʻ/gʻ use
 * U+02BB and the tutuq belgisi U+02BC, like the web language files.
 */

export type MessageLang = 'uz' | 'ru' | 'en'

export interface LocalizedText {
  uz: string
  ru: string
  en: string
}

const t = (uz: string, ru: string, en: string): LocalizedText => ({ uz, ru, en })

const USER_EXISTS = t(
  'Bu raqamli oʻquvchi qurilmada allaqachon bor.',
  'Человек с таким номером уже есть на устройстве.',
  'A person with this number is already on the device.',
)
const USER_MISSING = t(
  'Bu raqamli oʻquvchi qurilmada topilmadi.',
  'Человека с таким номером нет на устройстве.',
  'No person with this number is on the device.',
)
const USER_FULL = t(
  'Qurilma xotirasi toʻlgan: yangi oʻquvchi qoʻshib boʻlmaydi. Keraksizlarini oʻchiring.',
  'Память устройства заполнена: новых людей добавить нельзя. Удалите ненужных.',
  'The device is full: no more people can be added. Remove people who no longer need access.',
)
const FACE_FULL = t(
  'Qurilmadagi yuz rasmlari uchun joy tugagan.',
  'На устройстве закончилось место для фото лиц.',
  'The device has no room for more face photos.',
)
const NO_FACE = t(
  'Rasmda yuz topilmadi. Oʻquvchini yorugʻ joyda, toʻgʻridan suratga oling.',
  'На фото не найдено лицо. Сфотографируйте ученика прямо, при хорошем свете.',
  'No face was found in the photo. Take the photo straight on, in good light.',
)
const BAD_PHOTO = t(
  'Qurilma rasmdan yuzni oʻqiy olmadi. Yangi, aniq surat oling.',
  'Устройство не смогло распознать лицо на фото. Сделайте новое чёткое фото.',
  'The device could not read the face in the photo. Take a new, sharp photo.',
)
const PHOTO_TOO_BIG = t('Rasm hajmi juda katta.', 'Фото слишком большое.', 'The photo file is too large.')
const PHOTO_TOO_SMALL = t(
  'Rasm juda kichik yoki sifati past.',
  'Фото слишком маленькое или низкого качества.',
  'The photo is too small or too low in quality.',
)
const PHOTO_FORMAT = t(
  'Rasm formati mos emas (JPEG kerak).',
  'Неподходящий формат фото (нужен JPEG).',
  'The photo format is not accepted (JPEG is needed).',
)
const LOW_QUALITY = t(
  'Yuz rasmi sifati past. Yorugʻroq joyda, yaqinroqdan suratga oling.',
  'Низкое качество фото лица. Снимите ближе и при лучшем освещении.',
  'The face photo quality is too low. Take it closer and in better light.',
)
const BAD_RATIO = t(
  'Rasm oʻlchami yoki tomonlar nisbati mos emas.',
  'Неподходящий размер или соотношение сторон фото.',
  'The photo size or shape (aspect ratio) is not accepted.',
)
const LOCKED = t(
  'Juda koʻp notoʻgʻri parol kiritilgani uchun qurilma bloklandi. Biroz kuting.',
  'Устройство заблокировано из-за неверных паролей. Подождите.',
  'The device is locked after too many wrong passwords. Please wait.',
)
const WRONG_LOGIN = t(
  'Qurilma login yoki parolni qabul qilmadi.',
  'Устройство не приняло логин или пароль.',
  'The device did not accept the user name or password.',
)
const BUSY = t(
  'Qurilma band. Birozdan soʻng qayta urinib koʻring.',
  'Устройство занято. Повторите чуть позже.',
  'The device is busy. Try again in a moment.',
)

/** Messages per device `subStatusCode` (exact spelling as the firmware sends it). */
export const DEVICE_SUB_STATUS_MESSAGES: Readonly<Record<string, LocalizedText>> = {
  // people
  employeeNoAlreadyExist: USER_EXISTS,
  deviceUserAlreadyExist: USER_EXISTS,
  userExist: USER_EXISTS,
  employeeNoNotExist: USER_MISSING,
  deviceUserNotExist: USER_MISSING,
  userInexistence: USER_MISSING,
  theUserIdDoesNotExist: USER_MISSING,
  illegalEmployeeNo: t(
    'Oʻquvchi raqami qurilmaga mos emas (faqat raqamlar, 32 belgigacha).',
    'Номер ученика не подходит устройству (только цифры, до 32 знаков).',
    'The student number does not suit the device (digits only, up to 32 characters).',
  ),
  deviceUserFull: USER_FULL,
  userMaxNum: USER_FULL,
  uploadUserSuperCaps: USER_FULL,
  adminUserNotAllowedModify: t(
    'Qurilma administratorini oʻzgartirib boʻlmaydi.',
    'Администратора устройства изменять нельзя.',
    'The device administrator cannot be changed.',
  ),
  userCannotDelAdmin: t(
    'Qurilma administratorini oʻchirib boʻlmaydi.',
    'Администратора устройства удалять нельзя.',
    'The device administrator cannot be deleted.',
  ),
  errorUserInfo: t(
    'Oʻquvchi maʼlumotlari notoʻgʻri.',
    'Неверные данные человека.',
    'The person details are not valid.',
  ),
  userInfoIsEmpty: t(
    'Oʻquvchi maʼlumotlari yuborilmadi.',
    'Данные человека не переданы.',
    'The person details are missing.',
  ),
  cardFullPerUser: t(
    'Bu oʻquvchiga boshqa karta qoʻshib boʻlmaydi.',
    'Этому человеку больше нельзя добавить карты.',
    'No more cards can be added for this person.',
  ),
  fingerprintFullPerUser: t(
    'Bu oʻquvchiga boshqa barmoq izi qoʻshib boʻlmaydi.',
    'Этому человеку больше нельзя добавить отпечатки.',
    'No more fingerprints can be added for this person.',
  ),
  // faces
  deviceUserAlreadyExistFace: t(
    'Bu oʻquvchining yuz rasmi qurilmada allaqachon bor.',
    'Фото лица этого человека уже есть на устройстве.',
    'This person already has a face photo on the device.',
  ),
  alreadyExistThisFace: t(
    'Bu yuz rasmi qurilmada allaqachon bor.',
    'Это фото лица уже есть на устройстве.',
    'This face photo is already on the device.',
  ),
  deviceFaceFull: FACE_FULL,
  faceImagesNumError: FACE_FULL,
  faceLibDiskFull: FACE_FULL,
  pictureFaceDetectZero: NO_FACE,
  noFaceInPicture: NO_FACE,
  PicAnalysisNoTargetError: NO_FACE,
  faceDetectFailed: NO_FACE,
  getHumanFaceFrameFailed: NO_FACE,
  multipleFaceObjectError: t(
    'Rasmda bir nechta yuz bor. Faqat bitta oʻquvchini suratga oling.',
    'На фото несколько лиц. Снимите только одного ученика.',
    'There are several faces in the photo. Photograph one student only.',
  ),
  SubpicAnalysisModelingError: BAD_PHOTO,
  pictureModelingFailed: BAD_PHOTO,
  'modelingFailed.': BAD_PHOTO,
  faceDataAnalysisError: BAD_PHOTO,
  pictureCheckFailed: BAD_PHOTO,
  pictureDecodingFailed: BAD_PHOTO,
  facePictureModelInvalid: BAD_PHOTO,
  addFaceRecordFailed: BAD_PHOTO,
  modifyFaceRecordFailed: BAD_PHOTO,
  faceLowQulity: LOW_QUALITY,
  poorFaceQuality: LOW_QUALITY,
  faceResolutionOrRatioError: BAD_RATIO,
  'width/heightRatioOfPictureError': BAD_RATIO,
  picResolutionInvalidError: BAD_RATIO,
  picturePixelsTooLarge: BAD_RATIO,
  picturePixelsTooSmall: PHOTO_TOO_SMALL,
  imageGreaterThan300KB: PHOTO_TOO_BIG,
  picSizeExceedError: PHOTO_TOO_BIG,
  pictureSizeExceedLimit: PHOTO_TOO_BIG,
  fileSizeExceedError: PHOTO_TOO_BIG,
  improperPicSize: PHOTO_TOO_BIG,
  faceDataLenShort: PHOTO_TOO_SMALL,
  picSizeSmallError: PHOTO_TOO_SMALL,
  picFormatError: PHOTO_FORMAT,
  invalidImageFormat: PHOTO_FORMAT,
  unsupportedImageFormat: PHOTO_FORMAT,
  faceDataModeling: t(
    'Qurilma oldingi rasmni hali qayta ishlamoqda. Birozdan soʻng qayta urinib koʻring.',
    'Устройство ещё обрабатывает предыдущее фото. Повторите чуть позже.',
    'The device is still processing the previous photo. Try again in a moment.',
  ),
  faceLibraryIDError: t(
    'Qurilmadagi yuzlar bazasi topilmadi.',
    'На устройстве не найдена база лиц.',
    'The face library was not found on the device.',
  ),
  faceLibraryIDNotExis: t(
    'Qurilmadagi yuzlar bazasi topilmadi.',
    'На устройстве не найдена база лиц.',
    'The face library was not found on the device.',
  ),
  faceDataNotExist: t(
    'Bu oʻquvchining yuz rasmi qurilmada yoʻq.',
    'Фото лица этого человека на устройстве нет.',
    'This person has no face photo on the device.',
  ),
  urlDownloadFail: t(
    'Qurilma rasmni yuklab ola olmadi.',
    'Устройство не смогло скачать фото.',
    'The device could not download the photo.',
  ),
  URLDownloadFailed: t(
    'Qurilma rasmni yuklab ola olmadi.',
    'Устройство не смогло скачать фото.',
    'The device could not download the photo.',
  ),
  // login and permissions
  userNameLocked: LOCKED,
  'MaxPassword attempts': LOCKED,
  pwdErrorLoginFailed: WRONG_LOGIN,
  incorrentUserNameOrPassword: WRONG_LOGIN,
  lowPrivilege: t(
    'Bu qurilma hisobida bunday amalga ruxsat yoʻq. Administrator hisobidan foydalaning.',
    'У этой учётной записи устройства нет прав на это действие. Используйте администратора.',
    'This device account is not allowed to do that. Use the administrator account.',
  ),
  loginNumExceedLimit: t(
    'Qurilmaga bir vaqtda kirganlar juda koʻp. Birozdan soʻng qayta urinib koʻring.',
    'Слишком много входов на устройство одновременно. Повторите позже.',
    'Too many sessions are logged in to the device. Try again later.',
  ),
  // the request itself
  MessageParametersLack: t(
    'Qurilmaga yuborilgan maʼlumotlar toʻliq emas.',
    'Устройству переданы неполные данные.',
    'Some required details were missing from the request to the device.',
  ),
  badJsonContent: t(
    'Qurilma yuborilgan maʼlumotlardan birini qabul qilmadi.',
    'Устройство не приняло одно из переданных значений.',
    'The device did not accept one of the values sent.',
  ),
  badParameters: t(
    'Qurilma yuborilgan maʼlumotlardan birini qabul qilmadi.',
    'Устройство не приняло одно из переданных значений.',
    'The device did not accept one of the values sent.',
  ),
  badJsonFormat: t(
    'Qurilma soʻrovni tushunmadi.',
    'Устройство не поняло запрос.',
    'The device did not understand the request.',
  ),
  invalidContent: t(
    'Qurilma yuborilgan maʼlumotni qabul qilmadi.',
    'Устройство не приняло переданные данные.',
    'The device did not accept the data sent.',
  ),
  badXmlContent: t(
    'Qurilma sozlamani qabul qilmadi.',
    'Устройство не приняло настройку.',
    'The device did not accept the setting.',
  ),
  notSupport: t(
    'Bu qurilma modeli bu amalni bajara olmaydi.',
    'Эта модель устройства не поддерживает это действие.',
    'This device model does not support this action.',
  ),
  methodNotAllowed: t(
    'Bu qurilma modeli bu amalni bajara olmaydi.',
    'Эта модель устройства не поддерживает это действие.',
    'This device model does not support this action.',
  ),
  invalidID: t(
    'Bu qurilma modeli bu amalni bajara olmaydi.',
    'Эта модель устройства не поддерживает это действие.',
    'This device model does not support this action.',
  ),
  deviceBusy: BUSY,
}

/** When the sub-status is unknown, the general `statusCode` still says what kind of failure it was. */
export const DEVICE_STATUS_CODE_MESSAGES: Readonly<Record<number, LocalizedText>> = {
  2: BUSY,
  3: t(
    'Qurilmada ichki xatolik. Qayta urinib koʻring; takrorlansa, qurilmani qayta yoqing.',
    'Внутренняя ошибка устройства. Повторите; если повторится, перезагрузите устройство.',
    'The device had an internal error. Try again; if it repeats, restart the device.',
  ),
  4: t(
    'Qurilma bu amalni bajarmadi.',
    'Устройство не выполнило это действие.',
    'The device did not carry out this action.',
  ),
  5: t(
    'Qurilma soʻrovni tushunmadi.',
    'Устройство не поняло запрос.',
    'The device did not understand the request.',
  ),
  6: t(
    'Qurilma yuborilgan maʼlumotlarni qabul qilmadi.',
    'Устройство не приняло переданные данные.',
    'The device did not accept the details sent.',
  ),
  7: t(
    'Oʻzgarish kuchga kirishi uchun qurilmani qayta yoqish kerak.',
    'Чтобы изменения вступили в силу, перезагрузите устройство.',
    'Restart the device for the change to take effect.',
  ),
}

const ANY_REFUSAL = t(
  'Qurilma soʻrovni rad etdi.',
  'Устройство отклонило запрос.',
  'The device refused the request.',
)

const BY_LOWER_CASE = new Map(
  Object.entries(DEVICE_SUB_STATUS_MESSAGES).map(([k, v]) => [k.toLowerCase(), v]),
)

/** The best message for a device refusal: by sub-status, else by status code, else a general one. */
export function deviceErrorMessage(subStatusCode?: string, statusCode?: number): LocalizedText {
  if (subStatusCode) {
    const exact = DEVICE_SUB_STATUS_MESSAGES[subStatusCode] ?? BY_LOWER_CASE.get(subStatusCode.toLowerCase())
    if (exact) return exact
  }
  return (statusCode !== undefined ? DEVICE_STATUS_CODE_MESSAGES[statusCode] : undefined) ?? ANY_REFUSAL
}

/** Messages for the device error codes that do not come from a device body. */
export const DEVICE_FAILURE_MESSAGES: Readonly<
  Record<'device_unreachable' | 'device_auth_failed' | 'device_locked' | 'device_bad_response', LocalizedText>
> = {
  device_unreachable: t(
    'Qurilma javob bermayapti. U yoqilganini va tarmoqqa ulanganini tekshiring.',
    'Устройство не отвечает. Проверьте, что оно включено и подключено к сети.',
    'The device does not answer. Check that it is switched on and connected to the network.',
  ),
  device_auth_failed: WRONG_LOGIN,
  device_locked: LOCKED,
  device_bad_response: t(
    'Qurilmadan tushunarsiz javob keldi. Manzil (IP va port) toʻgʻriligini tekshiring.',
    'Устройство прислало непонятный ответ. Проверьте адрес (IP и порт).',
    'The device sent an answer that could not be read. Check the address (IP and port).',
  ),
}
