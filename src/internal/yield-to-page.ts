/** The elements' import path of `yieldToPage`, which lives in `model/` so the worker layer can use it too. */
export { yieldToPage } from '../model/yield-to-page.js';
