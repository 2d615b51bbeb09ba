// Argument parsing shared by the commands: node's parseArgs, with misuse reported as a
// UsageError (exit code 2, message on stderr).
import { parseArgs, type ParseArgsConfig } from 'node:util';
import type { Lang } from '../../checks/format.js';
import { isDate } from '../rectify/dates.js';

export class UsageError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'UsageError';
  }
}

type Options = NonNullable<ParseArgsConfig['options']>;

export function parse<O extends Options>(args: string[], options: O, positionals: { min: number; max: number }) {
  let parsed;
  try {
    parsed = parseArgs({ args, options, allowPositionals: true, strict: true });
  } catch (error) {
    throw new UsageError((error as Error).message);
  }
  if (parsed.positionals.length < positionals.min) throw new UsageError('missing argument');
  if (parsed.positionals.length > positionals.max) throw new UsageError(`unexpected argument "${parsed.positionals[positionals.max]}"`);
  return parsed;
}

export function langOption(value: string | undefined): Lang {
  if (value === undefined || value === 'zh') return 'zh';
  if (value === 'en') return 'en';
  throw new UsageError(`--lang must be zh or en, not "${value}"`);
}

export function dateOption(value: string | undefined, name: string): string | undefined {
  if (value === undefined) return undefined;
  if (!isDate(value)) throw new UsageError(`${name} must be a date YYYY-MM-DD, not "${value}"`);
  return value;
}

export function positiveNumberOption(value: string | undefined, name: string): number | undefined {
  if (value === undefined) return undefined;
  const number = Number(value);
  if (!Number.isFinite(number) || number <= 0) throw new UsageError(`${name} must be a positive number, not "${value}"`);
  return number;
}
