// esbuild bundles the CSS a module imports into panel.css beside panel.js.
declare module '*.css';
