/** The training panel's page: connects the host, the controller and the views. */
import 'uplot/dist/uPlot.min.css';
import './panel.css';
import { PanelController } from './controller.js';
import { DiagramView } from './diagram-view.js';
import { ModelView } from './model-view.js';
import { ResultsView } from './results-view.js';
import { RunView } from './run-view.js';
import { connectToHost } from './vscode-api.js';

const host = connectToHost();
const app = document.getElementById('app') ?? document.body;
let controller: PanelController | undefined;
const modelView = new ModelView({ reveal: error => controller?.reveal(error.range) });
const runView = new RunView({
    train: () => void controller?.train(),
    stop: () => controller?.stop(),
    save: () => controller?.save(),
    exportKeras: () => controller?.exportKeras(),
    inputs: inputs => controller?.setInputs(inputs)
});
const resultsView = new ResultsView();
const diagramView = new DiagramView({ saveSvg: () => controller?.saveDiagram() });
app.append(modelView.element, runView.element, resultsView.element, diagramView.element);

// Messages from the host; the listener is in place before `ready` goes out.
window.addEventListener('message', event => controller?.onHostMessage(event.data));

controller = new PanelController(host, {
    update: state => {
        modelView.update(state);
        runView.update(state);
        resultsView.update(state.run);
        diagramView.update(state);
    }
}, { workerUri: document.body.dataset.workerUri ?? '', wasmFolderUri: document.body.dataset.wasmFolderUri ?? '' });

// VS Code switches the theme by the body's class (vscode-light, vscode-dark, vscode-high-contrast):
// the charts read their colours when built, so they are built again.
new MutationObserver(() => resultsView.retheme()).observe(document.body, { attributes: true, attributeFilter: ['class'] });
