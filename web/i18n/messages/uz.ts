// Uzbek (Latin) is the source language: its shape is the schema the other languages must match.
// Oʻ/gʻ use U+02BB and the tutuq belgisi uses U+02BC, as in the official Latin alphabet.
import enrollment from './enrollment/uz'
import check from './check/uz'
import liveCheck from './live-check/uz'
import devices from './devices/uz'
import { deviceImportEntry } from './device-import/entry'
import { importEntry } from './import/entry'
import access from './access/uz'
import faceCheck from './face-check/uz'
import { deviceSettingsEntry } from './device-settings/entry'

const uz = {
  app: {
    name: 'Student Registrator',
    shortName: 'Registrator',
    skipToContent: 'Asosiy qismga oʻtish',
  },
  nav: {
    menu: 'Asosiy menyu',
    enroll: 'Qoʻshish',
    queue: 'Navbat',
    devices: 'Qurilmalar',
    students: 'Oʻquvchilar',
    check: 'Tekshiruv',
    settings: 'Sozlamalar',
    audit: 'Oʻzgarishlar tarixi',
    classImport: 'Sinf roʻyxatini yuklash',
    deviceImport: 'Maktab bazasiga import',
    deviceSettings: 'Qurilma sozlamalari',
    notAllowed: 'Ruxsat yoʻq',
    /** shorter words for the phone tab bar, where six tabs share 390 px */
    short: {
      enroll: 'Qoʻshish',
      queue: 'Navbat',
      devices: 'Qurilma',
      students: 'Oʻquvchi',
      check: 'Tekshiruv',
      settings: 'Sozlama',
      audit: 'Tarix',
    },
  },
  status: {
    online: 'Onlayn',
    offline: 'Oflayn',
    checking: 'Tekshirilmoqda',
    onlineHint: 'Lokal server bilan aloqa bor',
    offlineHint: 'Lokal server bilan aloqa yoʻq. Ilova oflayn ishlayapti.',
    checkingHint: 'Lokal server bilan aloqa tekshirilmoqda',
    checkNow: 'Hozir tekshirish',
    checkedAt: 'Tekshirildi: {time}',
  },
  pairingBanner: {
    title: 'Bu ekran hali lokal serverga ulanmagan',
    body: 'Ishni boshlash uchun lokal server koʻrsatgan bir martalik ulash kodini kiriting.',
    action: 'Ekranni ulash',
  },
  update: {
    ready: 'Ilovaning yangi versiyasi tayyor.',
    apply: 'Yangilash',
    later: 'Keyinroq',
    waitForWork: 'Joriy roʻyxatga olish tugagach yangilash mumkin boʻladi.',
    reloadPending: 'Roʻyxatga olish tugashi bilan ilova yangilanadi.',
    offlineReady: 'Ilova endi lokal serversiz ham ochiladi.',
  },
  common: {
    retry: 'Qayta urinish',
    loading: 'Yuklanmoqda…',
    cancel: 'Bekor qilish',
    close: 'Yopish',
  },
  pages: {
    enroll: {
      title: 'Oʻquvchini roʻyxatga olish',
      stepsTitle: 'Boshlashdan oldin',
      stepPair: 'Ekranni lokal serverga ulang',
      stepDevices: 'Kirish eshigidagi qurilmalarni qoʻshing',
      stepEnroll: 'Birinchi oʻquvchini roʻyxatga oling',
      stepDone: 'Bajarildi',
      stepTodo: 'Bajarilmagan',
      noDevicesTitle: 'Hali qurilma qoʻshilmagan',
      noDevicesBody:
        'Oʻquvchini yozish uchun kamida bitta qurilma kerak. Qurilmalar boʻlimida terminalning IP manzili, login va parolini kiriting.',
      goDevices: 'Qurilmalarga oʻtish',
    },
    queue: {
      title: 'Navbat',
      subtitle: 'Yuborilishini kutayotgan roʻyxatga olishlar',
      emptyTitle: 'Navbat boʻsh',
      emptyBody:
        'Qurilmalar yoki lokal server bilan aloqa boʻlmaganda saqlangan roʻyxatga olishlar shu yerda kutadi va aloqa tiklanishi bilan oʻzi yuboriladi. Hech narsa yoʻqolmaydi.',
      action: 'Oʻquvchi qoʻshish',
    },
    devices: {
      title: 'Qurilmalar',
      subtitle: 'Maktabdagi Hikvision yuz tanish terminallari',
      emptyTitle: 'Hali qurilma qoʻshilmagan',
      emptyBody:
        'Bu yerda kirish va chiqish eshiklaridagi terminallar roʻyxati boʻladi. Avval terminalning IP manzili, porti, login va parolini tayyorlang.',
      loadFailed: 'Qurilmalar roʻyxatini olib boʻlmadi.',
      directionIn: 'Kirish',
      directionOut: 'Chiqish',
      lastSeen: 'Oxirgi aloqa: {time}',
      neverSeen: 'Hali aloqa boʻlmagan',
    },
    students: {
      title: 'Oʻquvchilar',
      subtitle: 'Maktab serveridagi oʻquvchilar va ularning qurilmalardagi holati',
      emptyTitle: 'Oʻquvchilar roʻyxati hali yuklanmagan',
      emptyBody:
        'Oʻquvchilar maktab serveridan olinadi: har biri qaysi qurilmada borligi shu yerda koʻrinadi. Buning uchun lokal serverda maktab serveri manzili sozlangan boʻlishi kerak.',
    },
    check: {
      title: 'Qurilmalarni tekshirish',
      subtitle: 'Har bir terminal ishlayaptimi, bir necha soniyada',
      emptyTitle: 'Tekshiradigan qurilma yoʻq',
      emptyBody:
        'Bu yerda har bir terminal yoqilganmi, modeli, undagi foydalanuvchilar va yuzlar soni, soati qancha farq qilishi koʻrinadi. Avval Qurilmalar boʻlimida qurilma qoʻshing.',
    },
    settings: {
      title: 'Sozlamalar',
      subtitle: 'Ulanish, til va ekranlar',
    },
  },
  settings: {
    pairing: {
      title: 'Ekranni ulash',
      intro:
        'Lokal server bu ekranni tanishi uchun bir martalik ulash kodini kiriting. Kod lokal server oynasida yoki administrator telefonida koʻrsatiladi.',
      firstStart:
        'Lokal server hali birorta ekranga ulanmagan: u ishga tushganda oynasida chiqqan kodni kiriting.',
      codeLabel: 'Ulash kodi',
      codeHint: 'Raqamlardan iborat bir martalik kod',
      nameLabel: 'Ekran nomi (ixtiyoriy)',
      namePlaceholder: 'Masalan: Kirish plansheti',
      submit: 'Ulash',
      pairing: 'Ulanmoqda…',
      fromLink: 'Skanerlangan QR koddagi kod bilan ulanmoqda…',
      success: 'Ekran muvaffaqiyatli ulandi.',
      codeRejected: 'Kod notoʻgʻri yoki muddati oʻtgan. Yangi kod oling va qayta kiriting.',
      pairedTitle: 'Ekran ulangan',
      pairedBody: 'Bu ekran lokal serverga „{role}“ ruxsati bilan ulangan.',
      revoked:
        'Bu ekranni administrator uzib qoʻydi: ekranning ruxsati bekor qilingan. Ishlashni davom ettirish uchun ekranni qayta ulang.',
      unpair: 'Ulanishni uzish',
      unpairConfirm:
        'Bu ekran lokal serverdan uziladi. Qayta ishlash uchun yangi kod kerak boʻladi. Davom etilsinmi?',
      unpairYes: 'Ha, uzish',
    },
    proxy: {
      title: 'Lokal server',
      addressLabel: 'Manzil',
      addressHint:
        'Odatda oʻzgartirish shart emas: ilova qaysi manzildan ochilgan boʻlsa, oʻsha ishlatiladi.',
      save: 'Saqlash',
      reset: 'Asl manzilga qaytarish',
      invalidAddress:
        'Manzil http:// yoki https:// bilan boshlanishi kerak, masalan https://192.168.1.10:8443',
      statusLabel: 'Holati',
      versionLabel: 'Versiyasi',
      lastChecked: 'Oxirgi tekshiruv: {time}',
      checkNow: 'Hozir tekshirish',
    },
    language: {
      title: 'Til',
    },
    pairAnother: {
      title: 'Boshqa ekranni ulash',
      intro: 'Yangi planshet yoki telefon kamerasi bilan QR kodni skanerlang yoki kodni qoʻlda kiriting.',
      roleLabel: 'Ruxsat',
      create: 'Kod yaratish',
      codeLabel: 'Ulash kodi',
      expires: 'Kod {time} gacha amal qiladi',
      qrAlt: 'Ekranni ulash uchun QR kod',
      orOpen: 'Yoki yangi ekranda shu manzilni oching:',
    },
    tokens: {
      defaultName: 'Ekran {n}',
      title: 'Ulangan ekranlar',
      empty: 'Hali birorta ekran ulanmagan.',
      thisScreen: 'Shu ekran',
      created: 'Ulangan: {time}',
      lastUsed: 'Oxirgi foydalanish: {time}',
      neverUsed: 'Hali foydalanilmagan',
      revoke: 'Ruxsatni bekor qilish',
      revokeConfirm: '„{name}“ ekranining ruxsati bekor qilinsinmi? U qayta ulanmaguncha ishlay olmaydi.',
      revokeYes: 'Ha, ruxsatni bekor qilish',
      revokedBadge: 'Bekor qilingan',
    },
    app: {
      title: 'Ilova',
      offlineReady: 'Ilova lokal serversiz ham ochiladi.',
    },
  },
  roles: {
    admin: 'Administrator',
    operator: 'Operator',
  },
  errors: {
    unauthorized: 'Bu ekranning ruxsati yoʻq yoki bekor qilingan. Sozlamalarda ekranni qayta ulang.',
    forbidden: 'Bu amalni faqat administrator bajara oladi.',
    validation_failed: 'Maʼlumot notoʻgʻri toʻldirilgan. Maydonlarni tekshiring.',
    fields: {
      name: 'nomi',
      host: 'manzil',
      port: 'port',
      scheme: 'protokol',
      username: 'login',
      password: 'parol',
      direction: 'yoʻnalish',
      firstName: 'ism',
      lastName: 'familiya',
      fatherName: 'otasining ismi',
      classId: 'sinf',
      gender: 'jinsi',
      phone: 'telefon',
      server: 'vaqt serveri',
      synchronizeIntervalMin: 'sinxronlash oraligʻi',
      code: 'ulash kodi',
      role: 'rol',
      face: 'rasm',
      deviceIds: 'qurilmalar',
      employeeNo: 'raqam',
      from: 'boshlanish sanasi',
      to: 'tugash sanasi',
    },
    validation_failed_field: 'Maydon notoʻgʻri toʻldirilgan: {field}.',
    not_found: 'Soʻralgan narsa topilmadi. Ehtimol, u oʻchirilgan.',
    payload_too_large: 'Fayl juda katta. Kichikroq rasm tanlang.',
    busy: 'Server hozir koʻp rasm qabul qilmoqda. Bir necha soniyadan soʻng qayta urinib koʻriladi.',
    unsupported_media_type:
      'Ilova maʼlumotni proksi qabul qilmaydigan koʻrinishda yubordi. Ilovani yangilang.',
    rate_limited: 'Soʻrovlar juda koʻp. Bir daqiqadan soʻng qayta urinib koʻring.',
    rate_limited_wait: 'Urinishlar juda koʻp. {minutes} daqiqadan soʻng qayta urinib koʻring.',
    device_unreachable: 'Qurilmaga ulanib boʻlmadi. U yoqilganmi va tarmoqqa ulanganmi?',
    device_auth_failed: 'Qurilma login yoki parolni qabul qilmadi. Ularni tekshiring.',
    device_locked:
      'Qurilma koʻp marta notoʻgʻri parol kiritilgani uchun vaqtincha qulflangan. Birozdan soʻng urinib koʻring.',
    device_locked_wait:
      'Qurilma koʻp marta notoʻgʻri parol kiritilgani uchun qulflangan. {minutes} daqiqadan soʻng urinib koʻring.',
    device_rejected: 'Qurilma soʻrovni rad etdi.',
    device_rejected_reason: 'Qurilma soʻrovni rad etdi (sababi: {reason}).',
    device_bad_response: 'Qurilma tushunarsiz javob qaytardi. Uni oʻchirib-yoqib koʻring.',
    device_not_applied:
      'Qurilma «bajarildi» dedi, lekin saqlamadi. Yana urinib koʻring; takrorlansa, uni oʻchirib-yoqing.',
    device_lost_after_move:
      'Qurilma yangi manzilni qabul qildi, lekin u yerda topilmadi. Koʻpchilik qurilmalar oʻzi qaytmaydi: manzilni qurilma ekranida tekshiring va «Qurilmalar» sahifasida tuzating.',
    image_invalid: 'Rasm mos emas. Yuz aniq koʻringan, yorugʻ joyda olingan JPEG yoki PNG rasm kerak.',
    host_not_allowed: 'Bu manzil maktab tarmogʻiga tegishli emas. Qurilmaning IP manzilini tekshiring.',
    credentials_expired:
      'Qurilma parolining muddati tugagan (30 kun). Qurilma sozlamalarida parolni qayta kiriting.',
    duplicate: 'Bunday yozuv allaqachon bor.',
    conflict: 'Maʼlumot shu paytda boshqa joyda oʻzgartirilgan. Sahifani yangilab, qayta urinib koʻring.',
    conflict_same_terminal:
      'Bu terminal allaqachon «{name}» nomi bilan qoʻshilgan. Oʻsha yozuvni tahrirlang yoki bu manzilni oʻchiring.',
    device_undo_pending:
      'Bu qurilmada muvaffaqiyatsiz roʻyxatdan oʻtishdan qolgan oʻquvchilar bor, ularni hali olib tashlash kerak. Avval buni tugating (terminal javob berishi kerak), soʻng qurilmani oʻchiring.',
    capacity_exceeded: 'Qurilma xotirasi toʻlgan: yangi foydalanuvchi yoki yuz sigʻmaydi.',
    backend_unavailable:
      'Maktab serveri bilan aloqa yoʻq. Maʼlumotlar saqlanib turadi va aloqa tiklanganda yuboriladi.',
    backend_rejected: 'Maktab serveri maʼlumotni qabul qilmadi.',
    internal: 'Lokal serverda kutilmagan xato yuz berdi. Qayta urinib koʻring.',
    proxy_unreachable: 'Lokal serverga ulanib boʻlmadi. U yoqilganmi va bu qurilma maktab tarmogʻidami?',
    proxy_timeout: 'Lokal server javob bermadi. Birozdan soʻng qayta urinib koʻring.',
    invalid_response:
      'Lokal serverdan tushunarsiz javob keldi. Ilova va server versiyalari mos kelmasligi mumkin.',
  },
  ...enrollment,
  ...check,
  ...liveCheck,
  ...devices,
  ...deviceImportEntry.uz,
  ...importEntry.uz,
  ...access,
  ...faceCheck,
  ...deviceSettingsEntry.uz,
}

export type Messages = typeof uz
export default uz
