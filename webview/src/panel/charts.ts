/**
 * Line charts with uPlot (canvas, no eval: fine under the panel's CSP), in the theme's chart
 * colours. A chart is rebuilt when its series change (a validation curve appears) or the theme
 * changes, and otherwise only gets new data, so that drawing live costs a setData per frame.
 * Vertical markers (EarlyStopping, stop, restored weights) are drawn on the plot and also written
 * under it as text.
 */
import uPlot from 'uplot';
import type { ChartData, Marker } from './curves-data.js';
import { h } from './dom.js';

export interface LineChart {
    readonly element: HTMLElement;
    update(data: ChartData, markers?: readonly Marker[]): void;
    /** Rebuilds with the current theme's colours. */
    retheme(): void;
    destroy(): void;
}

interface Theme {
    readonly series: readonly string[];
    readonly text: string;
    readonly grid: string;
    readonly marker: string;
    readonly font: string;
}

function theme(): Theme {
    const css = getComputedStyle(document.body);
    const v = (name: string, fallback: string) => css.getPropertyValue(name).trim() || fallback;
    return {
        series: [v('--vscode-charts-blue', '#3794ff'), v('--vscode-charts-orange', '#d18616'), v('--vscode-charts-green', '#89d185'), v('--vscode-charts-purple', '#b180d7'), v('--vscode-charts-yellow', '#cca700')],
        text: v('--vscode-foreground', '#888888'),
        grid: v('--vscode-editorWidget-border', 'rgba(128, 128, 128, 0.3)'),
        marker: v('--vscode-charts-red', '#f14c4c'),
        font: `${v('--vscode-font-size', '13px')} ${v('--vscode-font-family', 'sans-serif')}`
    };
}

const HEIGHT = 220;
const WHOLE_STEPS = [1, 2, 5, 10, 20, 50, 100, 200, 500, 1000, 2000, 5000, 10_000];

export function createLineChart(xLabel: string): LineChart {
    const element = h('figure', { class: 'chart' });
    const plotHolder = h('div', { class: 'plot' });
    const caption = h('figcaption');
    const markerText = h('p', { class: 'markers' });
    element.append(caption, plotHolder, markerText);
    let plot: uPlot | undefined;
    let signature = '';
    let markers: readonly Marker[] = [];
    let last: ChartData | undefined;

    const width = () => Math.max(240, plotHolder.clientWidth || element.clientWidth || 600);
    const drawMarkers = (u: uPlot) => {
        const colors = theme();
        const ctx = u.ctx;
        ctx.save();
        ctx.strokeStyle = colors.marker;
        ctx.fillStyle = colors.marker;
        ctx.setLineDash([5 * devicePixelRatio, 4 * devicePixelRatio]);
        ctx.lineWidth = devicePixelRatio;
        ctx.font = `${11 * devicePixelRatio}px sans-serif`;
        markers.forEach((m, i) => {
            const x = u.valToPos(m.x, 'x', true);
            ctx.beginPath();
            ctx.moveTo(x, u.bbox.top);
            ctx.lineTo(x, u.bbox.top + u.bbox.height);
            ctx.stroke();
            ctx.fillText(m.label, x + 4 * devicePixelRatio, u.bbox.top + (12 + 13 * i) * devicePixelRatio);
        });
        ctx.restore();
    };

    const build = (data: ChartData) => {
        plot?.destroy();
        const colors = theme();
        const axis = { stroke: colors.text, grid: { stroke: colors.grid, width: 1 }, ticks: { stroke: colors.grid, width: 1 }, font: colors.font };
        plot = new uPlot({
            width: width(),
            height: HEIGHT,
            scales: { x: { time: false } },
            // Epochs and test windows are counted: ticks on whole numbers only.
            axes: [{ ...axis, label: xLabel, labelFont: colors.font, incrs: WHOLE_STEPS }, { ...axis, size: 60 }],
            legend: { live: false },
            cursor: { drag: { x: false, y: false } },
            series: [
                { label: xLabel },
                ...data.series.map((s, i) => ({
                    label: s.label,
                    stroke: colors.series[(s.faint ? 0 : i - (data.series[0]?.faint ? 1 : 0)) % colors.series.length],
                    width: s.faint ? 1 : 2,
                    alpha: s.faint ? 0.45 : 1,
                    spanGaps: true,
                    points: { show: !s.faint && data.x.length < 60 }
                }))
            ],
            hooks: { draw: [drawMarkers] }
        }, toAligned(data), plotHolder);
    };

    const update = (data: ChartData, newMarkers: readonly Marker[] = []) => {
        last = data;
        markers = newMarkers;
        caption.textContent = data.title;
        const next = data.series.map(s => s.label).join('|');
        if (!plot || next !== signature) {
            signature = next;
            build(data);
        } else {
            plot.setData(toAligned(data));
        }
        element.dataset.points = String(data.series.reduce((n, s) => n + s.values.filter(v => v !== null).length, 0));
        markerText.textContent = newMarkers.map(m => `${m.label}: epoch ${m.x}`).join(' · ');
    };

    new ResizeObserver(() => {
        if (plot && Math.abs(plot.width - width()) > 2) plot.setSize({ width: width(), height: HEIGHT });
    }).observe(plotHolder);

    return {
        element,
        update,
        retheme: () => { if (last) build(last); },
        destroy: () => { plot?.destroy(); plot = undefined; }
    };
}

function toAligned(data: ChartData): uPlot.AlignedData {
    return [data.x as number[], ...data.series.map(s => s.values as (number | null)[])];
}
