// Formula injection (CSV/Excel injection): text a user typed that starts like a formula is
// prefixed with an apostrophe before it goes into any spreadsheet or CSV we write, so that no
// program that opens the export evaluates it (OWASP's advice).
const FORMULA_START = /^[=+\-@\t\r]/;

export function neutraliseFormula(text: string): string {
  return FORMULA_START.test(text) ? `'${text}` : text;
}
