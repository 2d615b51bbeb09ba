// A structural check of a compound file (the container of .xls and WPS .et) before any parser
// walks it: sizes inside the file, every FAT chain ending (a chain that loops would walk
// forever), and a workbook stream present. Hostile files (a FAT loop, a billion sectors claimed
// by a 4 KiB file) are refused here in linear time with a sentence, never handed on.
import { fileProblem, WorkbookRejected } from '../problems.js';

const END_OF_CHAIN = 0xfffffffe;
const FREE = 0xffffffff;
const FAT_SECTOR = 0xfffffffd;
const DIFAT_SECTOR = 0xfffffffc;

export function damagedCfb(file: string, detail: string): WorkbookRejected {
  return new WorkbookRejected(
    fileProblem('not_xlsx', {
      zh: `文件“${file}”是 Excel 97-2003（.xls）或 WPS（.et）格式，但内部结构损坏（${detail}），无法读取。请在 Excel 或 WPS 中打开它，另存后重新上传。`,
      en: `"${file}" is an Excel 97-2003 (.xls) or WPS (.et) file, but its internal structure is damaged (${detail}) and it cannot be read. Open it in Excel or WPS, save it again, and upload that.`,
    }),
  );
}

/** Throws `not_xlsx` unless the compound file is sound and holds a workbook stream. */
export function checkCompoundFile(bytes: Buffer, file: string): void {
  if (bytes.length < 512) throw damagedCfb(file, 'header cut short');
  const major = bytes.readUInt16LE(0x1a);
  const shift = bytes.readUInt16LE(0x1e);
  if (!((major === 3 && shift === 9) || (major === 4 && shift === 12))) throw damagedCfb(file, `version ${major}, sector size 2^${shift}`);
  const size = 1 << shift;
  const sectors = Math.ceil((bytes.length - size) / size);
  const sectorAt = (id: number) => {
    if (id >= sectors) throw damagedCfb(file, `sector ${id} beyond the file's ${sectors}`);
    return bytes.subarray(size + id * size, size + (id + 1) * size);
  };
  const fatCount = bytes.readUInt32LE(0x2c);
  const difatCount = bytes.readUInt32LE(0x48);
  if (fatCount > sectors || difatCount > sectors) throw damagedCfb(file, `${fatCount} FAT sectors claimed in a file of ${sectors}`);

  // The FAT's own sectors: 109 in the header, the rest in the DIFAT chain.
  const fatSectors: number[] = [];
  for (let i = 0; i < 109 && fatSectors.length < fatCount; i += 1) fatSectors.push(bytes.readUInt32LE(0x4c + i * 4));
  let difat = bytes.readUInt32LE(0x44);
  for (let walked = 0; fatSectors.length < fatCount; walked += 1) {
    if (walked >= difatCount || difat === END_OF_CHAIN || difat === FREE) throw damagedCfb(file, 'DIFAT chain shorter than the FAT');
    const sector = sectorAt(difat);
    for (let i = 0; i < size / 4 - 1 && fatSectors.length < fatCount; i += 1) fatSectors.push(sector.readUInt32LE(i * 4));
    difat = sector.readUInt32LE(size - 4);
  }
  const fat = new Uint32Array(fatCount * (size / 4));
  fatSectors.forEach((id, n) => {
    const sector = sectorAt(id);
    for (let i = 0; i < size / 4; i += 1) fat[n * (size / 4) + i] = sector.readUInt32LE(i * 4);
  });

  // Every chain ends: follow each sector's successors once, colouring those known to end.
  const ends = new Uint8Array(fat.length); // 0 unknown, 1 on the current walk, 2 ends
  for (let start = 0; start < fat.length; start += 1) {
    if (ends[start] === 2) continue;
    const walk: number[] = [];
    let id = start;
    for (;;) {
      if (id === END_OF_CHAIN || id === FREE || id === FAT_SECTOR || id === DIFAT_SECTOR || ends[id] === 2) break;
      // A chain may run past the file's end (writers leave the last sector short; the parser reads
      // what is there): only a sector the FAT cannot describe is damage.
      if (id >= fat.length) throw damagedCfb(file, `a chain points to sector ${id}`);
      if (ends[id] === 1) throw damagedCfb(file, `a sector chain loops at sector ${id}`);
      ends[id] = 1;
      walk.push(id);
      id = fat[id]!;
    }
    for (const done of walk) ends[done] = 2;
  }

  // The directory: a workbook stream (`Workbook` in BIFF8, `Book` in BIFF5) must be there.
  let directory = bytes.readUInt32LE(0x30);
  for (let seen = 0; directory !== END_OF_CHAIN; seen += 1) {
    if (seen > sectors) throw damagedCfb(file, 'directory chain loops');
    const sector = sectorAt(directory);
    for (let entry = 0; entry < size; entry += 128) {
      const nameBytes = Math.min(sector.readUInt16LE(entry + 64), 64);
      const name = sector.subarray(entry, entry + Math.max(nameBytes - 2, 0)).toString('utf16le');
      const type = sector[entry + 66];
      const streamSize = sector.readUInt32LE(entry + 120);
      if (type === 2 && /^(workbook|book)$/i.test(name)) {
        if (streamSize > bytes.length) throw damagedCfb(file, `the workbook stream claims ${streamSize} bytes in a file of ${bytes.length}`);
        return;
      }
    }
    directory = fat[directory] ?? END_OF_CHAIN;
  }
  throw damagedCfb(file, 'no workbook stream');
}
