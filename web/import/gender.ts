import type { ImportGender } from './types'
import { compareKey } from './text'

// Keys are compared after compareKey (lower case, every apostrophe as ').
const GENDERS: Record<string, ImportGender> = {
  erkak: 'male',
  "o'g'il": 'male',
  "o'g'il bola": 'male',
  ogil: 'male',
  m: 'male',
  male: 'male',
  boy: 'male',
  '1': 'male',
  мужской: 'male',
  муж: 'male',
  м: 'male',
  ayol: 'female',
  qiz: 'female',
  'qiz bola': 'female',
  f: 'female',
  female: 'female',
  girl: 'female',
  '2': 'female',
  женский: 'female',
  жен: 'female',
  ж: 'female',
}

/** The gender a cell names, or undefined when it names none we know. */
export function parseGender(text: string): ImportGender | undefined {
  return GENDERS[compareKey(text).replace(/\.$/, '')]
}
