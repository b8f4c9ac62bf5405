import { accessLevelOf, requireUser, type State } from '../store.js';
import type { Project, User } from '../types.js';

/** GitLab's UserBasic, as embedded in MRs, issues and notes. */
export function presentUser(state: State, user: User) {
  return {
    id: user.id,
    username: user.username,
    name: user.name,
    state: 'active',
    locked: false,
    avatar_url: null,
    web_url: `${state.baseUrl}/${user.username}`,
  };
}

export function presentUserById(state: State, id: number | null) {
  return id === null ? null : presentUser(state, requireUser(state, id));
}

/** GET /user: the token's own user, with the fields only its owner sees. */
export function presentCurrentUser(state: State, user: User) {
  return {
    ...presentUser(state, user),
    email: user.email,
    public_email: null,
    bot: user.bot,
    created_at: user.createdAt.toISOString(),
    is_admin: false,
    can_create_project: true,
    two_factor_enabled: false,
  };
}

export function presentMember(state: State, project: Project, user: User) {
  const member = project.members.get(user.id);
  return {
    ...presentUser(state, user),
    access_level: accessLevelOf(project, user.id),
    created_at: (member?.createdAt ?? user.createdAt).toISOString(),
    expires_at: null,
    membership_state: 'active',
  };
}
