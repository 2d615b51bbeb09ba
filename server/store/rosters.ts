// Staff facts are stored one roster per facility rather than one row per person: a county
// workbook has ~100k staff rows, and per-row storage (with its keys repeated in every JSON
// object and an index entry per row) made storing an audit take over a second. A roster is
// columnar JSON: the keys once, then each person's values, led by their position in the staff
// sheet so that the facts come back in the order they were checked.
import type { StaffFacts } from '../../checks/facts.js';

export interface EncodedRoster {
  facilityId: string;
  staffCount: number;
  data: string;
}

interface RosterData {
  keys: string[];
  rows: unknown[][];
}

/**
 * Each facility's roster, made when it is asked for: SQLite inserts one (PostgreSQL's COPY writes it) before the next is made,
 * so that its text dies young instead of all 8 MB of a county's outliving the young generation
 * until the last is inserted (issue 20).
 */
export function* eachRoster(staff: readonly StaffFacts[]): Generator<EncodedRoster> {
  if (staff.length === 0) return;
  // Every staff fact has the same fields (blank is null, never absent), so one key list serves.
  const keys = Object.keys(staff[0]!);
  const byFacility = new Map<string, number[]>();
  staff.forEach((member, position) => {
    const positions = byFacility.get(member.facility_id);
    if (positions) positions.push(position);
    else byFacility.set(member.facility_id, [position]);
  });
  // Each facility's rows are made just before they are written out, so they die young: made all
  // at once, 100,000 rows outlived the young generation and doubled the time spent (issue 20).
  for (const [facilityId, positions] of byFacility) {
    const rows = positions.map((position) => {
      const record = staff[position] as unknown as Record<string, unknown>;
      const row: unknown[] = [position];
      for (const key of keys) row.push(record[key]);
      return row;
    });
    yield { facilityId, staffCount: rows.length, data: JSON.stringify({ keys, rows } satisfies RosterData) };
  }
}

export function decodeRoster(data: string): { position: number; member: StaffFacts }[] {
  const { keys, rows } = JSON.parse(data) as RosterData;
  return rows.map(([position, ...values]) => {
    const member: Record<string, unknown> = {};
    keys.forEach((key, index) => (member[key] = values[index]));
    return { position: position as number, member: member as unknown as StaffFacts };
  });
}
