import { paramError } from '../errors.js';
import type { ApiRequest } from './router.js';

/** A parameter from the body or the query string, as Grape merges them. */
export function param(request: ApiRequest, name: string): unknown {
  if (name in request.body) return request.body[name];
  const all = request.query.getAll(`${name}[]`);
  if (all.length > 0) return all;
  return request.query.get(name) ?? undefined;
}

/** Throws Grape's `{"error": "a is missing, b is missing"}` for absent or empty required params. */
export function requireParams(request: ApiRequest, names: string[]): void {
  const missing = names.filter((name) => {
    const value = param(request, name);
    return value === undefined || value === null || value === '';
  });
  if (missing.length > 0) throw paramError(missing.map((name) => `${name} is missing`).join(', '));
}

export function stringParam(request: ApiRequest, name: string): string | undefined {
  const value = param(request, name);
  if (value === undefined || value === null) return undefined;
  if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean')
    return String(value);
  throw paramError(`${name} is invalid`);
}

export function intParam(request: ApiRequest, name: string): number | undefined {
  const value = param(request, name);
  if (value === undefined || value === null || value === '') return undefined;
  const number = Number(value);
  if (!Number.isInteger(number)) throw paramError(`${name} is invalid`);
  return number;
}

export function boolParam(request: ApiRequest, name: string): boolean | undefined {
  const value = param(request, name);
  if (value === undefined || value === null || value === '') return undefined;
  if (value === true || value === 'true' || value === '1' || value === 1) return true;
  if (value === false || value === 'false' || value === '0' || value === 0) return false;
  throw paramError(`${name} is invalid`);
}

/** A list given as a JSON array, `name[]=a&name[]=b`, or a comma-separated string (labels). */
export function listParam(request: ApiRequest, name: string): string[] | undefined {
  const value = param(request, name);
  if (value === undefined || value === null) return undefined;
  if (Array.isArray(value)) return value.map(String);
  return String(value)
    .split(',')
    .map((item) => item.trim())
    .filter((item) => item !== '');
}

export function intListParam(request: ApiRequest, name: string): number[] | undefined {
  const list = listParam(request, name);
  if (list === undefined) return undefined;
  const numbers = list.map(Number);
  if (numbers.some((number) => !Number.isInteger(number))) throw paramError(`${name} is invalid`);
  return numbers;
}

export function dateParam(request: ApiRequest, name: string): Date | undefined {
  const value = stringParam(request, name);
  if (value === undefined || value === '') return undefined;
  const date = new Date(value);
  if (Number.isNaN(date.getTime())) throw paramError(`${name} is invalid`);
  return date;
}

export function enumParam<T extends string>(
  request: ApiRequest,
  name: string,
  values: readonly T[],
): T | undefined {
  const value = stringParam(request, name);
  if (value === undefined || value === '') return undefined;
  if (!(values as readonly string[]).includes(value)) throw paramError(`${name} does not have a valid value`);
  return value as T;
}
