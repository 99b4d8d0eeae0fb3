import { webhookUrlProblem } from './webhookUrl';

describe('webhookUrlProblem', () => {
  it.each(['https://tax.city.local/hooks', 'https://10.0.0.5:8443/h?x=1', 'http://127.0.0.1:9000/h', 'http://127.1.2.3/h', 'http://[::1]:9000/h', 'http://localhost/h'])(
    'accepts %s',
    (url) => {
      expect(webhookUrlProblem(url)).toBeUndefined();
    },
  );

  it.each([
    ['http://tax.city.local/h', /only to loopback/],
    ['http://10.0.0.5/h', /only to loopback/],
    ['http://127.0.0.1.evil.example/h', /only to loopback/],
    ['https://u:p@tax.city.local/h', /credentials/],
    ['https://tax.city.local/h#frag', /fragment/],
    ['ftp://tax.city.local/h', /must be https/],
    ['/relative', /absolute/],
    [`https://tax.city.local/${'a'.repeat(2100)}`, /at most/],
  ])('refuses %s', (url, problem) => {
    expect(webhookUrlProblem(url)).toMatch(problem);
  });
});
