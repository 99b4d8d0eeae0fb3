/**
 * Swagger UI at `/docs`, for the OpenAPI document at `/openapi.json`. The UI's files come from
 * the `swagger-ui-dist` package; the page and its start-up script are ours, so that nothing
 * runs inline and the page works under a strict Content Security Policy: scripts, styles and
 * the document from this origin only (styles may be inline, which Swagger UI needs), images
 * from here or `data:`, no framing. The CSP is set for `/docs` only; the API keeps helmet's.
 *
 * Like `/openapi.json`, the page is open: it describes the API, and every call made from it
 * still needs credentials.
 *
 * @example
 * ```ts
 * app.use(docsRouter());   // GET /docs, /docs/swagger-ui.css, …
 * ```
 */
import path from 'node:path';
import express, { type RequestHandler, type Router } from 'express';
import helmet from 'helmet';

/** The only files of swagger-ui-dist the page loads (an allow-list: no path ever reaches the disk from the URL). */
const ASSETS: ReadonlySet<string> = new Set(['swagger-ui.css', 'swagger-ui-bundle.js', 'favicon-32x32.png', 'favicon-16x16.png']);

const PAGE = `<!DOCTYPE html>
<html lang="en">
  <head>
    <meta charset="UTF-8">
    <title>City Ledger gateway API</title>
    <link rel="stylesheet" href="/docs/swagger-ui.css">
    <link rel="icon" type="image/png" href="/docs/favicon-32x32.png" sizes="32x32">
    <link rel="icon" type="image/png" href="/docs/favicon-16x16.png" sizes="16x16">
  </head>
  <body>
    <div id="swagger-ui"></div>
    <script src="/docs/swagger-ui-bundle.js"></script>
    <script src="/docs/start.js"></script>
  </body>
</html>
`;

// validatorUrl null: the public validator badge would send the document off-site.
const START = `window.addEventListener('load', function () {
  window.ui = SwaggerUIBundle({ url: '/openapi.json', dom_id: '#swagger-ui', deepLinking: true, validatorUrl: null });
});
`;

/** The CSP of the /docs pages (see the module comment). */
const docsCsp: RequestHandler = helmet.contentSecurityPolicy({
  useDefaults: false,
  directives: {
    defaultSrc: ["'none'"],
    scriptSrc: ["'self'"],
    styleSrc: ["'self'", "'unsafe-inline'"],
    imgSrc: ["'self'", 'data:'],
    connectSrc: ["'self'"],
    fontSrc: ["'self'", 'data:'],
    baseUri: ["'none'"],
    formAction: ["'none'"],
    frameAncestors: ["'none'"],
  },
});

export function docsRouter(): Router {
  // The package's folder, found without loading its index (which would load the UI bundle into Node).
  const dist = path.dirname(require.resolve('swagger-ui-dist/package.json'));
  const router = express.Router();
  router.get('/docs', docsCsp, (_req, res) => {
    res.type('html').send(PAGE);
  });
  router.get('/docs/start.js', docsCsp, (_req, res) => {
    res.type('js').send(START);
  });
  router.get('/docs/:asset', docsCsp, (req, res, next) => {
    const asset = req.params.asset;
    if (typeof asset !== 'string' || !ASSETS.has(asset)) {
      next();
      return;
    }
    res.sendFile(path.join(dist, asset), { maxAge: '1h' });
  });
  return router;
}
