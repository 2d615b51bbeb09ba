// The media type of an uploaded original, by its bytes (as its format was decided), so that a
// downloaded .xls, .ods or CSV opens in the program that reads it.
const ODS_MIMETYPE = Buffer.from('application/vnd.oasis.opendocument.spreadsheet');

export function mediaTypeOf(bytes: Buffer): string {
  if (bytes[0] === 0x50 && bytes[1] === 0x4b) {
    // An .ods stores its `mimetype` entry first and uncompressed, right after the local header.
    return bytes.subarray(0, 128).includes(ODS_MIMETYPE) ? 'application/vnd.oasis.opendocument.spreadsheet' : 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
  }
  if (bytes.subarray(0, 8).equals(Buffer.from('d0cf11e0a1b11ae1', 'hex'))) return 'application/vnd.ms-excel';
  return 'text/csv';
}
