import { DEFAULT_HOST, endpoint, hostProblem, listenHost, subjectAltNames, tlsHosts } from './hosts';

describe('hosts', () => {
  test.each(['127.0.0.1', '10.254.35.2', 'localhost', 'peer0.registry.city.example', 'Registry-Host'])('%s is a host', (host) => {
    expect(hostProblem(host)).toBeUndefined();
  });

  test.each([
    ['', /DNS name or an IPv4 address/],
    [7051, /DNS name or an IPv4 address, got 7051/],
    ['::1', /IPv6 is not supported/],
    ['0.0.0.0', /not 0\.0\.0\.0/],
    ['10.0.0.300', /got "10\.0\.0\.300"/],
    ['peer0..city', /got "peer0\.\.city"/],
    ['-peer.city', /got "-peer\.city"/],
    ['peer0.city.local:7051', /got "peer0\.city\.local:7051"/],
    ['a'.repeat(64), /DNS name/],
  ])('%j is refused', (value, problem) => {
    expect(hostProblem(value)).toMatch(problem);
  });

  test('a node binds its own address, loopback for localhost, every interface for a DNS name', () => {
    expect(listenHost(DEFAULT_HOST)).toBe('127.0.0.1');
    expect(listenHost('10.254.35.2')).toBe('10.254.35.2');
    expect(listenHost('localhost')).toBe('127.0.0.1');
    expect(listenHost('peer0.registry.city.example')).toBe('0.0.0.0');
    expect(endpoint('10.254.35.2', 7051)).toBe('10.254.35.2:7051');
  });

  test('a certificate names the host once, loopback and the consortium name; SANs say IP or DNS', () => {
    expect(tlsHosts(DEFAULT_HOST, 'peer0.registry.city.local')).toEqual(['127.0.0.1', 'localhost', 'peer0.registry.city.local']);
    expect(tlsHosts('10.254.35.2')).toEqual(['10.254.35.2', '127.0.0.1', 'localhost']);
    expect(subjectAltNames(tlsHosts('ca.registry.example', 'ca.registry.city.local'))).toBe(
      'DNS:ca.registry.example,IP:127.0.0.1,DNS:localhost,DNS:ca.registry.city.local',
    );
  });
});
