/**
 * Starts the analytics dashboard of the plugin's admin screen: the library's
 * standalone build (copied into ./dist/) registers the elements, and the
 * dashboard reads the plugin's REST API as the signed-in user, with the REST
 * root and nonce WordPress puts on the page (`wpApiSettings`, printed by the
 * `wp-api-request` script this one depends on). Answers are cached in
 * IndexedDB, so a reopened screen paints at once and then updates.
 */
import { AnalyticsError, RestDataSource, withCache } from './dist/jetonomy-analytics.js';

const dashboard = document.querySelector('jt-analytics-dashboard');

if (dashboard) {
  const settings = window.wpApiSettings ?? {};
  const nonceUrl = dashboard.dataset.restNonceUrl;
  dashboard.dataSource = withCache(
    new RestDataSource({
      root: settings.root,
      nonce: settings.nonce,
      timeZone: dashboard.getAttribute('time-zone') || undefined,
      // WordPress hands a fresh nonce to a signed-in user; "0" means the session is gone.
      refreshNonce: async () => {
        const response = await fetch(nonceUrl, { credentials: 'same-origin' });
        const nonce = (await response.text()).trim();
        if (!response.ok || !/^[A-Za-z0-9]{4,}$/.test(nonce)) throw new AnalyticsError('rest_nonce_refresh_failed', 'Could not renew the session.');
        return nonce;
      },
    }),
  );
}
