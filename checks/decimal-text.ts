// A number as `Intl.NumberFormat('en-US', { maximumFractionDigits })` writes it (`1,234.57`),
// without ICU: the first NumberFormat a thread builds starts ICU's number formatting, 40–100 ms
// that every check worker paid before reading a byte. The same rules as ICU's: the shortest
// digits that read back as the value (so 1.005 → `1.01`, where toFixed says `1.00`), rounded half
// away from zero, trailing zeros dropped, thousands grouped by commas, `-0` kept.

export function decimalText(value: number, maxFractionDigits: number): string {
  if (Number.isNaN(value)) return 'NaN';
  const sign = value < 0 || Object.is(value, -0) ? '-' : '';
  const magnitude = Math.abs(value);
  if (magnitude === Infinity) return `${sign}∞`;
  // The shortest round-tripping digits; plain notation from 1e-7 to 1e21, which is every figure
  // a workbook holds.
  const text = String(magnitude);
  if (text.includes('e')) return sign + fromExponential(magnitude, maxFractionDigits);
  const point = text.indexOf('.');
  if (point === -1) return sign + grouped(text);
  if (text.length - point - 1 <= maxFractionDigits) return sign + grouped(text.slice(0, point)) + text.slice(point);
  const digits = text.slice(0, point) + text.slice(point + 1, point + 1 + maxFractionDigits);
  const rounded = text.charCodeAt(point + 1 + maxFractionDigits) >= 53 /* '5' */ ? increment(digits) : digits;
  const integerLength = point + rounded.length - digits.length;
  const fraction = rounded.slice(integerLength).replace(/0+$/, '');
  return sign + grouped(rounded.slice(0, integerLength)) + (fraction ? `.${fraction}` : '');
}

/** The same from `d.ddde±x`, for the tiny and the huge. */
function fromExponential(magnitude: number, maxFractionDigits: number): string {
  const [mantissa, exponent] = magnitude.toExponential().split('e') as [string, string];
  let digits = mantissa.replace('.', '');
  let point = Number(exponent) + 1;
  const kept = point + maxFractionDigits;
  if (kept < digits.length) {
    const roundUp = kept >= 0 && digits.charCodeAt(kept) >= 53;
    digits = kept > 0 ? digits.slice(0, kept) : '';
    if (roundUp) {
      const carried = increment(digits);
      if (carried.length > digits.length) point += 1;
      digits = carried;
    }
  }
  const integer = point > 0 ? digits.slice(0, point).padEnd(point, '0') : '0';
  const fraction = (point >= 0 ? digits.slice(point) : '0'.repeat(-point) + digits).replace(/0+$/, '');
  return grouped(integer) + (fraction ? `.${fraction}` : '');
}

/** Whole digits with a comma every three from the right. */
function grouped(integer: string): string {
  if (integer.length <= 3) return integer;
  let out = integer.slice(0, integer.length % 3 || 3);
  for (let at = out.length; at < integer.length; at += 3) out += `,${integer.slice(at, at + 3)}`;
  return out;
}

/** A string of decimal digits plus one (`''` counts as 0, `'99'` → `'100'`). */
function increment(digits: string): string {
  let end = digits.length;
  while (end > 0 && digits[end - 1] === '9') end -= 1;
  if (end === 0) return `1${'0'.repeat(digits.length)}`;
  return `${digits.slice(0, end - 1)}${String.fromCharCode(digits.charCodeAt(end - 1) + 1)}${'0'.repeat(digits.length - end)}`;
}
