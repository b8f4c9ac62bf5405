import { AccessLevel, type FakeGitLab, startFakeGitLab } from '../../fakes/gitlab/index.js';
import { apiClient } from './client.js';

/** A fake GitLab with one project and the people tests need. */
export async function startWorld(files: Record<string, string> = { 'constraints.txt': 'a==1.0\nb==2.0\n' }) {
  const fake: FakeGitLab = await startFakeGitLab({ now: '2025-01-04T10:00:00Z' });
  const bot = fake.addUser({ username: 'pingate-bot', name: 'pingate' });
  const maintainer = fake.addUser({ username: 'maria' });
  const reporter = fake.addUser({ username: 'rita' });
  const outsider = fake.addUser({ username: 'otto' });
  const project = fake.addProject({
    path: 'group/app',
    files,
    members: [
      { userId: bot.id, accessLevel: AccessLevel.developer },
      { userId: maintainer.id, accessLevel: AccessLevel.maintainer },
      { userId: reporter.id, accessLevel: AccessLevel.reporter },
    ],
  });
  return { fake, bot, maintainer, reporter, outsider, project, call: apiClient(fake.apiUrl, bot.token) };
}

export type World = Awaited<ReturnType<typeof startWorld>>;
