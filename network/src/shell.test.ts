import { execFileSync } from 'node:child_process';
import { declareArray, declareMap, declareScalar, envFileLines, shellQuote } from './shell';

const bash = (script: string) => execFileSync('bash', ['-c', script], { encoding: 'utf8' });

describe('shell quoting', () => {
  const nasty = `it's $HOME "quoted" \`cmd\` ; rm -rf / \n second line`;

  test('a quoted value comes back unchanged, whatever it holds', () => {
    expect(bash(`printf '%s' ${shellQuote(nasty)}`)).toBe(nasty);
  });

  test('declarations keep keys and values intact', () => {
    const script = [declareArray('LIST', ['a b', nasty]), declareMap('MAP', { 'x/y': nasty }), declareScalar('VALUE', 42)].join('\n');
    expect(bash(`${script}\nprintf '%s|%s|%s|%s' "\${LIST[0]}" "\${LIST[1]}" "\${MAP[x/y]}" "$VALUE"`)).toBe(`a b|${nasty}|${nasty}|42`);
  });

  test('a name that is not a shell variable is refused', () => {
    expect(() => declareScalar('BAD NAME', 1)).toThrow('not a shell variable name');
    expect(() => envFileLines({ 'BAD NAME': 1 })).toThrow('not a shell variable name');
  });

  test('env file lines export through `set -a` with their values intact, $ and backslashes literal', () => {
    const value = '[{"path":"/a b","x":"$HOME\\n"}]';
    expect(bash(`set -a\n${envFileLines({ VALUE: value, PORT: 7051 }).join('\n')}\nset +a\nbash -c 'printf "%s|%s" "$VALUE" "$PORT"'`)).toBe(`${value}|7051`);
  });

  test('an env file value systemd would read differently from Bash is refused', () => {
    expect(() => envFileLines({ VALUE: "it's" })).toThrow('VALUE: a value with a single quote or a newline');
    expect(() => envFileLines({ VALUE: 'a\nb' })).toThrow('VALUE: a value with a single quote or a newline');
  });
});
