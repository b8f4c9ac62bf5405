import type { IndexFile } from './types.js';

/** A file as a Simple API page lists it (HTML or JSON), before it is grouped under its version. */
export interface SimpleFile extends IndexFile {
  /** Absolute URL, fragment removed. */
  url: string;
  /** A PEP 658 metadata file exists at `url + '.metadata'`. */
  hasMetadata?: boolean;
}
