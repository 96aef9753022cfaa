import { LOCALES, MESSAGES } from '../../web/i18n'

function leaves(tree: object, prefix = ''): string[] {
  return Object.entries(tree).flatMap(([key, value]) => {
    const path = prefix ? `${prefix}.${key}` : key
    return typeof value === 'string' ? [path] : leaves(value as object, path)
  })
}

/** Every message key of the app, as it would show if a text were missing: `check.summary`. */
export const MESSAGE_KEYS = new Set(LOCALES.flatMap((locale) => leaves(MESSAGES[locale])))

/** The dotted words of a text that are message keys (a raw key on screen). */
export function rawKeys(text: string): string[] {
  return [...text.matchAll(/[A-Za-z][\w-]*(?:\.[\w-]+)+/g)]
    .map((match) => match[0])
    .filter(
      (word) =>
        MESSAGE_KEYS.has(word) || /^(nav|pages|errors|audit|check|deviceSettings)\.[\w.-]+$/.test(word),
    )
}

/**
 * Latin words every language writes the same way: the product's and vendor's names, file kinds,
 * protocols. Anything else in Latin letters in the Russian DOM is English left over.
 */
const SHARED_LATIN = new Set([
  'student',
  'registrator',
  'hikvision',
  'isapi',
  'ntp',
  'qr',
  'ip',
  'id',
  'excel',
  'csv',
  'zip',
  'xlsx',
  'jpeg',
  'jpg',
  'png',
  'http',
  'https',
  'pin',
  'ms',
  'wi-fi',
  'wifi',
  'usb',
  'utc',
  'mac',
  'dns',
  'dhcp',
  'basic',
  'digest',
  'json',
  'xml',
  // 1:N, the face library's one-to-many matching, as the terminals' own menus write it
  'n',
  'oʻzbekcha',
  'english',
])

/** Common English words that no Uzbek sentence has: one of them in the Uzbek DOM is English left over. */
const ENGLISH = new Set(
  (
    'the and of with for from this that these is are was were not please only may still lack device devices ' +
    'error failed failure success unknown admin true false null undefined none result status capabilities ' +
    'remote control door support supported mode time zone settings network user users face faces ' +
    'library capacity address event events check checked yes cancel save delete'
  ).split(' '),
)

/** The words of `text` (names and addresses already taken out) that are not in the page's language. */
export function foreignWords(text: string, locale: 'uz' | 'ru'): string[] {
  const words = (text.match(/[A-Za-z][A-Za-z'ʻʼ-]*/g) ?? []).map((word) => word.replace(/-+$/, ''))
  if (locale === 'ru') return words.filter((word) => !SHARED_LATIN.has(word.toLowerCase()))
  return words.filter((word) => ENGLISH.has(word.toLowerCase()))
}

/**
 * What only a program should read: identifiers (`timeMode`), constant codes (`DEVICE_RESULT`), UUIDs, ISO
 * times (`2026-12-07T08:42:49+05:00`) and device time-zone strings (`CST-5:00:00`).
 */
export function codes(text: string): string[] {
  const patterns = [
    /\b[a-z]+[A-Z][A-Za-z]*\b/g,
    /\b[A-Z]{2,}_[A-Z_]+\b/g,
    /\b[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}\b/g,
    /\b\d{4}-\d\d-\d\dT\d\d:\d\d\S*/g,
    /\b[A-Z]{3,}[+-]\d{1,2}:\d\d(?::\d\d)?\b/g,
  ]
  return patterns.flatMap((pattern) => [...text.matchAll(pattern)].map((match) => match[0]))
}

/** Addresses (URLs, paths, host:port) and device models and firmware versions are not words to translate. */
export function withoutAddresses(text: string): string {
  return text
    .replace(/(?:https?:\/\/)?[\w.-]*(?::\d+)?\/\S*/g, ' ')
    .replace(/\b\d{1,3}(?:\.\d{1,3}){3}(?::\d+)?\b/g, ' ')
    .replace(/\b[A-Z]{2,}-[A-Z][A-Z0-9-]*\d[A-Z0-9-]*\b/g, ' ')
    .replace(/\bV\d[\w.]*(?: build \d+)?/g, ' ')
}
