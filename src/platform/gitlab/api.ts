import {
  Branches,
  Commits,
  IssueNotes,
  Issues,
  Jobs,
  MergeRequestNotes,
  MergeRequests,
  Pipelines,
  ProjectMembers,
  Projects,
  Repositories,
  RepositoryFiles,
  Users,
} from '@gitbeaker/rest';
import { singleAttemptRequester } from './single-attempt.js';

export interface ApiOptions {
  /** Base URL of the instance, without `/api/v4`. */
  host: string;
  token: string;
  /** Per call, all pages of a list included (gitbeaker's `queryTimeout`). */
  timeoutMs: number;
}

/**
 * The gitbeaker resources pingate uses, and only those: the `Gitlab` bundle builds ~200 resources, each
 * with its own rate limiters, which costs start-up time for nothing.
 */
export function createApi(options: ApiOptions) {
  const config = {
    host: options.host,
    token: options.token,
    queryTimeout: options.timeoutMs,
    // One attempt per request: gitbeaker's own handler repeats 429s and 502s, writes included.
    requesterFn: singleAttemptRequester,
  };
  return {
    branches: new Branches(config),
    commits: new Commits(config),
    issueNotes: new IssueNotes(config),
    issues: new Issues(config),
    jobs: new Jobs(config),
    mergeRequestNotes: new MergeRequestNotes(config),
    mergeRequests: new MergeRequests(config),
    pipelines: new Pipelines(config),
    projectMembers: new ProjectMembers(config),
    projects: new Projects(config),
    repositories: new Repositories(config),
    repositoryFiles: new RepositoryFiles(config),
    users: new Users(config),
  };
}

export type GitLabApi = ReturnType<typeof createApi>;
