import { describe, expect, it } from 'vitest'
import { reactive } from 'vue'
import { draftFromForm, emptyForm } from '../../../../web/components/enroll/enrollForm'

describe('the draft made from the Enroll form', () => {
  it('keeps the face check’s override as a plain object IndexedDB can store', () => {
    const form = reactive(emptyForm(['dev-1']))
    form.firstName = 'Dilnoza'
    form.lastName = 'Rahimova'
    form.photo = { bytes: new ArrayBuffer(8), type: 'image/jpeg' }
    form.faceCheck = { state: 'overridden', problem: 'small' }
    const draft = draftFromForm(form)
    expect(draft.faceCheck).toEqual({ state: 'overridden', problem: 'small' })
    // a reactive Proxy would throw DataCloneError here, as Dexie's add does
    expect(structuredClone(draft.faceCheck)).toEqual({ state: 'overridden', problem: 'small' })
  })
})
