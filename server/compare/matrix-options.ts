// The matrix's filter and sort read from text (CLI options, a page's query string): one
// reading for every caller. A value outside its set is a RangeError naming it.
import { FACILITY_TYPES, OWNERSHIPS, type FacilityType, type Ownership } from '../../checks/facts.js';
import type { MatrixFilter, MatrixSort } from './matrix.js';

export interface MatrixOptionsText {
  jurisdiction?: string | undefined;
  type?: string | undefined;
  ownership?: string | undefined;
  stars?: string | undefined;
  sort?: string | undefined;
}

export const STAR_VALUES = [0, 1, 2, 3, 4, 5] as const;

function oneOf<T extends string>(value: string | undefined, allowed: readonly T[], name: string): T | undefined {
  if (value === undefined) return undefined;
  if (!(allowed as readonly string[]).includes(value)) throw new RangeError(`${name} must be one of ${allowed.join(', ')}, not "${value}"`);
  return value as T;
}

function starsOf(value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  const stars = Number(value);
  if (!(STAR_VALUES as readonly number[]).includes(stars) || value.trim() === '') throw new RangeError(`stars must be 0 to 5, not "${value}"`);
  return stars;
}

/** A named sort, else the id of the rule whose statuses order the rows. */
export function matrixSortOf(value: string | undefined): MatrixSort {
  return value === undefined || value === 'passRate' || value === 'shortfall' || value === 'name' ? (value ?? 'passRate') : { rule: value };
}

export function readMatrixOptions(text: MatrixOptionsText): { filter: MatrixFilter; sort: MatrixSort } {
  const facilityType = oneOf<FacilityType>(text.type, FACILITY_TYPES, 'type');
  const ownership = oneOf<Ownership>(text.ownership, OWNERSHIPS, 'ownership');
  const stars = starsOf(text.stars);
  return {
    filter: {
      ...(text.jurisdiction ? { jurisdiction: text.jurisdiction } : {}),
      ...(facilityType ? { facilityType } : {}),
      ...(ownership ? { ownership } : {}),
      ...(stars !== undefined ? { stars } : {}),
    },
    sort: matrixSortOf(text.sort),
  };
}
