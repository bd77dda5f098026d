/**
 * The diagram's colours, light and dark. A theme is colours only: the layout and the SVG's
 * structure never depend on it, so the two renderings of a model differ in colour values alone.
 * Each layer category has its colour, the same in spirit in both themes (recurrent orange,
 * convolution blue, ...); dark fills are deep and their borders bright.
 */
import type { LayerCategory } from '../catalog/layer-kind.js';

export type ThemeName = 'light' | 'dark';

export const THEME_NAMES: readonly ThemeName[] = ['light', 'dark'];

/** The legend's order: from the input through the layers that shape the sequence to the dense head. */
export const CATEGORY_ORDER: readonly LayerCategory[] = [
    'input', 'embedding', 'convolution', 'pooling', 'recurrent', 'wrapper', 'core', 'regularization', 'normalization', 'reshaping'
];

export interface BoxColours {
    readonly fill: string;
    readonly stroke: string;
}

export interface Theme {
    readonly background: string;
    readonly text: string;
    /** Arguments and parameter counts: quieter than the names. */
    readonly muted: string;
    readonly edge: string;
    readonly warning: string;
    readonly error: string;
    readonly categories: Readonly<Record<LayerCategory, BoxColours>>;
}

/** Each category's box: light fill and border, then dark fill and border, side by side to keep them alike. */
const CATEGORY_COLOURS: Readonly<Record<LayerCategory, readonly [string, string, string, string]>> = {
    input: ['#eef1f5', '#8c959f', '#2d333b', '#768390'],
    convolution: ['#e3f2fd', '#1e88e5', '#0d2a45', '#58a6ff'],
    pooling: ['#e0f7fa', '#00838f', '#0b3438', '#39c5cf'],
    reshaping: ['#f3e5f5', '#8e24aa', '#2e1a3a', '#d2a8ff'],
    recurrent: ['#fff3e0', '#ef6c00', '#3d2410', '#f0883e'],
    // A cell is drawn inside its RNN, in the recurrent layers' colours.
    cell: ['#fff3e0', '#ef6c00', '#3d2410', '#f0883e'],
    wrapper: ['#fffde7', '#b08800', '#33290a', '#e3b341'],
    core: ['#e8f5e9', '#2e7d32', '#12301a', '#56d364'],
    regularization: ['#fce4ec', '#c2185b', '#3b1428', '#f778ba'],
    normalization: ['#ede7f6', '#5e35b1', '#221a3d', '#a5a0ff'],
    embedding: ['#efebe9', '#6d4c41', '#2e2420', '#c4a18a']
};

function categoryColours(dark: boolean): Record<LayerCategory, BoxColours> {
    const at = dark ? 2 : 0;
    const entries = Object.entries(CATEGORY_COLOURS).map(([category, c]) => [category, { fill: c[at], stroke: c[at + 1] }]);
    return Object.fromEntries(entries) as Record<LayerCategory, BoxColours>;
}

const LIGHT: Theme = {
    background: '#ffffff',
    text: '#1f2328',
    muted: '#57606a',
    edge: '#8c959f',
    warning: '#9a6700',
    error: '#cf222e',
    categories: categoryColours(false)
};

const DARK: Theme = {
    background: '#0d1117',
    text: '#e6edf3',
    muted: '#8d96a0',
    edge: '#6e7681',
    warning: '#d29922',
    error: '#f85149',
    categories: categoryColours(true)
};

export const THEMES: Readonly<Record<ThemeName, Theme>> = { light: LIGHT, dark: DARK };

export function isThemeName(name: string): name is ThemeName {
    return (THEME_NAMES as readonly string[]).includes(name);
}
