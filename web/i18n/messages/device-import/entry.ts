// The one device-import text the first bundle carries: the button on each device card. The import page's and
// the export buttons' own texts (./uz, ./ru, ./en) load with them (see ./load.ts).
export const deviceImportEntry = {
  uz: { deviceImportEntry: { open: 'Maktab bazasiga import' } },
  ru: { deviceImportEntry: { open: 'Импорт в базу школы' } },
  en: { deviceImportEntry: { open: 'Import into the school database' } },
}
