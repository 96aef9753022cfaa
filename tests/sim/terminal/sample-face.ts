/**
 * A small baseline 4:2:0 JPEG (96×128, about 2 KB) that seeded people carry as their enrolment photo, so
 * that `faceURL` downloads return a real picture. Made once with sharp; kept inline so the simulator needs
 * no image library.
 */
export const SAMPLE_FACE_JPEG = Buffer.from(
  '/9j/2wBDAA0JCgsKCA0LCgsODg0PEyAVExISEyccHhcgLikxMC4pLSwzOko+MzZGNywtQFdBRkxOUlNSMj5aYVpQYEpRUk//' +
    '2wBDAQ4ODhMREyYVFSZPNS01T09PT09PT09PT09PT09PT09PT09PT09PT09PT09PT09PT09PT09PT09PT09PT09PT0//wAAR' +
    'CACAAGADASIAAhEBAxEB/8QAFwABAQEBAAAAAAAAAAAAAAAAAQACA//EAC4QAQACAQMDAwIHAAMBAQAAAAECESEAEjFBUfAi' +
    'YXGBkQMyobHB0eEjQvETUv/EABYBAQEBAAAAAAAAAAAAAAAAAAABAv/EABwRAQACAgMBAAAAAAAAAAAAAAABESExQVFxYf/a' +
    'AAwDAQACEQMRAD8AA2Ix6XdvXveqMrS4SAu+ttde+kGOODnhPrqDBfNZArbn2+NW1hHp/EAqKIcX06Z+NDvPwxaSPItX18+d' +
    'IRm42xBqgH6aMBuk9MBXGokaamq+pXEcWuOuobijRI9zw+2rYD6ajbQDee+slGG+WuB8/wA1JJ0ouwiykCxbapPMam2UHdd0' +
    '0PtqJf8AE4zj9vtrVEx2sot9O/PhrWiZhEoqAxiODv5531mTQcKuVevjpH1crI43N8aiUWJFB5i2cZ1LWUMh3DuLsz76o42g' +
    'Khyjn/dH0IgZo5zpJbXgI+zxq+J8RmPpierr7arCBFJRqO2q4Pf+tO2MSOUBrHbw1mWEw1eEOetffUjoX4f5Zqc58K1QjKMa' +
    'qaDbnzvpijbFdo1jvp3E8FNvXiu9f5oVbEaIOHkLG76f1rUlZVElPs7saQQlcE6qnnjrBKypxoulWqP6NEu2o7t0pRAUsxX3' +
    'v4/TWZJHfchrMh6Pj+mulEsC+r3++sslpsS7xpdranEEY3j0tfa/jVER9Rnrbl+uiUXbaVKLe2q0lHqby5aMuiC6YyjJReHV' +
    'X/JYAB+Uy6jdKUgbDMu/1xqN0mY7u1nGnC3w1sjbcbe//hrN0X+Wixv9tV1cJ2oVScGX7aelRyjyGXVvKiJVcIGbbb6/XTQY' +
    'kmOeOv8A7pHY2MUKS+3l6lI2yYr2OOdRJUSO71JlrGpjkAQFL/XWTei7xktZu9UxP+rL0jmzOkhfxKxLLjqdB/k/TVGFWEQD' +
    'C9z30RbIskzzi6fbT+dIxuqrEuC9TR4IwLGKUY58vprTicqNr3DzvqZsllKruh//AD9ftrLcKSKqdOvl61nkhETdtMFJgc+Z' +
    '1Tr0ynIj6uQdMYjhaDjNC/3q3FMaZSJBykTy/wCNQhRtYt4leb/XQQqSB6jvz9NMogBlHN3+X3fOmp27dy3zi8mlweIijm7r' +
    'm7zqWOd1yv8AKhzx01TD1T9NcEvbVaNP5VSg58zpd5GpHCFX06J5WiG2URReOmiBaAYWiu96Y3H8QjV9G/P100mIFZSJYdOe' +
    '/wDuhj+Jt3SfW/PnbSyFuK4jddPP41ncMwStt4DkvnRaIE6kN3wvPnGqrU4jQ32PjzppIEC4l4z3DRtcwki7vzVVaeERExRv' +
    'ZFzY1bXf9e2pjFli6rFnPGL0SUcyjR1E/rDrQYZoRH1Y7aUZDlKld9O2olhiUxyPt5WlwVm+i8ddUmO3avDShb9TSkzDLFC3' +
    'PevY7aZjOO0WmmvrrQW3WHJnr7ax3qVL2Kv/ADSFvOD6yXqwFtfHY03UHdui7l93/NZM045w3V6i5WsTDbw/Ttep6fW4H/0J' +
    'CLKr0ULUQoTHN9U9v90MlQ9yyuL4xrRKoWlLwBn3x9NXMG2BUfSnHB0+edRAbIu0zUY127XrNrOWVl0aq9bltu/Ssbuuvnl6' +
    'LLIJLnahQVV/OtzhcZSwXltqvMaJHBbk3cWef18aGct5VpEK+PP20ky0ko5n3QTr86EYxltUou5Zsu9K12Uatbydb1NyBhJ5' +
    'tb0jDNSohCKSUbzZS/T6aER2zjTw0850MY2pjjF+eXrW5UhcQOjy/XSy8I2Iem9pVpX1zxrEd5GtoSvkc9s6rwbrpODN99KQ' +
    'qW1zIs69NNYWMKaUbS1KKHF6WmICu1bO/GhhGU2QDTSuD7/TSsSVyUaur4xqx0bZ3m+StSHjtquYkHi0aM61J2pm7aUTJ8/f' +
    'RERY+mpZsLxqQssys/DbpT5w++ukfVEIhngel6CMoxlZupvmr0o1Y3Jwo9P60lMwCICbSjK3099R6i4UC4O/bP8AOspct155' +
    'w4H5+eutBIlIGO7nDfvpVgI7bjFk4xKuNFYZG4asvFefzq3SsUe+Za0DeI2Jylfb+9Ml/WYxIekuInU6/TWv+x6rrDnn7arK' +
    'ixL6KvLXQ0i7h9lGrr99S+S+2ZZ3M3bHaqVmvP3NUnfOm40vp+KL1CQWoRrm8l6QYzh6iVN1WOc9s6qJMYkEd15rP1+mn0Ri' +
    'sZxlngfu+/H66yy9BGgawXoJMYrA617e37aK0fnGrrjD3042KK03YCnnOs8ixjjLdedtNbYShe4I4K6f3ohA9MmTxxd1f7az' +
    'EnGi77dtO7bKmRYdMX5WmJK1/Eb3BdlaZ5K7ZhI3hStcF58/jU/mFUHOdJ+JtX05+NRtCUZBxleK6c40pdhdgLREKbef2p1S' +
    'lHiOeuOPP40l3+bMut+VrIX6lEi1Q35z+mrawSEQcW9w88NTtaxIiBKjNZx7861lj6I7ji5+fGhFiGBW8leddZvmSVGRLfKL' +
    'YP5q6efxoK/7YxbSU9vjWq3tR27hylufjWUvbxtc8eOrHUDaRBxk6+/86xQqMqx6M8321SKhFSwckeuP348dG4i30XqoDprS' +
    'Q//Z',
  'base64',
)
