/**
 * The advisories of a pass's pins from every source the config turns on: OSV (one batch for up to 1,000 pins) and the
 * index's own (PyPI's JSON API `vulnerabilities`). A source that cannot be asked is a problem line and a log line;
 * the pass goes on with the other.
 */
import type { Logger } from 'pino';
import type { RepoConfig } from '../config/schema.js';
import type { PackageIndex } from '../pypi/types.js';
import { advisoryFromPypi } from './advisory.js';
import type { OsvClient } from './client.js';
import { type Advisory, pinKey, type VulnerabilityReport } from './types.js';

export interface ReportPin {
  normalizedName: string;
  version: string;
  /** The index the pin is looked up on; undefined when its look-up failed. */
  index?: PackageIndex;
}

export interface ReportInput {
  config: RepoConfig;
  osv?: OsvClient;
  logger?: Logger;
}

/** Starts OSV's look-up at once (it needs only names and versions); the index's part waits for `indexPins`. */
export function startVulnerabilityReport(
  input: ReportInput,
  pins: readonly ReportPin[],
): ((indexPins: readonly ReportPin[]) => Promise<VulnerabilityReport>) | undefined {
  const { config } = input;
  if (!config.vulnerabilityAlerts.enabled) return undefined;
  const problems: string[] = [];
  const osv = config.osvVulnerabilityAlerts && input.osv ? input.osv : undefined;
  const fromOsv = osv
    ? osv.query(unique(pins)).catch((error: unknown) => {
        const reason = error instanceof Error ? error.message : String(error);
        input.logger?.warn({ osv: osv.label, reason }, 'OSV could not be asked');
        problems.push(`OSV (${osv.label}) could not be asked: ${reason}; advisories from the index only`);
        return new Map<string, Advisory[]>();
      })
    : Promise.resolve(new Map<string, Advisory[]>());
  return async (indexPins) => {
    const fromIndex = await indexAdvisories(indexPins, problems, input.logger);
    const byPin = new Map<string, Advisory[]>();
    for (const source of [await fromOsv, fromIndex]) {
      for (const [key, list] of source) byPin.set(key, [...(byPin.get(key) ?? []), ...list]);
    }
    return { byPin, problems };
  };
}

async function indexAdvisories(
  pins: readonly ReportPin[],
  problems: string[],
  logger: Logger | undefined,
): Promise<Map<string, Advisory[]>> {
  const found = new Map<string, Advisory[]>();
  const failures: string[] = [];
  await Promise.all(
    unique(pins).map(async ({ normalizedName, version, index }) => {
      if (!index?.getVulnerabilities) return;
      try {
        const list = await index.getVulnerabilities(normalizedName, version);
        if (list.length > 0) found.set(pinKey(normalizedName, version), list.map(advisoryFromPypi));
      } catch (error) {
        failures.push(
          `${normalizedName} ${version}: ${error instanceof Error ? error.message : String(error)}`,
        );
      }
    }),
  );
  if (failures.length > 0) {
    logger?.warn({ pins: failures.length, first: failures[0] }, "the index's advisories could not be read");
    problems.push(`the index's advisories of ${failures.length} pin(s) could not be read (${failures[0]})`);
  }
  return found;
}

function unique<T extends { normalizedName: string; version: string }>(pins: readonly T[]): T[] {
  const seen = new Map<string, T>();
  for (const pin of pins) {
    const key = pinKey(pin.normalizedName, pin.version);
    if (!seen.has(key) || (pin as ReportPin).index) seen.set(key, pin);
  }
  return [...seen.values()];
}
