/**
 * `@jetonomy/analytics/mocks`: MSW handlers serving the analytics REST
 * contract (docs/rest-api.md) from a data source, for tests and demos.
 * DOM-free: works with `msw/browser` and `msw/node`. `msw` is a peer the
 * caller installs.
 */
export { createAnalyticsHandlers, type AnalyticsHandlersOptions, type FailureInjector, type FailureOptions } from './mocks/handlers.js';
