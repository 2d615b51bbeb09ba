// Evidence files a facility sends with a response: photographs (PNG, JPEG) or PDF scans, told
// by their first bytes rather than their name, each under a size cap, kept byte for byte.
import type { NewEvidence } from '../store/rectification-types.js';
import { RectificationError } from '../store/rectification-types.js';

export const EVIDENCE_MAX_BYTES = 10 * 1024 * 1024;
export const EVIDENCE_MAX_FILES = 10;

const KINDS: { type: string; magic: number[] }[] = [
  { type: 'image/png', magic: [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a] },
  { type: 'image/jpeg', magic: [0xff, 0xd8, 0xff] },
  { type: 'application/pdf', magic: [0x25, 0x50, 0x44, 0x46, 0x2d] },
];

export function evidenceType(bytes: Buffer): string | null {
  return KINDS.find((k) => k.magic.every((b, i) => bytes[i] === b))?.type ?? null;
}

/** The files as evidence, or a RectificationError naming the first file refused and why. */
export function checkEvidence(files: readonly { fileName: string; bytes: Buffer }[]): NewEvidence[] {
  if (files.length > EVIDENCE_MAX_FILES) {
    throw new RectificationError(`一次最多上传 ${EVIDENCE_MAX_FILES} 个证明文件 / at most ${EVIDENCE_MAX_FILES} evidence files per response`);
  }
  return files.map((file) => {
    if (file.bytes.length === 0) throw new RectificationError(`证明文件“${file.fileName}”为空 / evidence file "${file.fileName}" is empty`);
    if (file.bytes.length > EVIDENCE_MAX_BYTES) {
      throw new RectificationError(
        `证明文件“${file.fileName}”超过 ${EVIDENCE_MAX_BYTES / 1024 / 1024} MB / evidence file "${file.fileName}" is larger than ${EVIDENCE_MAX_BYTES / 1024 / 1024} MB`,
      );
    }
    const contentType = evidenceType(file.bytes);
    if (!contentType) {
      throw new RectificationError(
        `证明文件“${file.fileName}”不是 PNG、JPEG 图片或 PDF / evidence file "${file.fileName}" is not a PNG or JPEG image or a PDF`,
      );
    }
    return { fileName: file.fileName, contentType, bytes: file.bytes };
  });
}
