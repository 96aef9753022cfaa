// exceljs's prebuilt browser bundle has the same API as the package; its typings live on the package.
declare module 'exceljs/dist/exceljs.min.js' {
  const ExcelJS: typeof import('exceljs')
  export default ExcelJS
}
