// The arithmetic shared by the two "rooms per 100 households" rules, which differ only in the
// kind of residential area they cover (new or existing) and hence their words.
import type { Development } from '../facts.js';
import type { AreaSubject, Evaluation, RuleMeta } from '../types.js';
import { serviceAreaOf } from './shared.js';

export interface HouseholdParams {
  m2Per100Households: number;
}

export const HOUSEHOLD_PARAMS: RuleMeta['params'] = {
  type: 'object',
  required: ['m2Per100Households'],
  additionalProperties: false,
  properties: { m2Per100Households: { type: 'number', exclusiveMinimum: 0 } },
};

export const HOUSEHOLD_MESSAGES: RuleMeta['messages'] = {
  arithmetic: {
    zh: '{households} 户 × {m2Per100Households} ㎡/100 户，应配 {required} ㎡，实有 {measured} ㎡',
    en: '{households} households × {m2Per100Households} m²/100 households = {required} m² required, {measured} m² provided',
  },
  arithmeticFromSites: {
    zh: '{households} 户 × {m2Per100Households} ㎡/100 户，应配 {required} ㎡，实有 {measured} ㎡（{siteCount} 处用房合计）',
    en: '{households} households × {m2Per100Households} m²/100 households = {required} m² required, {measured} m² provided (sum of {siteCount} {sitesWord})',
  },
};

/** Service area ≥ households / 100 × P for areas of `development`; others get `otherMessageId`. */
export function roomsPerHundredHouseholds(
  subject: AreaSubject,
  development: Development,
  { m2Per100Households }: HouseholdParams,
  otherMessageId: string,
): Evaluation {
  const { area } = subject;
  if (area.development !== development) return { outcome: 'not_applicable', messageId: otherMessageId };
  const provided = serviceAreaOf(subject);
  return {
    outcome: 'measured',
    measured: provided.m2,
    // Multiplying first keeps the figure exact: 113 × 20 / 100 is 22.6, where 113 / 100 × 20 is 22.599999….
    required: (area.households * m2Per100Households) / 100,
    messageId: provided.source === 'sites' ? 'arithmeticFromSites' : 'arithmetic',
    data: {
      households: area.households,
      m2Per100Households,
      ...(provided.source === 'sites'
        ? { siteCount: provided.siteCount, sitesWord: provided.siteCount === 1 ? 'site' : 'sites' }
        : {}),
    },
  };
}
