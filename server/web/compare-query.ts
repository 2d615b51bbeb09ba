// What a comparison page or API call asks for, read from its query string: the facility picks
// of side by side, the two audits of a diff, the matrix's filters, the other rulebook, and the
// export format. Unreadable values are a 400.
import type { Request } from 'express';
import type { MatrixOptionsText } from '../compare/matrix-options.js';
import { readPicks, type PickRef } from '../compare/picks.js';
import { badField } from './context.js';
import { queryText } from './handler.js';

/** A query parameter given once or repeated, as a list of non-empty strings. */
export function queryList(req: Request, name: string): string[] {
  const value = req.query[name];
  const values = Array.isArray(value) ? value : [value];
  return values.filter((v): v is string => typeof v === 'string' && v.trim() !== '');
}

export interface CompareQuery {
  /** The audit whose facilities the form lists, and the default audit of a bare facility id. */
  audit: string | undefined;
  picks: PickRef[];
  onlyDifferent: boolean;
}

export function readCompareQuery(req: Request): CompareQuery {
  const audit = queryText(req, 'audit');
  try {
    return { audit, picks: readPicks(queryList(req, 'facility'), audit), onlyDifferent: queryText(req, 'different') === '1' };
  } catch (error) {
    if (error instanceof RangeError) throw badField('facility', error.message);
    throw error;
  }
}

export interface DiffQuery {
  a: string | undefined;
  b: string | undefined;
  facility: string | undefined;
}

export function readDiffQuery(req: Request): DiffQuery {
  return { a: queryText(req, 'a'), b: queryText(req, 'b'), facility: queryText(req, 'facility') };
}

export function readMatrixQuery(req: Request): MatrixOptionsText {
  return {
    jurisdiction: queryText(req, 'jurisdiction'),
    type: queryText(req, 'type'),
    ownership: queryText(req, 'ownership'),
    stars: queryText(req, 'stars'),
    sort: queryText(req, 'sort'),
  };
}

export const EXPORT_FORMATS = ['xlsx', 'pdf'] as const;
export type ExportFormat = (typeof EXPORT_FORMATS)[number];

/** `?format=xlsx|pdf` asks for the comparison as a download; absent, the page (or JSON). */
export function readExportFormat(req: Request): ExportFormat | undefined {
  const format = queryText(req, 'format');
  if (format === undefined) return undefined;
  if (!(EXPORT_FORMATS as readonly string[]).includes(format)) throw badField('format', `must be xlsx or pdf, not "${format}"`);
  return format as ExportFormat;
}
