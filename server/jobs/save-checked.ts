// A valid, unrefused workbook's audit as it is stored, by the check's worker (check-and-store.ts)
// or, for an in-memory database no worker can open, by the web's own thread (uploads.ts): with
// every original file and the rulebooks it was checked against. Kept apart from the worker's
// module so that the web's thread does not load the reader with it.
import { defaultRulebooks } from '../../checks/rulebook.js';
import type { WorkbookFacts } from '../../checks/facts.js';
import { originalsOf } from '../audit/originals.js';
import type { AuditResult } from '../audit/result.js';
import type { AuditStore } from '../store/types.js';
import type { InputFile } from '../workbook/sources/open.js';

export function saveChecked(
  store: AuditStore,
  files: readonly InputFile[],
  checked: { result: AuditResult; facts: WorkbookFacts },
  upload: { uploadedBy: string; rulebookSelection: string | null; auditId?: string },
): Promise<string> {
  return store.saveAudit({ ...originalsOf(files, checked.result), ...upload, ...checked, rulebooks: defaultRulebooks() });
}
