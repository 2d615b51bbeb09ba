// Small pieces several rules share, so that the same arithmetic is written once.
import type { FacilityFacts, StaffFacts } from '../facts.js';
import { isInstitution } from '../facts.js';
import type { Evaluation, MessageData } from '../types.js';

export function countStaff(staff: readonly StaffFacts[], predicate: (member: StaffFacts) => boolean): number {
  let count = 0;
  for (const member of staff) if (predicate(member)) count += 1;
  return count;
}

/** ⌈numerator / denominator⌉ for non-negative integers, exact (no floating-point rounding). */
export function ceilDiv(numerator: number, denominator: number): number {
  return Math.floor((numerator + denominator - 1) / denominator);
}

export function institutionsOf(facilities: readonly FacilityFacts[]): FacilityFacts[] {
  return facilities.filter(isInstitution);
}

/**
 * Share of `subjects` for which `value` is true, over those where it is known. Unknown values
 * are left out and counted in the basis; no known value at all is `insufficient_data`, zero
 * subjects is `not_applicable` (a share over nothing).
 */
export function knownShare<T>(
  subjects: readonly T[],
  value: (subject: T) => boolean | null,
  options: {
    required: number;
    field: string;
    messageId: string;
    emptyMessageId: string;
    data?: MessageData;
  },
): Evaluation {
  if (subjects.length === 0) return { outcome: 'not_applicable', messageId: options.emptyMessageId };
  let yes = 0;
  let known = 0;
  for (const subject of subjects) {
    const v = value(subject);
    if (v === null) continue;
    known += 1;
    if (v) yes += 1;
  }
  if (known === 0) return { outcome: 'insufficient_data', missing: [options.field] };
  return {
    outcome: 'measured',
    measured: yes / known,
    required: options.required,
    messageId: options.messageId,
    data: { yes, known, ...options.data },
    basis: { included: known, excluded: subjects.length - known },
  };
}
