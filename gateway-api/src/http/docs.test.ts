import request from 'supertest';
import { testApp } from '../testing';

describe('Swagger UI at /docs', () => {
  it('serves a page that loads only same-origin scripts, under a CSP of its own', async () => {
    const { app } = testApp();
    const res = await request(app).get('/docs').expect(200);
    expect(res.headers['content-type']).toMatch(/^text\/html/);
    const scripts = [...res.text.matchAll(/<script([^>]*)>([^<]*)<\/script>/g)];
    expect(scripts.map((m) => /src="([^"]+)"/.exec(m[1] ?? '')?.[1])).toEqual(['/docs/swagger-ui-bundle.js', '/docs/start.js']);
    expect(scripts.every((m) => m[2] === '')).toBe(true);
    const csp = res.headers['content-security-policy'];
    expect(csp).toContain("default-src 'none'");
    expect(csp).toContain("script-src 'self'");
    expect(csp).toContain("frame-ancestors 'none'");
    expect(csp).not.toContain('unsafe-eval');
  });

  it('points the UI at /openapi.json, without the off-site validator', async () => {
    const { app } = testApp();
    const res = await request(app).get('/docs/start.js').expect(200);
    expect(res.headers['content-type']).toMatch(/javascript/);
    expect(res.text).toContain("url: '/openapi.json'");
    expect(res.text).toContain('validatorUrl: null');
  });

  it('serves the UI files from swagger-ui-dist', async () => {
    const { app } = testApp();
    const bundle = await request(app).get('/docs/swagger-ui-bundle.js').expect(200);
    expect(bundle.headers['content-type']).toMatch(/javascript/);
    expect(bundle.text).toContain('SwaggerUIBundle');
    const css = await request(app).get('/docs/swagger-ui.css').expect(200);
    expect(css.headers['content-type']).toMatch(/^text\/css/);
  });

  it.each(['/docs/package.json', '/docs/index.html', '/docs/..%2F..%2Fpackage.json', '/docs/swagger-ui.js.map'])('answers 404 NOT_FOUND for %s', async (url) => {
    const { app } = testApp();
    const res = await request(app).get(url);
    expect(res.status).toBe(404);
    expect(res.body.code).toBe('NOT_FOUND');
  });

  it('leaves the API routes with helmet\'s own CSP', async () => {
    const { app } = testApp();
    const res = await request(app).get('/openapi.json').expect(200);
    expect(res.headers['content-security-policy']).toContain("default-src 'self'");
    expect(res.body.components.securitySchemes.bearer).toMatchObject({ type: 'http', scheme: 'bearer', bearerFormat: 'JWT' });
    expect(res.body.paths['/v1/parcels/{id}'].get.responses['429']).toMatchObject({ description: expect.stringMatching(/Retry-After/) });
  });
});
