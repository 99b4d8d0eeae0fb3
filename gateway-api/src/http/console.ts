/**
 * The web console (the `console/` package, built into `console/dist`) under `/console/`: its
 * files only, under a strict Content Security Policy: scripts, styles, images and fetches
 * from this origin alone (`connect-src 'self'`: the console talks to this gateway's API and
 * nothing else), nothing inline, no eval, no framing. The console routes by the URL fragment,
 * so every page is `/console/` and no path falls back to the disk.
 *
 * Like `/docs`, the files are open: every API call the console makes still needs credentials,
 * except the public reads (routes declared `anonymous`).
 *
 * @example
 * ```ts
 * app.use(consoleRouter('/repo/console/dist'));   // GET /console/, /console/assets/index-….js
 * ```
 */
import express, { type Router } from 'express';
import helmet from 'helmet';

export const CONSOLE_PATH = '/console';

export function consoleRouter(dir: string): Router {
  const router = express.Router();
  router.use(
    CONSOLE_PATH,
    helmet.contentSecurityPolicy({
      useDefaults: false,
      directives: {
        defaultSrc: ["'none'"],
        scriptSrc: ["'self'"],
        styleSrc: ["'self'"],
        imgSrc: ["'self'", 'data:'],
        connectSrc: ["'self'"],
        fontSrc: ["'self'"],
        manifestSrc: ["'self'"],
        baseUri: ["'none'"],
        formAction: ["'none'"],
        frameAncestors: ["'none'"],
      },
    }),
    express.static(dir, { index: 'index.html', redirect: true, dotfiles: 'ignore', fallthrough: true }),
  );
  return router;
}
