import { describe, expect, it } from 'vitest';
import {
  BULK_MARKERS,
  ITEM_MARKERS,
  markerComment,
  markerId,
  parseMarker,
} from '../../src/dashboard/markers.js';

describe('markers', () => {
  it('has the markers of SPEC §7', () => {
    expect(Object.values(ITEM_MARKERS).sort()).toEqual([
      'approve-branch',
      'rebase-branch',
      'recreate-branch',
      'retry-branch',
      'rollback-to',
      'unlimit-branch',
      'unschedule-branch',
    ]);
    expect(Object.values(BULK_MARKERS).sort()).toEqual([
      'approve-all-pending-prs',
      'create-all-awaiting-schedule-prs',
      'create-all-rate-limited-prs',
      'rebase-all-open-prs',
    ]);
  });

  it('builds comments that parse back', () => {
    const item = { marker: ITEM_MARKERS.rollback, value: '0a1b2c3d' } as const;
    expect(markerComment(item)).toBe('<!-- rollback-to=0a1b2c3d -->');
    expect(parseMarker(' rollback-to=0a1b2c3d ')).toEqual(item);
    expect(markerComment({ marker: BULK_MARKERS.rebaseAllOpen })).toBe('<!-- rebase-all-open-prs -->');
    expect(parseMarker('rebase-all-open-prs')).toEqual({ marker: 'rebase-all-open-prs' });
  });

  it('rejects unknown keys, item markers without a value and bulk markers with one', () => {
    expect(parseMarker('approve-branch')).toBeUndefined();
    expect(parseMarker('rebase-all-open-prs=x')).toBeUndefined();
    expect(parseMarker('manual-job=x')).toBeUndefined();
    expect(parseMarker('approve-branch=a b')).toBeUndefined();
    expect(() => markerComment({ marker: ITEM_MARKERS.approve })).toThrow(/needs a value/);
    expect(() => markerComment({ marker: ITEM_MARKERS.approve, value: 'a--b' })).toThrow(/needs a value/);
    expect(() => markerComment({ marker: BULK_MARKERS.approveAll, value: 'x' })).toThrow(/takes no value/);
  });

  it('identifies a box by key and value', () => {
    expect(markerId({ marker: 'approve-branch', value: 'pingate/a-1.x' })).toBe(
      'approve-branch=pingate/a-1.x',
    );
    expect(markerId({ marker: 'approve-all-pending-prs' })).toBe('approve-all-pending-prs');
  });
});
