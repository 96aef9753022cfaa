export interface TrustPageView {
  /** where the app lives, e.g. https://192.168.1.10:8443/ */
  appUrl: string
  qrSvg: string
  fingerprint256: string
}

const escape = (text: string): string =>
  text.replace(
    /[&<>"']/g,
    (ch) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[ch] as string,
  )

interface Words {
  lang: string
  title: string
  intro: string
  download: string
  android: string
  ipad: string
  windows: string
  open: string
  fingerprint: string
}

/** Uzbek first (the school's language), then Russian and English, in words a school secretary uses. */
const WORDS: Words[] = [
  {
    lang: 'uz',
    title: 'Bu maktab proksisiga ishonch bildirish',
    intro:
      'Ilova xavfsiz ulanish (HTTPS) orqali ishlaydi. Har bir planshet yoki kompyuterga maktab sertifikatini bir marta oʻrnatish kerak.',
    download: 'Sertifikatni yuklab olish',
    android:
      'Sozlamalar › Xavfsizlik › Shifrlash va hisob maʼlumotlari › Sertifikat oʻrnatish › CA sertifikati, soʻng yuklab olingan faylni tanlang.',
    ipad: 'Faylni Safari orqali oching va «Ruxsat berish»ni bosing. Sozlamalar › Profil yuklandi › Oʻrnatish. Keyin Sozlamalar › Asosiy › Qurilma haqida › Sertifikatlarga ishonch sozlamalari boʻlimida sertifikatni yoqing.',
    windows:
      'Faylni ikki marta bosing › Sertifikatni oʻrnatish › Mahalliy kompyuter › «Barcha sertifikatlarni quyidagi omborga joylashtirish» › Ishonchli ildiz sertifikatlash markazlari › Tayyor.',
    open: 'Soʻng ilovani oching (yoki QR kodni skanerlang):',
    fingerprint: 'Sertifikat barmoq izi (SHA-256)',
  },
  {
    lang: 'ru',
    title: 'Доверие прокси этой школы',
    intro:
      'Приложение работает по защищённому соединению (HTTPS). На каждый планшет или компьютер один раз устанавливается сертификат школы.',
    download: 'Скачать сертификат',
    android:
      'Настройки › Безопасность › Шифрование и учётные данные › Установить сертификат › Сертификат ЦС, затем выберите скачанный файл.',
    ipad: 'Откройте файл в Safari и нажмите «Разрешить». Настройки › Профиль загружен › Установить. Затем Настройки › Основные › Об этом устройстве › Доверие сертификатам — включите сертификат.',
    windows:
      'Дважды щёлкните файл › Установить сертификат › Локальный компьютер › «Поместить все сертификаты в следующее хранилище» › Доверенные корневые центры сертификации › Готово.',
    open: 'Затем откройте приложение (или отсканируйте QR-код):',
    fingerprint: 'Отпечаток сертификата (SHA-256)',
  },
  {
    lang: 'en',
    title: 'Trust this school’s proxy',
    intro:
      'The app works over a secure connection (HTTPS). Each tablet or computer installs the school’s certificate once.',
    download: 'Download the certificate',
    android:
      'Settings › Security › Encryption & credentials › Install a certificate › CA certificate, then pick the downloaded file.',
    ipad: 'Open the file in Safari and tap Allow. Settings › Profile Downloaded › Install. Then Settings › General › About › Certificate Trust Settings: switch the certificate on.',
    windows:
      'Double-click the file › Install Certificate › Local Machine › Place all certificates in the following store › Trusted Root Certification Authorities › Finish.',
    open: 'Then open the app (or scan the QR code):',
    fingerprint: 'Certificate fingerprint (SHA-256)',
  },
]

function section(words: Words, view: TrustPageView): string {
  const url = escape(view.appUrl)
  return `<section lang="${words.lang}">
  <h1>${escape(words.title)}</h1>
  <p>${escape(words.intro)}</p>
  <p><a class="button" href="/ca.crt">${escape(words.download)}</a></p>
  <ol>
    <li><b>Android:</b> ${escape(words.android)}</li>
    <li><b>iPad:</b> ${escape(words.ipad)}</li>
    <li><b>Windows:</b> ${escape(words.windows)}</li>
  </ol>
  <p>${escape(words.open)} <a href="${url}">${url}</a></p>
  <p class="small">${escape(words.fingerprint)}: <code>${escape(view.fingerprint256)}</code></p>
</section>`
}

/** The whole page; the QR (an inline SVG made by `qrcode`) is trusted markup, everything else is escaped. */
export function trustPageHtml(view: TrustPageView): string {
  return `<!doctype html>
<html lang="uz">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Student Registrator</title>
<style>
  body { font-family: system-ui, sans-serif; max-width: 44rem; margin: 0 auto; padding: 1rem; line-height: 1.5; color: #1b1b1b; }
  section { border-top: 1px solid #ddd; padding-top: 0.5rem; }
  .qr { width: 14rem; margin: 1rem auto; }
  .button { display: inline-block; background: #0f5c4c; color: #fff; padding: 0.6rem 1rem; border-radius: 0.4rem; text-decoration: none; }
  .small { font-size: 0.8rem; word-break: break-all; }
</style>
</head>
<body>
<div class="qr" role="img" aria-label="${escape(view.appUrl)}">${view.qrSvg}</div>
${WORDS.map((words) => section(words, view)).join('\n')}
</body>
</html>
`
}
