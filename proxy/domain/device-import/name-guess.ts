/** A device name split into the school's fields: a first guess the operator checks before importing. */
export interface NameGuess {
  lastName: string
  firstName: string
  fatherName: string
}

/**
 * Devices hold one name field, mostly "Familiya Ism [Otasining ismi]" (how schools type it and how the
 * registration writes it). The first word is taken as the surname, the second as the given name, the rest
 * as the father's name; a single word stays a surname with the given name left for the operator.
 */
export function guessNames(deviceName: string): NameGuess {
  const words = deviceName.trim().split(/\s+/).filter(Boolean)
  const [lastName = '', firstName = '', ...rest] = words
  return { lastName, firstName, fatherName: rest.join(' ') }
}

/** The device's gender field as the school server's words; anything else stays for the operator. */
export function guessGender(gender: string | undefined): 'male' | 'female' | null {
  const value = (gender ?? '').trim().toLowerCase()
  if (value === 'male') return 'male'
  if (value === 'female') return 'female'
  return null
}
