// The one device-settings text the first bundle carries: the "Settings" button on each device card. The
// settings page's own texts (./uz, ./ru, ./en) load with the page (see ./load.ts).
export const deviceSettingsEntry = {
  uz: { deviceSettings: { open: 'Sozlamalar' } },
  ru: { deviceSettings: { open: 'Настройки' } },
  en: { deviceSettings: { open: 'Settings' } },
}
