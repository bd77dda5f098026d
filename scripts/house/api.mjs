/** What the tests (test/house/) use of the house rules and the codemod; typed in api.d.mts. */
export { Repo } from './repo.mjs';
export { violations } from './rules.mjs';
export { rewriteImports } from './rewrite.mjs';
export { ENTRIES, MAY_IMPORT } from './parts.mjs';
