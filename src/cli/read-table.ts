/** The CLI's reading: the shared implementation in src/table/read.ts. */
export { InputFileError, readCsv, readCsvDetailed, readTable, readTableDetailed, readXlsx, readXlsxDetailed } from "../table/read";
export type { ReadOptions, TableRead } from "../table/read";
