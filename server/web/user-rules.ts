// Rules for user names and facility bindings, shared by the admin page and the command line.
import { defaultRulebooks } from '../../checks/rulebook.js';
import type { FacilityRef } from '../store/users-types.js';

/** 1–64 characters, no spaces or control characters (Chinese names are welcome). */
export function validUserName(name: string): boolean {
  return /^[^\s\u0000-\u001f\u007f]{1,64}$/u.test(name);
}

/** A user's or token's id written as such: `12`, never `012`, `12.0`, `0xc` or ` 12` (else null). */
export function canonicalId(text: string): number | null {
  return /^[1-9]\d{0,9}$/.test(text) ? Number(text) : null;
}

export interface ParsedFacilities {
  facilities: FacilityRef[];
  /** Entries that are not `jurisdiction:ID` with a known jurisdiction, as typed. */
  invalid: string[];
}

/**
 * Facility bindings typed as `tongxiang:TX-001, anji:AJ-002` or given as repeated options:
 * trimmed, distinct, in order. A facility id is unique only within its jurisdiction, so each
 * names both; the id after the first `:` may itself hold colons.
 */
export function parseFacilities(...inputs: string[]): ParsedFacilities {
  const known = new Set(defaultRulebooks().map((book) => book.id));
  const facilities: FacilityRef[] = [];
  const invalid: string[] = [];
  const seen = new Set<string>();
  for (const entry of inputs.flatMap((input) => input.split(/[\s,，、;；]+/)).filter((text) => text !== '')) {
    const colon = entry.indexOf(':');
    const jurisdiction = colon > 0 ? entry.slice(0, colon) : '';
    const id = colon > 0 ? entry.slice(colon + 1) : '';
    if (!known.has(jurisdiction) || id === '') {
      invalid.push(entry);
      continue;
    }
    if (seen.has(entry)) continue;
    seen.add(entry);
    facilities.push({ jurisdiction, id });
  }
  return { facilities, invalid };
}
