// Class labels are typed in Latin and Cyrillic alike ("5-A", "5-А"); the letters that matter transliterate.
const CYRILLIC: Record<string, string> = {
  а: 'a',
  б: 'b',
  в: 'v',
  г: 'g',
  д: 'd',
  е: 'e',
  ё: 'yo',
  ж: 'j',
  з: 'z',
  и: 'i',
  й: 'y',
  к: 'k',
  л: 'l',
  м: 'm',
  н: 'n',
  о: 'o',
  п: 'p',
  р: 'r',
  с: 's',
  т: 't',
  у: 'u',
  ф: 'f',
  х: 'x',
  ц: 'ts',
  ч: 'ch',
  ш: 'sh',
  щ: 'sh',
  ъ: '',
  ы: 'i',
  ь: '',
  э: 'e',
  ю: 'yu',
  я: 'ya',
  ў: "o'",
  қ: 'q',
  ғ: "g'",
  ҳ: 'h',
}

/** "5-A", "5A", "5 a", "5-А sinf", "5«А» класс" → "5a": the form two class labels are compared in. */
export function classKey(label: string): string {
  return label
    .normalize('NFC')
    .toLocaleLowerCase('ru')
    .replace(/[а-яёўқғҳ]/g, (letter) => CYRILLIC[letter] ?? letter)
    .replace(/\b(sinf|sinfi|class|klass)\b|класс/g, '')
    .replace(/[^\p{L}\p{N}]/gu, '')
}
