/**
 * What the demo's Vite plugins share: the dev server's base, and a
 * middleware answering GET and HEAD for one file at one path.
 */
import type { Connect, ResolvedConfig } from 'vite';

/** The dev server serves the site from `/` whatever `base` says (a relative base is for builds); ends with `/`. */
export function devBase(config: ResolvedConfig): string {
  const base = config.base.startsWith('/') ? config.base : '/';
  return base.endsWith('/') ? base : `${base}/`;
}

/** Answers GET and HEAD for `path()` (query ignored) with the body `load()` gives, never cached; anything else goes on. */
export function serveFile(path: () => string, contentType: string, load: () => Promise<string | Uint8Array> | string | Uint8Array): Connect.NextHandleFunction {
  return (req, res, next) => {
    if ((req.url ?? '').split('?')[0] !== path() || (req.method !== 'GET' && req.method !== 'HEAD')) return next();
    Promise.resolve()
      .then(load)
      .then((body) => {
        res.statusCode = 200;
        res.setHeader('Content-Type', contentType);
        res.setHeader('Cache-Control', 'no-cache');
        res.setHeader('Content-Length', typeof body === 'string' ? Buffer.byteLength(body) : body.byteLength);
        res.end(req.method === 'HEAD' ? undefined : body);
      })
      .catch(next);
  };
}
