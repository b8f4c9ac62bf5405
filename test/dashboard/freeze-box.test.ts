import { describe, expect, it } from 'vitest';
import { carryOverTicks, tick, untick } from '../../src/dashboard/carry-over.js';
import { markerComment, parseMarker } from '../../src/dashboard/markers.js';
import { emptyDashboardModel } from '../../src/dashboard/model.js';
import { parseDashboard } from '../../src/dashboard/parse.js';
import { renderDashboard } from '../../src/dashboard/render.js';
import { intentsOf } from '../../src/reconcile/ticks.js';

const NOT_PINNED = 'constraints.txt: app requires mid (not pinned)';

function body(pinUnpinned: number | undefined, problems = [NOT_PINNED]): string {
  return renderDashboard({ ...emptyDashboardModel(), problems, ...(pinUnpinned ? { pinUnpinned } : {}) });
}

describe('the freeze box (SPEC §12)', () => {
  it('ends the Problems section, after the not-pinned requirements it pins', () => {
    const text = body(3);
    expect(text).toContain(
      `## Problems\n\nThese need a person; pingate leaves the lines concerned untouched and serves the rest. Tick the last box to open one MR that pins every requirement no line pins, at the end of the file.\n\n- ${NOT_PINNED}\n- [ ] <!-- pin-unpinned -->Pin 3 requirements that no line pins\n`,
    );
    expect(body(1)).toContain('- [ ] <!-- pin-unpinned -->Pin 1 requirement that no line pins\n');
  });

  it('is absent without pins to offer, and brings the section along when nothing else is in it', () => {
    expect(body(undefined)).not.toContain('pin-unpinned');
    expect(body(0)).not.toContain('pin-unpinned');
    expect(body(undefined, [])).not.toContain('## Problems');
    expect(body(2, [])).toContain('## Problems');
  });

  it('reads back ticked as the plain marker, wherever a person moved it, and asks for the freeze MR', () => {
    const ticked = tick(body(3), 'pin-unpinned');
    expect(ticked).toContain('- [x] <!-- pin-unpinned -->Pin 3');
    const [box, ...rest] = parseDashboard(ticked).ticked;
    expect(rest).toEqual([]);
    expect(box).toEqual({
      marker: 'pin-unpinned',
      text: 'pin-unpinned Pin 3 requirements that no line pins',
    });
    expect(intentsOf([box!])).toMatchObject({ pinUnpinned: true, bulk: new Set(), create: new Set() });
    const moved = parseDashboard('## Open\n\n* [X]   <!--pin-unpinned-->do it\n').ticked;
    expect(moved.map((b) => b.marker)).toEqual(['pin-unpinned']);
    expect(untick(ticked, 'pin-unpinned')).toBe(body(3));
  });

  it('carries a tick over while the box is still offered, and drops it with the box', () => {
    const ticked = tick(body(3), 'pin-unpinned');
    expect(carryOverTicks(body(3), ticked, new Set())).toBe(ticked);
    expect(carryOverTicks(body(3), ticked, new Set(['pin-unpinned']))).toBe(body(3));
    expect(carryOverTicks(body(undefined), ticked, new Set())).toBe(body(undefined));
  });

  it('takes no value: a marker with one is not the box', () => {
    expect(markerComment({ marker: 'pin-unpinned' })).toBe('<!-- pin-unpinned -->');
    expect(() => markerComment({ marker: 'pin-unpinned', value: 'x' })).toThrow(/takes no value/);
    expect(parseMarker(' pin-unpinned ')).toEqual({ marker: 'pin-unpinned' });
    expect(parseMarker('pin-unpinned=x')).toBeUndefined();
  });
});
