/** The training engine's Node-only parts: loading data files, saving a trained model, the Node backend. */

// backend/: tfjs backends and the training kernels.
export * from './backend/node-backend.js';
export * from './backend/native-addon.js';

// data/: Data tables and their errors.
export * from './data/node-loader.js';

// save/: Saving a trained model.
export * from './save/save-node.js';

export * from './threads/node-threads.js';
