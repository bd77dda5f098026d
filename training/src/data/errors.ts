/** The data pipeline's error, shared with the language core's checks of `data(...)` files. */
export {
    badCellMessage, DataError, formatPlace, SYNTHETIC_FILE, type BadCell, type ColumnRole, type DataErrorPlace
} from '../../../language/src/index.js';
