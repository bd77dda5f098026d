/**
 * The training panel's public entry, for the extension host (client/): the messages between the
 * host and the panel (with their schemas) and the panel's page. The panel's own code (panel/,
 * worker/) is bundled apart (scripts/build.mjs) and imported by nobody.
 */
export * from './protocol/index.js';
export * from './host/panel-html.js';
export * from './host/workspace-path.js';
