// Who issues a jurisdiction's notices, read from its rulebook (no jurisdiction named in code):
// the bureau's name and the prefix of its document numbers (安吉县 → 安吉民整〔2026〕12号).
import type { Bilingual } from '../../checks/types.js';
import { defaultRulebooks } from '../../checks/rulebook.js';

export interface Bureau {
  jurisdiction: Bilingual;
  name: Bilingual;
  numberPrefix: string;
}

export function bureauOf(jurisdiction: string): Bureau {
  const book = defaultRulebooks().find((b) => b.id === jurisdiction);
  const names = book?.names ?? { zh: jurisdiction, en: jurisdiction };
  // A county's documents are numbered with its short name, without 县/市/区.
  const short = names.zh.length > 2 ? names.zh.replace(/[县市区]$/, '') : names.zh;
  return {
    jurisdiction: names,
    name: { zh: `${names.zh}民政局`, en: `${names.en} Civil Affairs Bureau` },
    numberPrefix: `${short}民整`,
  };
}
