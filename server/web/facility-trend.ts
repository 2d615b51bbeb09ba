// A facility's trends across its audits, oldest first: its failures per audit, and for every
// rule it failed in any audit, that rule's shortfall in each audit (0 once it passes, a gap
// where the audit has no figure for it).
import type { Finding } from '../../checks/finding.js';
import { formatNumber, formatShortfall, UNIT_LABELS, type Lang } from '../../checks/format.js';
import type { Bilingual } from '../../checks/types.js';
import { RULES } from '../../checks/registry.js';
import { lineChart, type LineChart } from './trend-chart.js';

export interface AuditFindings {
  asOf: string;
  findings: readonly Finding[];
}

export interface RuleTrend {
  rule: string;
  title: Bilingual;
  /** What the shortfall is counted in: `人`, `persons`, `个百分点`. */
  unit: string;
  chart: LineChart;
}

const POINTS = { zh: '个百分点', en: 'percentage points' } as const;

function shortfallOf(finding: Finding | undefined): number | null {
  if (!finding) return null;
  if (finding.shortfall !== null) return finding.shortfall;
  return finding.status === 'pass' ? 0 : null;
}

export function failuresChart(audits: readonly AuditFindings[]): LineChart {
  return lineChart(
    audits.map((audit) => audit.findings.filter((f) => f.status === 'fail').length),
    audits.map((audit) => audit.asOf),
    formatNumber,
  );
}

export function failingRuleTrends(audits: readonly AuditFindings[], lang: Lang): RuleTrend[] {
  const failing = new Set(audits.flatMap((audit) => audit.findings.filter((f) => f.status === 'fail').map((f) => f.rule)));
  return RULES.filter((rule) => failing.has(rule.meta.id)).map((rule) => {
    const findings = audits.map((audit) => audit.findings.find((f) => f.rule === rule.meta.id));
    const unit = findings.find((f) => f !== undefined)!.unit;
    return {
      rule: rule.meta.id,
      title: rule.meta.title,
      unit: unit === 'share' ? POINTS[lang] : UNIT_LABELS[unit][lang],
      chart: lineChart(
        findings.map(shortfallOf),
        audits.map((audit) => audit.asOf),
        (value) => formatShortfall(value, unit, lang),
      ),
    };
  });
}
