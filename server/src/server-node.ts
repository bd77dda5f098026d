/** The bundle the VS Code client starts over IPC (out/server-node.cjs). */
import { startNodeLanguageServer } from './main-node.js';

startNodeLanguageServer();
