// One Ajv instance set up the same way everywhere: every error in one pass, `$data`
// references for cross-field bounds, and the `x-*` annotation keywords of the workbook
// contract declared so strict mode accepts them.
import { Ajv, type ErrorObject } from 'ajv';

export const CONTRACT_KEYWORDS = ['x-zh', 'x-en', 'x-kind', 'x-unit', 'x-labels', 'x-aliases', 'x-key'] as const;

export function createAjv(): Ajv {
  const ajv = new Ajv({ allErrors: true, $data: true, strict: true, strictRequired: false, allowUnionTypes: true });
  ajv.addVocabulary([...CONTRACT_KEYWORDS]);
  return ajv;
}

export function describeAjvErrors(errors: ErrorObject[] | null | undefined): string {
  if (!errors?.length) return 'invalid';
  return errors.map((e) => `${e.instancePath || '/'} ${e.message ?? e.keyword}`).join('; ');
}
