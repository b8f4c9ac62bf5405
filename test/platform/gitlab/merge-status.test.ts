import { describe, expect, it } from 'vitest';
import { toMergeability, toNeedsRebase } from '../../../src/platform/gitlab/merge-status.js';

const kind = (fields: Parameters<typeof toMergeability>[0]) => toMergeability(fields).kind;

describe('toMergeability', () => {
  it('prefers detailed_merge_status (15.6+) over the older fields', () => {
    expect(kind({ detailed_merge_status: 'not_approved', merge_status: 'can_be_merged' })).toBe(
      'needs-person',
    );
    expect(kind({ detailed_merge_status: 'mergeable', merge_status: 'cannot_be_merged' })).toBe('ready');
  });

  it.each([
    ['can_be_merged', 'ready'],
    ['cannot_be_merged', 'broken'],
    ['unchecked', 'transient'],
    ['checking', 'transient'],
    ['cannot_be_merged_recheck', 'transient'],
    ['cannot_be_merged_rechecking', 'transient'],
    ['something_new', 'needs-person'],
  ])('merge_status %s reads as %s', (status, expected) => {
    expect(kind({ merge_status: status })).toBe(expected);
  });

  it('a draft, a conflict or unresolved threads hold a branch that merge_status calls mergeable', () => {
    expect(kind({ merge_status: 'can_be_merged', draft: true })).toBe('needs-person');
    expect(kind({ merge_status: 'can_be_merged', work_in_progress: true })).toBe('needs-person');
    expect(kind({ merge_status: 'can_be_merged', has_conflicts: true })).toBe('broken');
    expect(kind({ merge_status: 'can_be_merged', blocking_discussions_resolved: false })).toBe(
      'needs-person',
    );
  });

  it('no status at all, or one named like an Object property, needs a person', () => {
    expect(toMergeability({})).toEqual({ kind: 'needs-person', label: 'no merge status', hostStatus: '' });
    expect(kind({ detailed_merge_status: 'constructor' })).toBe('needs-person');
    expect(kind({ merge_status: 'toString' })).toBe('needs-person');
  });
});

describe('toNeedsRebase', () => {
  const needs = (fields: Parameters<typeof toNeedsRebase>[0]) => toNeedsRebase(fields).needsRebase;

  it('reads a conflict from detailed_merge_status (15.6+), or has_conflicts / merge_status on every release', () => {
    expect(
      needs({ detailed_merge_status: 'conflict', merge_status: 'cannot_be_merged', has_conflicts: true }),
    ).toBe('conflicts');
    // Before 15.6: no detailed_merge_status.
    expect(needs({ merge_status: 'cannot_be_merged', has_conflicts: true })).toBe('conflicts');
    expect(needs({ merge_status: 'cannot_be_merged' })).toBe('conflicts');
    // A conflict behind an earlier check of 15.6+ shows only in has_conflicts.
    expect(
      needs({ detailed_merge_status: 'not_approved', merge_status: 'cannot_be_merged', has_conflicts: true }),
    ).toBe('conflicts');
  });

  it('reads need_rebase as behind, and nothing from a mergeable, clean or still unchecked MR', () => {
    expect(
      needs({ detailed_merge_status: 'need_rebase', merge_status: 'can_be_merged', has_conflicts: false }),
    ).toBe('behind');
    expect(needs({ detailed_merge_status: 'mergeable', merge_status: 'cannot_be_merged' })).toBeUndefined();
    expect(needs({ merge_status: 'can_be_merged', has_conflicts: false })).toBeUndefined();
    expect(
      needs({ detailed_merge_status: 'unchecked', merge_status: 'unchecked', has_conflicts: false }),
    ).toBeUndefined();
    expect(needs({})).toBeUndefined();
  });
});
