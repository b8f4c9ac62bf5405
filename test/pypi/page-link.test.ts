import { describe, expect, it } from 'vitest';
import { projectPageLink } from '../../src/pypi/page-link.js';

describe('projectPageLink', () => {
  it('links PyPI’s release page for its JSON and Simple APIs', () => {
    const pypi = { label: 'PyPI', url: 'https://pypi.org/project/zope-interface/6.1/' };
    expect(projectPageLink('https://pypi.org/pypi/', 'zope-interface', '6.1')).toEqual(pypi);
    expect(projectPageLink('https://pypi.org/simple', 'zope-interface', '6.1')).toEqual(pypi);
    expect(projectPageLink('https://test.pypi.org/pypi/', 'six', '1.0').url).toBe(
      'https://test.pypi.org/project/six/1.0/',
    );
  });

  it('links the configured index’s own page, named by its host, never with credentials', () => {
    expect(
      projectPageLink(
        'https://bot:s3cret@gitlab.example.com/api/v4/projects/7/packages/pypi/simple/',
        'six',
        '1.0',
      ),
    ).toEqual({
      label: 'gitlab.example.com',
      url: 'https://gitlab.example.com/api/v4/projects/7/packages/pypi/simple/six/',
    });
    expect(projectPageLink('http://127.0.0.1:3141/root/pypi/', 'six', '1.0+cpu')).toEqual({
      label: '127.0.0.1:3141',
      url: 'http://127.0.0.1:3141/root/project/six/1.0%2Bcpu/',
    });
    expect(projectPageLink('https://mirror.example.org/index/', 'six', '1.0').url).toBe(
      'https://mirror.example.org/index/six/',
    );
  });
});
