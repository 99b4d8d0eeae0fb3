import { parseAllowList, WebhookTargets } from './webhookTargets';

/** Targets whose host names resolve from `dns` (no network). */
function targets(allow = '', dns: Record<string, string[]> = {}) {
  return new WebhookTargets(parseAllowList(allow), async (host) => {
    const addresses = dns[host];
    if (!addresses) throw Object.assign(new Error('not found'), { code: 'ENOTFOUND' });
    return addresses;
  });
}

describe('WebhookTargets', () => {
  it.each([
    ['https://127.0.0.1/hooks', /loopback address \(127\.0\.0\.1\)/],
    ['https://127.9.9.9/hooks', /loopback/],
    ['http://localhost:9000/hooks', /loopback/],
    ['https://[::1]/hooks', /loopback/],
    ['https://10.0.0.5:8443/h', /private address/],
    ['https://172.16.3.4/h', /private/],
    ['https://192.168.1.1/h', /private/],
    ['https://100.100.100.200/h', /private/],
    ['https://169.254.169.254/latest/meta-data', /link-local \(metadata\)/],
    ['https://[fe80::1]/h', /link-local/],
    ['https://[fd00:ec2::254]/h', /private/],
    ['https://[::ffff:127.0.0.1]/h', /loopback/],
    ['https://[::ffff:a9fe:a9fe]/h', /link-local/],
    ['https://0.0.0.0/h', /unspecified/],
  ])('refuses %s unless allowed', (url, problem) => {
    expect(targets().urlProblem(url)).toMatch(problem);
    expect(targets().urlProblem(url)).toMatch(/CITY_GATEWAY_WEBHOOK_ALLOW/);
  });

  it('accepts public addresses and host names at subscription time', () => {
    expect(targets().urlProblem('https://8.8.8.8/h')).toBeUndefined();
    expect(targets().urlProblem('https://tax.city.local/h')).toBeUndefined();
    expect(targets().urlProblem('https://172.32.0.1/h')).toBeUndefined();
  });

  it('still refuses what the URL form forbids (webhookUrl.ts)', () => {
    expect(targets('tax.city.local').urlProblem('http://tax.city.local/h')).toMatch(/only to loopback/);
  });

  it('lets the operator allow addresses, ranges and host names', () => {
    const allowed = targets('127.0.0.1, 10.1.0.0/16, hooks.city.local, [::1]');
    expect(allowed.urlProblem('http://127.0.0.1:9000/h')).toBeUndefined();
    expect(allowed.urlProblem('https://10.1.200.3/h')).toBeUndefined();
    expect(allowed.urlProblem('https://10.2.0.1/h')).toMatch(/private/);
    expect(allowed.urlProblem('http://[::1]:9000/h')).toBeUndefined();
    expect(allowed.urlProblem('https://127.0.0.2/h')).toMatch(/loopback/);
  });

  it('checks the resolved addresses at delivery: a name that resolves to a private address is refused (DNS rebinding)', async () => {
    const dns = { 'tax.city.local': ['203.0.113.7'], 'rebound.example': ['203.0.113.8', '10.0.0.9'], 'meta.example': ['::ffff:169.254.169.254'] };
    expect(await targets('', dns).deliveryProblem('https://tax.city.local/h')).toBeUndefined();
    expect(await targets('', dns).deliveryProblem('https://rebound.example/h')).toMatch(/private address \(rebound\.example → 10\.0\.0\.9\)/);
    expect(await targets('', dns).deliveryProblem('https://meta.example/h')).toMatch(/link-local/);
    expect(await targets('', dns).deliveryProblem('https://nowhere.example/h')).toMatch(/cannot resolve nowhere\.example: ENOTFOUND/);
    expect(await targets('rebound.example', dns).deliveryProblem('https://rebound.example/h')).toBeUndefined();
    expect(await targets('10.0.0.0/8', dns).deliveryProblem('https://rebound.example/h')).toBeUndefined();
  });

  it.each(['10.0.0.0/33', 'ex ample', 'host/8', '::1/200'])('refuses the allow-list entry %j', (entry) => {
    expect(() => parseAllowList(entry)).toThrow(RangeError);
  });
});
