// Chevrotain 12 calls Object.groupBy, which Node.js has only from version 21; the project
// supports Node.js 20. package.json's `overrides` now keep Langium on Chevrotain 11, which does
// not call it: this stays as a guard should Chevrotain 12 come back.
// Loaded first by every entry point (and by the grammar generator, see package.json).
if (typeof Object.groupBy !== 'function') {
    Object.defineProperty(Object, 'groupBy', {
        configurable: true,
        writable: true,
        value: function groupBy(items, keyOf) {
            const groups = Object.create(null);
            let index = 0;
            for (const item of items) {
                const key = keyOf(item, index++);
                (groups[key] ??= []).push(item);
            }
            return groups;
        }
    });
}
