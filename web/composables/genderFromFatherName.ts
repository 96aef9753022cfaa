import { compareKey } from '../import/text'

// The patronymic says the gender in every script the schools write it in: Russian-style endings
// (-ovich/-ovna, -ович/-овна and their -e-/-i- forms) and the Uzbek words "oʻgʻli" (son of) and "qizi"
// (daughter of), in Latin or Cyrillic, typed with any apostrophe or none.
const MALE_ENDINGS = ['ovich', 'evich', 'ich', 'ович', 'евич', 'ич']
const FEMALE_ENDINGS = ['ovna', 'evna', 'ichna', 'inichna', 'овна', 'евна', 'ична', 'инична']
const MALE_WORDS = new Set(["o'g'li", "o'gli", 'ogli', 'ugli', "u'g'li", 'ўғли', 'угли', 'огли'])
const FEMALE_WORDS = new Set(['qizi', 'kizi', 'қизи', 'кизи'])

/** The gender a father's name implies, or null when its ending says nothing. */
export function genderFromFatherName(fatherName: string): 'male' | 'female' | null {
  const words = compareKey(fatherName)
    .split(/[\s-]+/)
    .filter(Boolean)
  const last = words.at(-1)
  if (!last) return null
  if (MALE_WORDS.has(last)) return 'male'
  if (FEMALE_WORDS.has(last)) return 'female'
  // the feminine endings are longer, and "-ichna" ends unlike "-ich", so they are tried first
  if (FEMALE_ENDINGS.some((ending) => last.endsWith(ending) && last.length > ending.length)) return 'female'
  if (MALE_ENDINGS.some((ending) => last.endsWith(ending) && last.length > ending.length + 1)) return 'male'
  return null
}
