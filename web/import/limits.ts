/** A class list of a whole school is ~1,500 students; 5,000 rows is a mistake or the wrong file, and more
 *  would make the preview unusable on a tablet. */
export const MAX_ROWS = 5000
/** 500 photos of ~100 KB fit four times over; past this a tablet's tab runs out of memory while parsing. */
export const MAX_FILE_BYTES = 60 * 1024 * 1024
export const MAX_ZIP_BYTES = 60 * 1024 * 1024
/** What a workbook or a ZIP of photos may unpack to: photos are stored compressed already, so a real class
 *  list unpacks to little more than its size; a "zip bomb" of 1.2 MB unpacked to 1.31 GB. */
export const MAX_UNPACKED_BYTES = 200 * 1024 * 1024
/** Pixels of one picture (a 24-megapixel camera's): a small file can declare 50,000 × 50,000 pixels, which a
 *  tablet decoding it for the preview or the upload cannot hold. Checked from the header, before decoding. */
export const MAX_PHOTO_PIXELS = 24_000_000
/** How often (in rows or photos) progress is reported. */
export const PROGRESS_EVERY = 25
