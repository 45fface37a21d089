import rollupCommonjs from '@rollup/plugin-commonjs';
import { esbuildPlugin } from '@web/dev-server-esbuild';
import { fromRollup } from '@web/dev-server-rollup';
import { playwrightLauncher } from '@web/test-runner-playwright';
import { resolveBrowserOrFail } from './test/browser.mjs';

// Tests run in the Chromium that test/browser.mjs resolves (CHROME_PATH, a
// system one, or the one inside the @sparticuz/chromium dev dependency; never
// a downloaded browser), in a pinned time zone and locale, so date bucketing
// and number formatting are stable and prove the browser's own zone never
// leaks into the numbers.
// papaparse ships CommonJS/UMD only; the dev server serves ES modules.
const commonjs = fromRollup(rollupCommonjs);

const browser = await resolveBrowserOrFail();

// ECharts and zrender ship ES modules that read `process.env.NODE_ENV`, which
// a bundler replaces; the test server does not bundle, so replace it here.
const nodeEnvInECharts = {
  name: 'node-env-in-echarts',
  transform(context) {
    if (/\/node_modules\/(echarts|zrender)\//.test(context.path) && context.response.is('js')) {
      return { body: context.body.replaceAll('process.env.NODE_ENV', '"development"') };
    }
    return undefined;
  },
};

export default {
  files: ['src/**/*.test.ts', 'test/**/*.test.ts'],
  nodeResolve: { browser: true },
  concurrency: 1,
  testFramework: { config: { timeout: 60000 } },
  testsFinishTimeout: 10 * 60 * 1000,
  plugins: [
    commonjs({ include: /papaparse/, strictRequires: false }),
    nodeEnvInECharts,
    esbuildPlugin({ ts: true, tsconfig: 'tsconfig.json', target: 'es2022' }),
  ],
  browsers: [
    playwrightLauncher({
      product: 'chromium',
      launchOptions: { executablePath: browser.executablePath, args: browser.args },
      createBrowserContext: ({ browser }) => browser.newContext({ timezoneId: 'Pacific/Auckland', locale: 'en-US' }),
    }),
  ],
};
