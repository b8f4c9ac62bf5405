import { inspect } from 'node:util';
import { describe, expect, it } from 'vitest';
import { parseSettings, requireSettings } from '../../src/config/env.js';
import { Secret } from '../../src/config/secret.js';
import { BadInputError } from '../../src/errors.js';

const TOKEN = 'glpat-Sup3rS3cretT0ken';

function errorOf(run: () => unknown): BadInputError {
  try {
    run();
  } catch (error) {
    if (error instanceof BadInputError) return error;
    throw error;
  }
  throw new Error('expected a BadInputError');
}

describe('defaults', () => {
  it('applies the defaults of SPEC §4 with an empty environment', () => {
    const settings = parseSettings({}, {});
    expect(settings).toMatchObject({
      gitlabUrl: 'https://gitlab.com',
      projects: [],
      indexUrl: 'https://pypi.org/pypi/',
      port: 8080,
      logLevel: 'info',
    });
    expect(settings.token).toBeUndefined();
    expect(settings.webhookSecret).toBeUndefined();
    // No --concurrency: the index client chooses by protocol.
    expect(settings.concurrency).toBeUndefined();
    expect(settings.now).toBeUndefined();
    expect(settings.cacheDir).toMatch(/pingate$/);
  });
});

describe('precedence: flag, then variable, then fallback variable', () => {
  it('GitLab URL: --gitlab-url, GITLAB_URL, CI_SERVER_URL', () => {
    const env = { GITLAB_URL: 'https://a.example', CI_SERVER_URL: 'https://b.example' };
    expect(parseSettings({ gitlabUrl: 'https://c.example/' }, env).gitlabUrl).toBe('https://c.example');
    expect(parseSettings({}, env).gitlabUrl).toBe('https://a.example');
    expect(parseSettings({}, { CI_SERVER_URL: 'https://b.example' }).gitlabUrl).toBe('https://b.example');
  });

  it('projects: repeated --project, PINGATE_PROJECTS (comma-separated), CI_PROJECT_PATH', () => {
    const env = { PINGATE_PROJECTS: 'a/b, c/d,,', CI_PROJECT_PATH: 'ci/project' };
    expect(parseSettings({ project: ['x/y', '42'] }, env).projects).toEqual(['x/y', '42']);
    expect(parseSettings({}, env).projects).toEqual(['a/b', 'c/d']);
    expect(parseSettings({}, { CI_PROJECT_PATH: 'ci/project' }).projects).toEqual(['ci/project']);
  });

  it('index URL, port, cache dir, log level, now', () => {
    const env = {
      PIP_INDEX_URL: 'https://env.example/simple/',
      PORT: '9000',
      PINGATE_CACHE_DIR: '/env/cache',
      LOG_LEVEL: 'debug',
      PINGATE_NOW: '2026-03-28T10:00:00+01:00',
    };
    expect(parseSettings({}, env)).toMatchObject({
      indexUrl: 'https://env.example/simple/',
      port: 9000,
      cacheDir: '/env/cache',
      logLevel: 'debug',
      now: new Date('2026-03-28T09:00:00Z'),
    });
    const flags = {
      indexUrl: 'https://flag.example/pypi',
      port: '7000',
      cacheDir: '/flag/cache',
      logLevel: 'warn',
      now: '2026-01-01T00:00:00Z',
      concurrency: '8',
    };
    expect(parseSettings(flags, env)).toMatchObject({
      indexUrl: 'https://flag.example/pypi/',
      port: 7000,
      cacheDir: '/flag/cache',
      logLevel: 'warn',
      now: new Date('2026-01-01T00:00:00Z'),
      concurrency: 8,
    });
  });

  it('reads an ISO instant without offset as UTC', () => {
    expect(parseSettings({ now: '2026-03-28T10:00' }, {}).now).toEqual(new Date('2026-03-28T10:00:00Z'));
  });

  it('treats an empty variable as unset', () => {
    expect(parseSettings({}, { GITLAB_URL: '', CI_SERVER_URL: 'https://b.example', PORT: '' })).toMatchObject(
      {
        gitlabUrl: 'https://b.example',
        port: 8080,
      },
    );
  });
});

describe('problems are reported together, naming the flag or variable', () => {
  it('lists every bad value in one error', () => {
    const error = errorOf(() =>
      parseSettings(
        { now: 'yesterday', port: '80x', concurrency: 0 },
        { GITLAB_URL: 'gitlab.example.com', LOG_LEVEL: 'loud', PIP_INDEX_URL: 'ftp://mirror' },
      ),
    );
    expect(error.message.split('\n')).toEqual([
      'invalid settings:',
      '  GITLAB_URL must be an http(s) URL such as https://gitlab.example.com, found "gitlab.example.com"',
      '  PIP_INDEX_URL must be an http(s) URL such as https://pypi.org/pypi/ or https://host/simple/, found "ftp://mirror"',
      '  --now must be an ISO-8601 instant such as 2026-03-28T10:00:00Z, found "yesterday"',
      '  --port must be a whole number from 0 to 65535, found "80x"',
      '  LOG_LEVEL must be one of fatal, error, warn, info, debug, trace, silent, found "loud"',
      '  --concurrency must be a whole number from 1 to 256, found 0',
    ]);
  });

  it('does not echo credentials inside a URL', () => {
    const error = errorOf(() => parseSettings({ gitlabUrl: 'ftp://bot:hunter2@git.example' }, {}));
    expect(error.message).toContain('ftp://***@git.example');
    expect(error.message).not.toContain('hunter2');
  });
});

describe('the token never shows', () => {
  const settings = parseSettings({}, { GITLAB_TOKEN: TOKEN, PINGATE_WEBHOOK_SECRET: 'hook-secret-value' });

  it('is kept and can be revealed on purpose', () => {
    expect(settings.token).toBeInstanceOf(Secret);
    expect(settings.token?.reveal()).toBe(TOKEN);
    expect(settings.webhookSecret?.reveal()).toBe('hook-secret-value');
  });

  it('is hidden from util.inspect, JSON, string conversion and template literals', () => {
    const outputs = [
      inspect(settings, { depth: 10, showHidden: true }),
      JSON.stringify(settings),
      String(settings.token),
      `${settings.token}`,
      inspect({ nested: { settings } }, { depth: 10 }),
    ];
    for (const output of outputs) {
      expect(output).not.toContain(TOKEN);
      expect(output).not.toContain('hook-secret-value');
    }
    expect(JSON.parse(JSON.stringify(settings)).token).toBe('[redacted]');
  });

  it('is never part of an error message', () => {
    const error = errorOf(() => parseSettings({ port: 'x' }, { GITLAB_TOKEN: TOKEN }));
    expect(error.message).not.toContain(TOKEN);
    expect(inspect(error)).not.toContain(TOKEN);
  });
});

describe('requireSettings', () => {
  it('passes when everything needed is there', () => {
    const settings = parseSettings({ project: ['a/b'] }, { GITLAB_TOKEN: TOKEN });
    expect(() => requireSettings(settings, ['token', 'projects'])).not.toThrow();
  });

  it('names every missing setting in one error', () => {
    const settings = parseSettings({}, {});
    const error = errorOf(() => requireSettings(settings, ['token', 'projects', 'webhookSecret']));
    expect(error.message).toMatch(/GITLAB_TOKEN/);
    expect(error.message).toMatch(/--project/);
    expect(error.message).toMatch(/PINGATE_PROJECTS/);
    expect(error.message).toMatch(/PINGATE_WEBHOOK_SECRET/);
  });

  it('only asks for what the command needs', () => {
    const settings = parseSettings({}, { GITLAB_TOKEN: TOKEN });
    const error = errorOf(() => requireSettings(settings, ['token', 'projects']));
    expect(error.message).not.toMatch(/GITLAB_TOKEN/);
    expect(error.message).toMatch(/--project/);
  });
});
