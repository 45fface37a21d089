/**
 * Reading and checking the query parameters of the analytics endpoints. Each
 * check returns the value or a `ParamError` naming the parameter, which the
 * handlers answer with 400 `rest_invalid_param`.
 */
import { isRangePreset, validateRange } from '../model/range.js';
import type { DateRange, Path, RangePreset } from '../model/report.js';

export class ParamError {
  constructor(
    readonly param: string,
    readonly reason: string,
  ) {}
}

export const MAX_PER_PAGE = 100;
export const MAX_TOP_N = 100;
export const DEFAULT_PER_PAGE = 10;
export const DEFAULT_TOP_N = 10;

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;

export function readRange(query: URLSearchParams): DateRange | ParamError {
  const start = query.get('start');
  const end = query.get('end');
  if (start === null || start === '') return new ParamError('start', 'start is a required date YYYY-MM-DD.');
  if (end === null || end === '') return new ParamError('end', 'end is a required date YYYY-MM-DD.');
  if (!ISO_DATE.test(start)) return new ParamError('start', `start is not a date YYYY-MM-DD: "${start}".`);
  if (!ISO_DATE.test(end)) return new ParamError('end', `end is not a date YYYY-MM-DD: "${end}".`);
  try {
    return validateRange({ start, end });
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    // validateRange names the field for a bad date; otherwise the order or the span is wrong.
    if (/range start /.test(message)) return new ParamError('start', message);
    if (/range end /.test(message)) return new ParamError('end', message);
    if (/after its end/.test(message)) return new ParamError('start', message);
    return new ParamError('end', message);
  }
}

export function readPath(query: URLSearchParams): Path | ParamError {
  const path = query.get('path');
  if (path === null || path === '') return 'direct';
  if (path === 'direct' || path === 'aggregate') return path;
  return new ParamError('path', `path is not one of direct, aggregate: "${path}".`);
}

/** An integer parameter within `[min, max]`, `fallback` when absent. */
export function readInteger(query: URLSearchParams, name: string, fallback: number, min: number, max: number): number | ParamError {
  const text = query.get(name);
  if (text === null || text === '') return fallback;
  if (!/^-?\d+$/.test(text)) return new ParamError(name, `${name} is not of type integer.`);
  const value = Number(text);
  if (value < min) return new ParamError(name, `${name} must be greater than or equal to ${min}`);
  if (value > max) return new ParamError(name, `${name} must be between ${min} (inclusive) and ${max} (inclusive)`);
  return value;
}

/** `range=<preset>`, or else `start` and `end`. */
export function readDiffRange(query: URLSearchParams): DateRange | RangePreset | ParamError {
  const range = query.get('range');
  if (range === null || range === '') return readRange(query);
  if (isRangePreset(range)) return range;
  return new ParamError('range', `range is not one of 7d, 30d, 90d, this_month, last_month: "${range}".`);
}
