/**
 * Prints each mutated module's score from Stryker's JSON report (test-results/mutation/report.json):
 *   npm run test:mutation              runs Stryker, then prints the table
 *   npx tsx scripts/mutation-report.ts  prints the table of the last run (`--survivors` lists what lived)
 */
import fs from 'node:fs';

interface Mutant {
  status: string;
  mutatorName: string;
  replacement?: string;
  location: { start: { line: number; column: number } };
}

const TARGET = 90;
const report = JSON.parse(fs.readFileSync('test-results/mutation/report.json', 'utf8')) as { files: Record<string, { mutants: Mutant[] }> };
const rows = Object.entries(report.files).map(([file, { mutants }]) => {
  const count = (...states: string[]) => mutants.filter((m) => states.includes(m.status)).length;
  const detected = count('Killed', 'Timeout');
  const undetected = count('Survived', 'NoCoverage');
  const score = detected + undetected === 0 ? 100 : (100 * detected) / (detected + undetected);
  return { file, mutants: mutants.length, killed: count('Killed'), timeout: count('Timeout'), survived: count('Survived'), noCoverage: count('NoCoverage'), ignored: count('Ignored'), score, list: mutants };
});
const pad = (s: string | number, n: number) => String(s).padEnd(n);
console.log(`\n${pad('module', 34)}${pad('mutants', 9)}${pad('killed', 8)}${pad('timeout', 9)}${pad('survived', 10)}${pad('no cover', 10)}${pad('ignored', 9)}score`);
for (const r of rows.sort((a, b) => a.file.localeCompare(b.file))) {
  console.log(`${pad(r.file, 34)}${pad(r.mutants, 9)}${pad(r.killed, 8)}${pad(r.timeout, 9)}${pad(r.survived, 10)}${pad(r.noCoverage, 10)}${pad(r.ignored, 9)}${r.score.toFixed(1)} %${r.score >= TARGET ? '' : `  (below ${TARGET} %)`}`);
}
if (process.argv.includes('--survivors')) {
  for (const r of rows) {
    for (const m of r.list.filter((x) => x.status === 'Survived' || x.status === 'NoCoverage')) {
      console.log(`${r.file}:${m.location.start.line}:${m.location.start.column} ${m.status} ${m.mutatorName} ${JSON.stringify(m.replacement ?? '').slice(0, 100)}`);
    }
  }
}
