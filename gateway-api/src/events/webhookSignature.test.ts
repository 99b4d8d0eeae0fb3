import { createHmac } from 'node:crypto';
import { signatureHeader, verifySignature } from './webhookSignature';

const SECRET = 'whsec_test';
const BODY = '{"id":"12:0"}';
const NOW = new Date('2026-01-01T00:00:00Z');

describe('webhook signatures', () => {
  it('sign "<t>.<body>" with HMAC-SHA256', () => {
    const t = NOW.getTime() / 1000;
    const expected = createHmac('sha256', SECRET).update(`${t}.${BODY}`).digest('hex');
    expect(signatureHeader(SECRET, BODY, NOW)).toBe(`t=${t},v1=${expected}`);
  });

  it('verify with the right secret and body, within the tolerance', () => {
    const header = signatureHeader(SECRET, BODY, NOW);
    expect(verifySignature(SECRET, BODY, header, { now: NOW })).toBe(true);
    expect(verifySignature(SECRET, BODY, header, { now: new Date(NOW.getTime() + 299_000) })).toBe(true);
  });

  it.each([
    ['another secret', 'whsec_other', BODY, undefined],
    ['another body', SECRET, '{"id":"13:0"}', undefined],
    ['an old timestamp (replay)', SECRET, BODY, new Date(NOW.getTime() + 301_000)],
  ])('refuse %s', (_case, secret, body, now) => {
    expect(verifySignature(secret, body, signatureHeader(SECRET, BODY, NOW), { now: now ?? NOW })).toBe(false);
  });

  it.each([undefined, '', 't=abc,v1=00', `t=${NOW.getTime() / 1000}`, `t=${NOW.getTime() / 1000},v1=zz`])('refuse the header %j', (header) => {
    expect(verifySignature(SECRET, BODY, header, { now: NOW })).toBe(false);
  });
});
