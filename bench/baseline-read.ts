// The benchmark's baseline: exceljs's streaming reader visiting every cell of a workbook and
// doing nothing else. Prints the number of cells it saw.
import ExcelJS from 'exceljs';

const path = process.argv[2];
if (!path) throw new Error('usage: baseline-read <file.xlsx>');
const reader = new ExcelJS.stream.xlsx.WorkbookReader(path, { sharedStrings: 'cache', styles: 'cache', hyperlinks: 'ignore', worksheets: 'emit', entries: 'emit' });
let cells = 0;
for await (const sheet of reader) {
  for await (const row of sheet as AsyncIterable<ExcelJS.Row>) row.eachCell(() => (cells += 1));
}
process.stdout.write(`${cells}\n`);
