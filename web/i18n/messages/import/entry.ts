// The one import text the first bundle carries: the "Import class list" button on the Queue and Students
// pages. The Import page's own texts (./uz, ./ru, ./en) load with the page (see ./load.ts).
export const importEntry = {
  uz: { classImport: { entry: 'Sinf roʻyxatini yuklash (Excel/CSV)' } },
  ru: { classImport: { entry: 'Загрузить список класса (Excel/CSV)' } },
  en: { classImport: { entry: 'Import class list (Excel/CSV)' } },
}
