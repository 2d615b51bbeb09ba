// Placeholder contract (being implemented): renders the PDF audit report of one audit result.
import type { AuditResult } from '../audit/result.js';

export interface ReportOptions {
  /** The stored audit's id, or null for an unstored check. */
  auditId: string | null;
  /** ISO timestamp printed as "generated"; the stored audit's createdAt keeps the bytes stable. */
  generatedAt: string;
  lang: 'zh' | 'en';
  /** Only this facility's findings (the facility report); an unknown id throws UnknownFacilityError. */
  facility?: string;
}

export class UnknownFacilityError extends Error {
  constructor(readonly facilityId: string) {
    super(`审核中没有机构“${facilityId}” / no facility "${facilityId}" in this audit`);
    this.name = 'UnknownFacilityError';
  }
}

export async function writeReport(_result: AuditResult, _options: ReportOptions, _out: NodeJS.WritableStream): Promise<void> {
  throw new Error('not implemented yet');
}
