#!/usr/bin/env node
/**
 * The house codemod: makes every import follow the house rules (docs/architecture.md), and says
 * what it cannot mend. Re-runnable: a second run changes nothing.
 *
 *   node scripts/house-imports.mjs            rewrite, then list what still breaks a rule (exit 1 if any)
 *   node scripts/house-imports.mjs --check    write nothing; exit 1 if anything would change or breaks a rule
 *   node scripts/house-imports.mjs --root DIR another checkout
 *
 * What it does, for every source file (tracked, or untracked and not ignored by git):
 * - an import of another part's internals (`../../../language/src/catalog/numbers.js`) becomes
 *   an import of the public entry that exports those names and that the importing part may
 *   import (`../../../language/src/index.js`); `import type`, `export { } from`, namespace
 *   imports, dynamic `import()` and `typeof import()` alike, keeping the `.js` suffix style;
 * - imports of files the house refactor moved (scripts/house/parts.mjs MOVED: the exporter from
 *   language/src/keras/ to training/src/export/, fmt and duration from cli/src/progress-bar.ts to
 *   training/src/report/training-numbers.ts) follow them, split where the names went apart;
 * - a file that no entry exports yet (a new file) is added to its part's entry (`export * from`),
 *   chosen by where it is and what it needs at run time (parts.mjs homeEntryOf); a name an entry
 *   lacks is exported from it by name; a name two files of the entry both export is reported;
 * - several imports of one entry in a file become one declaration;
 * - a merge conflict that lies only in an import block is resolved by keeping both sides, which
 *   the steps above then rewrite and merge (one import per entry, no name twice); a conflict with
 *   anything else in it is reported and left; a file moved by the house refactor that a branch
 *   changed keeps imports relative to its old place: they are read from there and rewritten.
 * Tests (test/) may import internals and are only changed for moved files.
 *
 * After merging the branches written before the entries (house merged last):
 *   node scripts/house-imports.mjs      # also during a conflicted merge: it resolves the import-only hunks
 *   git add -A                          # once no conflict is reported
 *   npm run typecheck && npx vitest run test/house/imports.test.ts
 */
import { resolve } from 'node:path';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { Repo } from './house/repo.mjs';
import { rewriteImports } from './house/rewrite.mjs';
import { violations } from './house/rules.mjs';

const args = process.argv.slice(2);
const check = args.includes('--check');
const rootAt = args.indexOf('--root');
const root = resolve(rootAt >= 0 ? args[rootAt + 1] : new URL('..', import.meta.url).pathname);

const repo = new Repo(root);
const { changes, problems } = rewriteImports(repo);
for (const line of changes) console.log(`${check ? 'would change' : 'changed'} ${line}`);
if (!check) for (const [file, text] of repo.texts) writeFileSync(join(root, file), text);

// What still breaks a rule, seen on the rewritten files.
const reported = new Set(problems.map(p => p.slice(0, p.indexOf(': import '))));
const remaining = [...problems, ...violations(repo).filter(v => !reported.has(v.slice(0, v.indexOf(': import '))))];
for (const line of remaining) console.error(line);
console.log(`${changes.length} change${changes.length === 1 ? '' : 's'}${check ? ' needed' : ''}, ${remaining.length} import${remaining.length === 1 ? '' : 's'} breaking a rule`);
process.exitCode = remaining.length > 0 || (check && changes.length > 0) ? 1 : 0;
