import { appendFileSync } from 'node:fs';
import { basename } from 'node:path';

/*
 * The figures a benchmark stands by, for the one report `npm run bench` writes
 * (bench/REPORT.md, by run.ts). A benchmark still prints its own tables; it also records the
 * figures that have a target or a baseline here. Run alone, a benchmark only prints.
 */

type Comparison = '<' | '<=' | '>' | '>=';

export interface Figure {
  /** What was measured, in words a reader of the report understands. */
  readonly figure: string;
  readonly unit: string;
  readonly measured: number;
  /** What the same run measured for a well-known way of doing the same work, when there is one. */
  readonly baseline?: { readonly name: string; readonly value: number };
  /** The target; `on: 'ratio'` compares measured / baseline (CSV "within 1.5x of sqlite3"). */
  readonly target?: { readonly comparison: Comparison; readonly value: number; readonly on?: 'measured' | 'ratio' };
  /** Anything the reader needs to read the figure right (load beside it, sample size). */
  readonly note?: string;
}

export interface RecordedFigure extends Figure {
  readonly bench: string;
  readonly ratio: number | null;
  readonly verdict: 'met' | 'missed' | 'no target';
  /** How far from the target, as a share of it: positive is the margin kept, negative the miss. */
  readonly margin: number | null;
}

function holds(value: number, comparison: Comparison, target: number): boolean {
  if (comparison === '<') return value < target;
  if (comparison === '<=') return value <= target;
  if (comparison === '>') return value > target;
  return value >= target;
}

/** Judges a figure against its target: the verdict and the margin (never a bare pass/fail). */
export function judge(figure: Figure, bench: string): RecordedFigure {
  const ratio = figure.baseline && figure.baseline.value !== 0 ? figure.measured / figure.baseline.value : null;
  if (!figure.target) return { ...figure, bench, ratio, verdict: 'no target', margin: null };
  const value = figure.target.on === 'ratio' ? ratio : figure.measured;
  if (value === null || !Number.isFinite(value)) return { ...figure, bench, ratio, verdict: 'missed', margin: null };
  const { comparison, value: target } = figure.target;
  const lowerIsBetter = comparison === '<' || comparison === '<=';
  const margin = target === 0 ? null : lowerIsBetter ? (target - value) / target : (value - target) / target;
  return { ...figure, bench, ratio, verdict: holds(value, comparison, target) ? 'met' : 'missed', margin };
}

/** Records a figure for the report, when `npm run bench` collects them; prints its verdict either way. */
export function recordFigure(figure: Figure): RecordedFigure {
  const bench = basename(process.argv[1] ?? 'bench').replace(/\.bench\.ts$/, '');
  const recorded = judge(figure, bench);
  const target = figure.target ? ` (target ${figure.target.on === 'ratio' ? 'ratio ' : ''}${figure.target.comparison} ${figure.target.value}: ${recorded.verdict})` : '';
  console.log(`figure: ${figure.figure} = ${figure.measured.toFixed(2)} ${figure.unit}${target}`);
  const file = process.env.COMPTOIR_BENCH_RESULTS;
  if (file) appendFileSync(file, `${JSON.stringify(recorded)}\n`);
  return recorded;
}
