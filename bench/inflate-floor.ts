// The physical floor of reading a workbook: the time to inflate every sheet part and the shared
// strings of an .xlsx, and nothing else (no UTF-8 check, no XML, no cells). Prints one JSON line:
// the milliseconds (in process, from the file already in memory) and the inflated bytes.
import { readFileSync } from 'node:fs';
import type { Readable } from 'node:stream';
import yauzl from 'yauzl';

const path = process.argv[2];
if (!path) throw new Error('usage: inflate-floor <file.xlsx>');
const bytes = readFileSync(path);
const started = performance.now();
const zip = await new Promise<yauzl.ZipFile>((resolve, reject) => yauzl.fromBuffer(bytes, { lazyEntries: true }, (error, file) => (error ? reject(error) : resolve(file))));
let inflated = 0;
let parts = 0;
await new Promise<void>((resolve, reject) => {
  zip.on('entry', (entry: yauzl.Entry) => {
    if (!/^xl\/(worksheets\/[^/]+\.xml|sharedStrings\.xml)$/.test(entry.fileName)) return zip.readEntry();
    parts += 1;
    zip.openReadStream(entry, (error, stream: Readable) => {
      if (error) return reject(error);
      stream.on('data', (chunk: Buffer) => (inflated += chunk.length));
      stream.on('end', () => zip.readEntry());
      stream.on('error', reject);
    });
  });
  zip.on('end', resolve);
  zip.on('error', reject);
  zip.readEntry();
});
zip.close();
process.stdout.write(`${JSON.stringify({ ms: performance.now() - started, parts, inflatedBytes: inflated })}\n`);
