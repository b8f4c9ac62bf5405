/**
 * GitLab answers that can never change, remembered between passes so that a warm pass on an unchanged project
 * makes at most 4 + (open bot MRs) reads (SPEC §10):
 * - a file at a commit sha (`readFile(path, sha)`): read again only when the default branch's head moved;
 * - the file list at a commit sha (`listFiles(sha)`, for `pip_requirements` patterns), likewise;
 * - the paths changed between two commit shas (`compare`);
 * - the commits of an MR at a given head sha: a new head is a new key, and a head that stays never gains commits;
 * - the notes of a bot MR at a given head sha, which pingate reads only to find its own marker comments (the gate's
 *   "failed on SHA" comment) before writing one: a note pingate writes is added to them, and a new head starts over;
 * - the jobs of a pipeline that has settled (`success`, `failed`, `canceled`, `skipped`), by its id and status: a
 *   retry changes the pipeline's status first, and with it the key.
 * Everything else (the head of the default branch, the MR, branch and issue lists, an MR's pipelines) is read
 * every pass. The memo is one JSON file per project in the cache directory, holding what the last pass used:
 * written when the run ends, read (and checked) when the project's first pass starts; a damaged or foreign file
 * is a miss, never an error.
 */
import { createHash, randomBytes } from 'node:crypto';
import { mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';
import type { Commit, Job, Note, Platform, ProjectPlatform } from '../platform/types.js';

const FORMAT = 1;
const SETTLED = new Set(['success', 'failed', 'canceled', 'skipped']);
const SHA = /^[0-9a-f]{40}$/;

const MemoFile = z.object({
  format: z.literal(FORMAT),
  project: z.string(),
  entries: z.record(z.string(), z.unknown()),
});

export interface MemoPlatform extends Platform {
  /** Writes each project's memo: what its pass used, old entries dropped. */
  flush(): void;
}

/** `platform` with the immutable reads of each project remembered under `dir` (for one host). */
export function rememberReads(platform: Platform, dir: string, host: string): MemoPlatform {
  const folder = join(dir, 'gitlab', createHash('sha256').update(host).digest('hex').slice(0, 16));
  const memos = new Map<string, ProjectMemo>();
  const projects = new Map<string, ProjectPlatform>();
  return {
    ...platform,
    forProject(project) {
      const key = String(project).toLowerCase();
      let wrapped = projects.get(key);
      if (!wrapped) {
        const memo = loadMemo(folder, key);
        memos.set(key, memo);
        wrapped = memoized(platform.forProject(project), memo);
        projects.set(key, wrapped);
      }
      return wrapped;
    },
    flush() {
      for (const memo of memos.values()) if (memo.used.size > 0) saveMemo(folder, memo);
    },
  };
}

interface ProjectMemo {
  project: string;
  /** As read from disk. */
  known: Map<string, unknown>;
  /** What this run read or reused: all that is written back. */
  used: Map<string, unknown>;
}

function memoized(project: ProjectPlatform, memo: ProjectMemo): ProjectPlatform {
  const heads = new Map<number, string>();
  const statuses = new Map<number, string>();
  const remembered = async <T>(key: string, read: () => Promise<T>): Promise<T> => {
    if (memo.used.has(key)) return memo.used.get(key) as T;
    if (memo.known.has(key)) {
      const value = memo.known.get(key) as T;
      memo.used.set(key, value);
      return value;
    }
    const value = await read();
    memo.used.set(key, value ?? null);
    return value;
  };
  return {
    ...project,
    readFile: (path, ref) =>
      SHA.test(ref)
        ? remembered(`file ${ref} ${path}`, async () => (await project.readFile(path, ref)) ?? null).then(
            (content) => content ?? undefined,
          )
        : project.readFile(path, ref),
    listFiles: (ref) =>
      SHA.test(ref) ? remembered(`tree ${ref}`, () => project.listFiles(ref)) : project.listFiles(ref),
    compare: (from, to) =>
      SHA.test(from) && SHA.test(to)
        ? remembered(`compare ${from} ${to}`, () => project.compare(from, to))
        : project.compare(from, to),
    async listMergeRequests(filter) {
      const mrs = await project.listMergeRequests(filter);
      for (const mr of mrs) heads.set(mr.iid, mr.sha);
      return mrs;
    },
    listMergeRequestCommits(iid) {
      const head = heads.get(iid);
      return head && SHA.test(head)
        ? remembered<Commit[]>(`mr-commits ${iid} ${head}`, () => project.listMergeRequestCommits(iid))
        : project.listMergeRequestCommits(iid);
    },
    listMergeRequestNotes(iid) {
      const head = heads.get(iid);
      return head && SHA.test(head)
        ? remembered<Note[]>(`mr-notes ${iid} ${head}`, () => project.listMergeRequestNotes(iid))
        : project.listMergeRequestNotes(iid);
    },
    async createMergeRequestNote(iid, body) {
      const note = await project.createMergeRequestNote(iid, body);
      const key = `mr-notes ${iid} ${heads.get(iid)}`;
      const known = memo.used.get(key) ?? memo.known.get(key);
      if (Array.isArray(known)) memo.used.set(key, [...known, note]);
      return note;
    },
    async listPipelines(filter) {
      const pipelines = await project.listPipelines(filter);
      for (const pipeline of pipelines) statuses.set(pipeline.id, pipeline.status);
      return pipelines;
    },
    listPipelineJobs(id) {
      const status = statuses.get(id);
      return status && SETTLED.has(status)
        ? remembered<Job[]>(`jobs ${id} ${status}`, () => project.listPipelineJobs(id))
        : project.listPipelineJobs(id);
    },
  };
}

function fileOf(folder: string, project: string): string {
  return join(folder, `${createHash('sha256').update(project).digest('hex').slice(0, 24)}.json`);
}

function loadMemo(folder: string, project: string): ProjectMemo {
  const memo: ProjectMemo = { project, known: new Map(), used: new Map() };
  try {
    const parsed = MemoFile.safeParse(JSON.parse(readFileSync(fileOf(folder, project), 'utf8')));
    if (parsed.success && parsed.data.project === project) {
      for (const [key, value] of Object.entries(parsed.data.entries)) memo.known.set(key, value);
    }
  } catch {
    // No memo yet, or an unreadable one: every read goes to GitLab.
  }
  return memo;
}

/** Temp file, then rename: a crash never leaves half a memo. A failed write only costs reads next time. */
function saveMemo(folder: string, memo: ProjectMemo): void {
  try {
    mkdirSync(folder, { recursive: true });
    const target = fileOf(folder, memo.project);
    const temp = `${target}.${randomBytes(4).toString('hex')}.tmp`;
    const body = { format: FORMAT, project: memo.project, entries: Object.fromEntries(memo.used) };
    writeFileSync(temp, JSON.stringify(body));
    renameSync(temp, target);
  } catch {
    // The cache directory is not writable: the next pass reads from GitLab.
  }
}
