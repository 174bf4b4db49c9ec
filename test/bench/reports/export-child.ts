import { runExport } from '../../../electron/core/reports/export-runner.js';
import type { ExportFormat } from '../../../shared/contract/reports.js';

/** One export in a process of its own, so `/usr/bin/time` measures its peak memory alone: `export-child.ts JOURNAL FORMAT OUT`. */
const [journalFile, format, file] = process.argv.slice(2) as [string, ExportFormat, string];
const result = await runExport({ journalFile, file, now: Date.now(), spec: { filter: {}, format, timeZone: 'Europe/Paris', title: 'Benchmark export' } }).result;
process.stdout.write(`${result.rows}\n`);
