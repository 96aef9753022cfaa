/** A class list of a whole school is ~1,500 students; 5,000 rows is a mistake or the wrong file, and more
 *  would make the preview unusable on a tablet. */
export const MAX_ROWS = 5000
/** 500 photos of ~100 KB fit four times over; past this a tablet's tab runs out of memory while parsing. */
export const MAX_FILE_BYTES = 60 * 1024 * 1024
export const MAX_ZIP_BYTES = 60 * 1024 * 1024
/** How often (in rows or photos) progress is reported. */
export const PROGRESS_EVERY = 25
