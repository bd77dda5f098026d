/** The message protocol of the training panel: host → panel and panel → host, with schemas. */
export * from './host-messages.js';
export * from './panel-messages.js';
export * from './parse.js';
export { ModelAnalysisSchema } from './analysis-schema.js';
