/**
 * Each full `npm run bench` is kept as a record in bench/runs/ (committed with BENCHMARKS.md), so that the report
 * can show how much each result moves from one run to the next on the same machine (issue 19, point 7): one run
 * on a shared two-core machine can be 50% faster or slower than the next, and a target met once proves little.
 */
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { z } from 'zod';
import { ROOT } from './support.ts';
import type { Row } from './table.ts';

const RUNS_DIR = path.join(ROOT, 'bench', 'runs');
/** How many of this machine's runs the report compares, the newest included. */
const COMPARED = 5;

const runRecord = z.object({
  startedAt: z.string(),
  commit: z.string(),
  machine: z.object({ key: z.string(), description: z.string() }),
  rows: z.array(
    z.object({
      name: z.string(),
      target: z.string(),
      pass: z.boolean().nullable(),
      requestsPerSecond: z.number().nullable(),
      ratio: z.number().nullable(),
      p95: z.number().nullable(),
      p99: z.number().nullable(),
    }),
  ),
});
type RunRecord = z.infer<typeof runRecord>;

/**
 * The machine a run was measured on. Machines of one kind report the same CPU name and often the same machine id
 * (made from one image), so the key also takes the boot: runs compared are runs on one machine since its start.
 */
export function thisMachine(description: string): RunRecord['machine'] {
  const read = (file: string) => {
    try {
      return readFileSync(file, 'utf8').trim();
    } catch {
      return '';
    }
  };
  const identity = [read('/etc/machine-id'), read('/proc/sys/kernel/random/boot_id'), os.hostname(), os.cpus()[0]?.model ?? ''].join('|');
  return { key: createHash('sha256').update(identity).digest('hex').slice(0, 12), description };
}

/** The commit measured, read when the run starts (a commit made while it runs is not what it measured). */
export function currentCommit(): string {
  try {
    const commit = execFileSync('git', ['rev-parse', '--short', 'HEAD'], { cwd: ROOT, encoding: 'utf8' }).trim();
    const changed = execFileSync('git', ['status', '--porcelain', '--untracked-files=no', '--', 'src', 'views', 'bench', 'migrations'], {
      cwd: ROOT,
      encoding: 'utf8',
    }).trim();
    return changed ? `${commit} with uncommitted changes` : commit;
  } catch {
    return 'unknown';
  }
}

const finite = (value: number | undefined) => (value !== undefined && Number.isFinite(value) ? value : null);

/**
 * Keeps this run in bench/runs/ and returns it with the machine's earlier runs (`mine`, the last COMPARED), and the
 * runs of other machines (`others`), oldest first.
 */
export function keepRun(started: { at: Date; commit: string }, machine: RunRecord['machine'], rows: Row[]): { mine: RunRecord[]; others: RunRecord[] } {
  const record: RunRecord = {
    startedAt: started.at.toISOString(),
    commit: started.commit,
    machine,
    rows: rows.map((row) => ({
      name: row.name,
      target: row.target,
      pass: row.pass ?? null,
      requestsPerSecond: finite(row.requestsPerSecond),
      ratio: finite(row.ratio),
      p95: finite(row.p95),
      p99: finite(row.p99),
    })),
  };
  mkdirSync(RUNS_DIR, { recursive: true });
  writeFileSync(path.join(RUNS_DIR, `${record.startedAt.replace(/[:.]/g, '-')}.json`), `${JSON.stringify(record, null, 1)}\n`);
  return keptRuns(machine.key);
}

/** The runs kept in bench/runs/, this machine's (the last COMPARED) apart from the others', oldest first. */
export function keptRuns(machineKey: string): { mine: RunRecord[]; others: RunRecord[] } {
  const runs = readdirSync(RUNS_DIR)
    .filter((file) => file.endsWith('.json'))
    .sort()
    .map((file) => runRecord.parse(JSON.parse(readFileSync(path.join(RUNS_DIR, file), 'utf8'))));
  return {
    mine: runs.filter((run) => run.machine.key === machineKey).slice(-COMPARED),
    others: runs.filter((run) => run.machine.key !== machineKey),
  };
}

/**
 * The report's section on the other machines runs were kept from: a machine's speed moves every absolute target
 * (the staff queue's p95 most), so a run on a slower machine is read beside what faster ones measured.
 */
export function otherMachines(runs: RunRecord[]): string[] {
  if (runs.length === 0) return [];
  const byMachine = Map.groupBy(runs, (run) => run.machine.key);
  const lines = ['## Runs kept from other machines', '', '| machine | runs | bare Express req/s | targets met per run | missed |', '|---|---|---:|---|---|'];
  for (const machineRuns of byMachine.values()) {
    const bare = range(
      machineRuns.flatMap((run) => run.rows[0]?.requestsPerSecond ?? []),
      (rate) => rate.toFixed(0),
    );
    const met = machineRuns.map((run) => `${String(targeted(run).filter((row) => row.pass).length)}/${String(targeted(run).length)}`).join(', ');
    const missed = machineRuns.map((run) => missedIn(run)).filter((text) => text !== '—');
    const first = machineRuns[0]?.startedAt.slice(0, 10) ?? '';
    const description = machineRuns[0]?.machine.description.split(',')[0] ?? '';
    lines.push(`| ${description} (${first}) | ${String(machineRuns.length)} | ${bare} | ${met} | ${missed.join('; ') || '—'} |`);
  }
  lines.push('');
  return lines;
}

const QUEUE_MATRIX = 'staff queue matrix (each status × filter × sort × page)';
const DASHBOARD = 'dashboard (each aggregate × filter)';
const RESIDENT = 'portal RSS after the bench';

/**
 * The label a row is compared under across runs. The queue matrix and the dashboard have a row per combination:
 * each is one group. The memory rows carry their result in their name: compared under the name without it.
 */
function labelOf(name: string): string {
  if (/^(all|open|closed) · /.test(name)) return QUEUE_MATRIX;
  if (name.startsWith('dashboard: ') && !name.includes('all panels at once')) return DASHBOARD;
  if (name.startsWith(RESIDENT)) return RESIDENT;
  if (name.startsWith('soak at ')) return 'memory soak';
  return name;
}

const isGroup = (label: string) => label === QUEUE_MATRIX || label === DASHBOARD;

/** A run's missed rows, a group counted once ("staff queue matrix…: 3 rows"). */
function missedIn(run: RunRecord): string {
  const counts = new Map<string, number>();
  for (const row of run.rows) if (row.pass === false) counts.set(labelOf(row.name), (counts.get(labelOf(row.name)) ?? 0) + 1);
  return [...counts].map(([label, count]) => (isGroup(label) ? `${label}: ${String(count)} rows` : label)).join('; ') || '—';
}

/** A run's rows that have a target. */
const targeted = (run: RunRecord) => run.rows.filter((row) => row.pass !== null);

const percent = (ratio: number) => `${(ratio * 100).toFixed(0)}%`;
const ms = (value: number) => `${value.toFixed(1)} ms`;

function range(values: number[], format: (value: number) => string): string {
  if (values.length === 0) return '—';
  const low = Math.min(...values);
  const high = Math.max(...values);
  return low === high ? format(low) : `${format(low)}–${format(high)}`;
}

/** What decides a row's target: its ratio to bare Express where the target is one, else its p95. */
function decidingValues(rows: RunRecord['rows']): string {
  if (rows.some((row) => row.target.includes('of bare')))
    return `${range(
      rows.flatMap((row) => row.ratio ?? []),
      percent,
    )} of bare`;
  return `p95 ${range(
    rows.flatMap((row) => row.p95 ?? []),
    ms,
  )}`;
}

/**
 * The report's section across runs: each run (its commit, the bare app's rate, the targets met), then each row
 * with a target, with how many runs met it and how far its deciding number moved.
 */
export function acrossRuns(runs: RunRecord[]): string[] {
  if (runs.length < 2) return [];
  const lines = [
    `## Across runs on this machine (the last ${String(runs.length)})`,
    '',
    `Each full run keeps its numbers in \`bench/runs/\`. Below, each run, then each target with the number of runs that met it and the lowest and highest of what decides it (the ratio to bare Express, else the p95) across them; a group (the queue matrix, the dashboard) is met in a run when all its rows were.`,
    '',
    '| run started | commit | bare Express req/s | targets met | missed |',
    '|---|---|---:|---|---|',
    ...runs.map((run) => {
      const rows = targeted(run);
      const met = rows.filter((row) => row.pass).length;
      const bare = run.rows[0]?.requestsPerSecond;
      return `| ${run.startedAt.slice(0, 16).replace('T', ' ')} UTC | ${run.commit} | ${bare === null || bare === undefined ? '—' : bare.toFixed(0)} | ${String(met)} of ${String(rows.length)} | ${missedIn(run)} |`;
    }),
    '',
    '| scenario | target | met in | across runs |',
    '|---|---|---|---|',
  ];
  const byName = new Map<string, { target: string; perRun: RunRecord['rows'][] }>();
  runs.forEach((run, index) => {
    for (const row of targeted(run)) {
      const name = labelOf(row.name);
      let entry = byName.get(name);
      if (!entry) {
        entry = { target: row.target, perRun: runs.map(() => []) };
        byName.set(name, entry);
      }
      entry.perRun[index]?.push(row);
    }
  });
  // A Map keeps the order its labels were first met in: the report's own order.
  for (const [name, entry] of byName) {
    const measured = entry.perRun.filter((rows) => rows.length > 0);
    const rows = measured.flat();
    // A group is met in a run when every one of its rows was; its spread is of each run's worst p95.
    const met = measured.filter((rowsOfRun) => rowsOfRun.every((row) => row.pass)).length;
    const memory =
      name === RESIDENT
        ? range(rows.flatMap((row) => Number(/(\d+) MB/.exec(row.name)?.[1] ?? NaN)).filter(Number.isFinite), (mb) => `${mb.toFixed(0)} MB`)
        : undefined;
    const spread = memory
      ? memory
      : isGroup(name)
        ? `worst p95 ${range(
            measured.map((rowsOfRun) => Math.max(...rowsOfRun.flatMap((row) => row.p95 ?? []))),
            ms,
          )}; rows met per run: ${measured.map((rowsOfRun) => `${String(rowsOfRun.filter((row) => row.pass).length)}/${String(rowsOfRun.length)}`).join(', ')}`
        : rows.every((row) => row.p95 === null && row.ratio === null)
          ? '—'
          : decidingValues(rows);
    lines.push(`| ${name} | ${entry.target} | ${String(met)} of ${String(measured.length)} | ${spread} |`);
  }
  lines.push('');
  return lines;
}
