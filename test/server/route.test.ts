import { describe, expect, it } from 'vitest';
import { type HookName, parseHook } from '../../src/server/events.js';
import {
  defaultRoutingRules,
  isWatchedPathByDefault,
  type Route,
  routeEvent,
} from '../../src/server/route.js';
import { EVENT_OF, type HookFixture, hook, PERSON_ID } from './helpers.js';

const rules = defaultRoutingRules();

// biome-ignore lint/suspicious/noExplicitAny: fixtures are edited freely by the tests
function route(name: HookFixture, edit: (payload: any) => void = () => {}): Route {
  const payload = hook(name);
  edit(payload);
  const parsed = parseHook(EVENT_OF[name] as HookName, payload);
  if (!parsed.ok) throw new Error(parsed.message);
  if ('ignored' in parsed) throw new Error(parsed.ignored);
  return routeEvent(parsed.event, rules);
}

function why(result: Route): string {
  return result.why;
}

describe('hook schemas', () => {
  it('accept every fixture, modelled on GitLab documented payloads', () => {
    for (const [name, event] of Object.entries(EVENT_OF)) {
      expect(parseHook(event as HookName, hook(name as HookFixture)).ok, name).toBe(true);
    }
  });

  it('name the first field that does not fit', () => {
    const payload = hook('issue-dashboard-ticked');
    delete payload.object_attributes.iid;
    expect(parseHook('Issue Hook', payload)).toEqual({
      ok: false,
      message: expect.stringMatching(/^Issue Hook payload: object_attributes\.iid: /),
    });
    // An object kind that is not the header's event is well-formed, just not used: ignored, not refused.
    expect(parseHook('Push Hook', hook('issue-dashboard-ticked'))).toEqual({
      ok: true,
      ignored: 'object kind "issue" under Push Hook is not used',
    });
    expect(parseHook('Issue Hook', [])).toEqual({
      ok: false,
      message: 'Issue Hook payload: body: expected a JSON object',
    });
  });
});

describe('routing', () => {
  it('runs a pass with the editor for a dashboard whose description changed', () => {
    expect(route('issue-dashboard-ticked')).toMatchObject({
      kind: 'pass',
      trigger: { reason: 'issue', editorId: PERSON_ID },
      actorId: PERSON_ID,
      project: { path_with_namespace: 'acme/inventory' },
    });
  });

  it('knows the dashboard by its header when the title was configured differently', () => {
    const renamed = route('issue-dashboard-ticked', (p) => {
      p.object_attributes.title = 'Renovate: pins';
    });
    expect(renamed.kind).toBe('pass');
    const other = route('issue-dashboard-ticked', (p) => {
      p.object_attributes.title = 'Crash on start';
      p.object_attributes.description = 'Stack trace attached';
    });
    expect(other).toEqual({ kind: 'ignore', why: 'not the dependency dashboard' });
  });

  it('ignores dashboard edits that leave the description alone (labels, assignees)', () => {
    expect(why(route('issue-dashboard-ticked', (p) => delete p.changes.description))).toBe(
      'dashboard description unchanged',
    );
  });

  it('runs a pass when a bot MR is merged, closed or reopened, or its rebase box is ticked', () => {
    for (const action of ['merge', 'close', 'reopen']) {
      const result = route('merge-request-merged', (p) => {
        p.object_attributes.action = action;
      });
      expect(result).toMatchObject({
        kind: 'pass',
        trigger: { reason: 'merge-request' },
        mergeRequestAuthorId: 7,
      });
    }
    expect(route('merge-request-rebase-ticked')).toMatchObject({
      kind: 'pass',
      why: 'rebase box ticked on !17',
    });
  });

  it('ignores other MR updates and MRs of other branches', () => {
    const unticked = route('merge-request-rebase-ticked', (p) => {
      p.object_attributes.description = p.changes.description.previous;
    });
    expect(unticked.kind).toBe('ignore');
    const approved = route('merge-request-merged', (p) => {
      p.object_attributes.action = 'approved';
    });
    expect(why(approved)).toBe('merge request action "approved" needs no pass');
    const feature = route('merge-request-merged', (p) => {
      p.object_attributes.source_branch = 'feature/pingate/x';
    });
    expect(why(feature)).toBe('not a bot branch');
  });

  it('runs a pass for a finished pipeline of a bot branch or the default branch, whoever started it', () => {
    const bot = route('pipeline-bot-branch-success');
    expect(bot).toMatchObject({ kind: 'pass', trigger: { reason: 'pipeline' } });
    expect(bot).not.toHaveProperty('actorId');
    for (const status of ['failed', 'canceled', 'manual']) {
      expect(route('pipeline-bot-branch-success', (p) => (p.object_attributes.status = status)).kind).toBe(
        'pass',
      );
    }
    const main = route('pipeline-bot-branch-success', (p) => (p.object_attributes.ref = 'main'));
    expect(main.kind).toBe('pass');
    const mergeRequestPipeline = route('pipeline-bot-branch-success', (p) => {
      p.object_attributes.ref = 'refs/merge-requests/17/head';
      p.merge_request = { id: 5531, iid: 17, source_branch: 'pingate/requests-2.x', target_branch: 'main' };
    });
    expect(mergeRequestPipeline.kind).toBe('pass');
  });

  it('ignores running pipelines, tag pipelines and pipelines of other branches', () => {
    expect(why(route('pipeline-bot-branch-success', (p) => (p.object_attributes.status = 'running')))).toBe(
      'pipeline running, not finished',
    );
    expect(why(route('pipeline-bot-branch-success', (p) => (p.object_attributes.tag = true)))).toBe(
      'tag pipeline',
    );
    expect(route('pipeline-bot-branch-success', (p) => (p.object_attributes.ref = 'feature')).kind).toBe(
      'ignore',
    );
  });

  it('runs a pass for a push to the default branch that touched a served or config file', () => {
    expect(route('push-default-constraints')).toMatchObject({
      kind: 'pass',
      trigger: { reason: 'push' },
      actorId: 31,
    });
    const docsOnly = route('push-default-constraints', (p) => {
      p.commits[0].modified = ['README.md'];
    });
    expect(why(docsOnly)).toBe('push touched no constraints, yaml or config file');
    expect(route('push-default-constraints', (p) => (p.ref = 'refs/heads/feature')).kind).toBe('ignore');
    expect(route('push-default-constraints', (p) => (p.after = '0'.repeat(40))).kind).toBe('ignore');
  });

  it('assumes a push matters when the payload cannot list every changed file', () => {
    const truncated = route('push-default-constraints', (p) => {
      p.commits[0].modified = ['README.md'];
      p.total_commits_count = 25;
    });
    expect(truncated.kind).toBe('pass');
    expect(route('push-default-constraints', (p) => (p.commits = [])).kind).toBe('pass');
  });

  it('watches renovate.json and every txt or yaml file, wherever it is', () => {
    const watched = [
      'constraints.txt',
      'pipeline/constraints.yml',
      'renovate.json',
      'svc/api/pins.TXT',
      'a/b.yaml',
    ];
    expect(watched.filter(isWatchedPathByDefault)).toEqual(watched);
    expect(['README.md', 'src/app.py', 'renovate.json.bak'].filter(isWatchedPathByDefault)).toEqual([]);
  });
});
