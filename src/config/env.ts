import envPaths from 'env-paths';
import { DateTime } from 'luxon';
import { z } from 'zod';
import { BadInputError } from '../errors.js';
import { parseShard, type Shard } from '../fleet/shard.js';
import { DEFAULT_INDEX_URL } from './defaults.js';
import { Secret } from './secret.js';

/**
 * Settings from flags and environment (SPEC §4): a flag beats its variable, an empty variable counts as
 * unset. Parsed once at start-up; every problem is reported together, naming the flag or variable.
 */

/** Flags as commander hands them over (`--project` is repeatable). */
export interface Flags {
  gitlabUrl: string;
  project: string[];
  indexUrl: string;
  osvUrl: string;
  now: string;
  port: string | number;
  cacheDir: string;
  logLevel: string;
  concurrency: string | number;
  autodiscover: boolean;
  /** `--autodiscover-filter`, repeatable; each may hold several, comma-separated. */
  autodiscoverFilter: string[];
  shard: string;
}

export const LogLevel = z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'], {
  error: 'one of fatal, error, warn, info, debug, trace, silent',
});
export type LogLevel = z.infer<typeof LogLevel>;

function isHttpUrl(text: string): boolean {
  return URL.canParse(text) && /^https?:$/.test(new URL(text).protocol);
}

function wholeNumber(min: number, max: number) {
  const expected = `a whole number from ${min} to ${max}`;
  return z
    .union(
      [
        z.number(),
        z
          .string()
          .regex(/^\s*\d+\s*$/)
          .transform(Number),
      ],
      { error: expected },
    )
    .pipe(z.int({ error: expected }).min(min, { error: expected }).max(max, { error: expected }));
}

const instant = z.string().transform((text, context) => {
  const parsed = DateTime.fromISO(text.trim(), { zone: 'utc' });
  if (!parsed.isValid) {
    context.addIssue({ code: 'custom', message: 'an ISO-8601 instant such as 2026-03-28T10:00:00Z' });
    return z.NEVER;
  }
  return parsed.toJSDate();
});

const shard = z.string().transform((text, context): Shard => {
  const parsed = parseShard(text);
  if ('error' in parsed) {
    context.addIssue({ code: 'custom', message: parsed.error });
    return z.NEVER;
  }
  return parsed;
});

const flag = z
  .union([z.boolean(), z.string().regex(/^\s*(true|false|1|0)\s*$/i)], {
    error: 'true or false',
  })
  .transform((value) => value === true || /^\s*(true|1)\s*$/i.test(String(value)));

const httpUrl = (example: string) =>
  z.string().refine(isHttpUrl, { error: `an http(s) URL such as ${example}` });

export const Settings = z.object({
  gitlabUrl: httpUrl('https://gitlab.example.com').transform((url) => url.replace(/\/+$/, '')),
  token: z
    .string()
    .min(1)
    .transform((value) => new Secret(value))
    .optional(),
  projects: z.array(z.string().min(1, { error: 'a project id or path such as group/project' })),
  // `{url}{name}/json` needs the trailing slash.
  indexUrl: httpUrl('https://pypi.org/pypi/ or https://host/simple/').transform((url) =>
    url.endsWith('/') ? url : `${url}/`,
  ),
  /** OSV's API (SPEC §13), e.g. an internal mirror. */
  osvUrl: httpUrl('https://api.osv.dev').transform((url) => url.replace(/\/+$/, '')),
  now: instant.optional(),
  port: wholeNumber(0, 65535),
  webhookSecret: z
    .string()
    .min(1)
    .transform((value) => new Secret(value))
    .optional(),
  cacheDir: z.string().min(1, { error: 'a directory path' }),
  logLevel: LogLevel,
  /** Absent: the index client chooses by protocol (src/pypi/http.ts). */
  concurrency: wholeNumber(1, 256).optional(),
  autodiscover: flag,
  autodiscoverFilter: z.array(z.string().min(1)),
  shard: shard.optional(),
});
export type Settings = z.output<typeof Settings>;

type Key = keyof z.input<typeof Settings>;
const SECRET_KEYS = new Set<Key>(['token', 'webhookSecret']);

interface Source {
  /** The flag or variable the value came from, for messages. */
  origin: string;
  value: unknown;
}

function fromEnv(env: NodeJS.ProcessEnv, ...names: string[]): Source | undefined {
  for (const name of names) {
    const value = env[name];
    if (value !== undefined && value !== '') return { origin: name, value };
  }
  return undefined;
}

function fromFlag(flags: Partial<Flags>, key: keyof Flags, flag: string): Source | undefined {
  const value = flags[key];
  return value === undefined ? undefined : { origin: flag, value };
}

function splitList(text: string): string[] {
  return text
    .split(',')
    .map((item) => item.trim())
    .filter((item) => item !== '');
}

function projectsSource(flags: Partial<Flags>, env: NodeJS.ProcessEnv): Source | undefined {
  if (flags.project && flags.project.length > 0) {
    return { origin: '--project', value: flags.project.flatMap(splitList) };
  }
  const listed = fromEnv(env, 'PINGATE_PROJECTS');
  if (listed) return { origin: listed.origin, value: splitList(String(listed.value)) };
  const ci = fromEnv(env, 'CI_PROJECT_PATH');
  return ci && { origin: ci.origin, value: [String(ci.value)] };
}

/** `--shard`, else `PINGATE_SHARD`, else the slice GitLab gives a job of `parallel: N`. */
function shardSource(flags: Partial<Flags>, env: NodeJS.ProcessEnv): Source | undefined {
  const given = fromFlag(flags, 'shard', '--shard') ?? fromEnv(env, 'PINGATE_SHARD');
  if (given) return given;
  const index = fromEnv(env, 'CI_NODE_INDEX');
  const total = fromEnv(env, 'CI_NODE_TOTAL');
  if (!index || !total || String(total.value).trim() === '1') return undefined;
  return { origin: 'CI_NODE_INDEX/CI_NODE_TOTAL', value: `${index.value}/${total.value}` };
}

function filterSource(flags: Partial<Flags>, env: NodeJS.ProcessEnv): Source | undefined {
  if (flags.autodiscoverFilter && flags.autodiscoverFilter.length > 0) {
    return { origin: '--autodiscover-filter', value: flags.autodiscoverFilter.flatMap(splitList) };
  }
  const listed = fromEnv(env, 'PINGATE_AUTODISCOVER_FILTER');
  return listed && { origin: listed.origin, value: splitList(String(listed.value)) };
}

function sources(flags: Partial<Flags>, env: NodeJS.ProcessEnv): Partial<Record<Key, Source>> {
  return {
    gitlabUrl: fromFlag(flags, 'gitlabUrl', '--gitlab-url') ?? fromEnv(env, 'GITLAB_URL', 'CI_SERVER_URL'),
    token: fromEnv(env, 'GITLAB_TOKEN'),
    projects: projectsSource(flags, env),
    indexUrl: fromFlag(flags, 'indexUrl', '--index-url') ?? fromEnv(env, 'PIP_INDEX_URL'),
    osvUrl: fromFlag(flags, 'osvUrl', '--osv-url') ?? fromEnv(env, 'PINGATE_OSV_URL'),
    now: fromFlag(flags, 'now', '--now') ?? fromEnv(env, 'PINGATE_NOW'),
    port: fromFlag(flags, 'port', '--port') ?? fromEnv(env, 'PORT'),
    webhookSecret: fromEnv(env, 'PINGATE_WEBHOOK_SECRET'),
    cacheDir: fromFlag(flags, 'cacheDir', '--cache-dir') ?? fromEnv(env, 'PINGATE_CACHE_DIR'),
    logLevel: fromFlag(flags, 'logLevel', '--log-level') ?? fromEnv(env, 'LOG_LEVEL'),
    concurrency: fromFlag(flags, 'concurrency', '--concurrency'),
    autodiscover: fromFlag(flags, 'autodiscover', '--autodiscover') ?? fromEnv(env, 'PINGATE_AUTODISCOVER'),
    autodiscoverFilter: filterSource(flags, env),
    shard: shardSource(flags, env),
  };
}

const DEFAULTS: Partial<Record<Key, unknown>> = {
  gitlabUrl: 'https://gitlab.com',
  projects: [],
  indexUrl: DEFAULT_INDEX_URL,
  osvUrl: 'https://api.osv.dev',
  port: 8080,
  logLevel: 'info',
  autodiscover: false,
  autodiscoverFilter: [],
};

/** Hides `user:password@` in a URL we echo back. */
function redactCredentials(value: unknown): unknown {
  return typeof value === 'string' ? value.replace(/\/\/[^/@\s]*@/, '//***@') : value;
}

function describeProblem(key: Key, source: Source | undefined, message: string): string {
  const origin = source?.origin ?? key;
  if (!source || SECRET_KEYS.has(key)) {
    return `${origin} must be ${message}`;
  }
  return `${origin} must be ${message}, found ${JSON.stringify(redactCredentials(source.value))}`;
}

/** Reads every setting; throws one BadInputError listing every bad flag or variable. */
export function parseSettings(flags: Partial<Flags>, env: NodeJS.ProcessEnv): Settings {
  const given = sources(flags, env);
  const raw: Partial<Record<Key, unknown>> = {
    ...DEFAULTS,
    cacheDir: envPaths('pingate', { suffix: '' }).cache,
  };
  for (const [key, source] of Object.entries(given) as [Key, Source | undefined][]) {
    if (source) raw[key] = source.value;
  }
  const result = Settings.safeParse(raw);
  if (result.success) {
    return result.data;
  }
  const lines = result.error.issues.map((issue) => {
    const key = issue.path[0] as Key;
    const message = SECRET_KEYS.has(key) ? 'a non-empty value' : issue.message;
    return describeProblem(key, given[key], message);
  });
  throw new BadInputError(`invalid settings:\n  ${[...new Set(lines)].join('\n  ')}`);
}

export type RequirableSetting = 'token' | 'projects' | 'webhookSecret';

const HOW_TO_SET: Record<RequirableSetting, string> = {
  token: 'GITLAB_TOKEN: a token of the bot user with scope "api"',
  projects:
    'a project: --project group/name, PINGATE_PROJECTS=a/b,c/d, CI_PROJECT_PATH in a pipeline, or --autodiscover',
  webhookSecret: 'PINGATE_WEBHOOK_SECRET: the secret token set on the GitLab webhook',
};

function isMissing(settings: Settings, key: RequirableSetting): boolean {
  if (key === 'projects') return settings.projects.length === 0 && !settings.autodiscover;
  return settings[key] === undefined;
}

/** Throws one BadInputError naming every setting this command needs and did not get. */
export function requireSettings(settings: Settings, keys: readonly RequirableSetting[]): void {
  const missing = keys.filter((key) => isMissing(settings, key));
  if (missing.length > 0) {
    throw new BadInputError(`missing settings:\n  ${missing.map((key) => HOW_TO_SET[key]).join('\n  ')}`);
  }
}
