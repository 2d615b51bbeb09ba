// Rules for user names and facility lists, shared by the admin page and the command line.

/** 1–64 characters, no spaces or control characters (Chinese names are welcome). */
export function validUserName(name: string): boolean {
  return /^[^\s\u0000-\u001f\u007f]{1,64}$/u.test(name);
}

/** Facility ids typed as `A, B C` or given as repeated options: trimmed, distinct, in order. */
export function parseFacilityIds(...inputs: string[]): string[] {
  const ids = inputs.flatMap((input) => input.split(/[\s,，、;；]+/)).filter((id) => id !== '');
  return [...new Set(ids)];
}
