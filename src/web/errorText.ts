/**
 * An error's message in the language of the page showing it (docs/product.md §15). Pages that
 * show a refused action's error inline use this instead of `error.message` (which is English,
 * for logs and for English readers); errorResponse words JSON and HTML errors with it.
 *
 * How a message is found, most exact first:
 * 1. the catalogue key and values the error was made with (src/errors.ts);
 * 2. the input check's issues it reports (zod), each worded again;
 * 3. its English, looked up among the English texts of the errors catalogue (a text with
 *    placeholders matches with any values, which are read back out of it);
 * 4. the message of its code (`errors.codes.<code>`), complete without values.
 * English readers get `error.message` itself, so English answers never change.
 */
import {
  type AppError,
  errorMessage,
  type ErrorKey,
  type ErrorParams,
  type InputIssue,
  ValidationError,
} from '../errors.ts';
import { errors as englishErrors } from '../i18n/catalogues/en/errors.ts';
import { pageText } from '../i18n/pageText.ts';
import type { Locale } from '../i18n/locales.ts';

export function errorText(error: AppError): string {
  return errorTextIn(pageText().locale, error);
}

export function errorTextIn(locale: Locale, error: AppError): string {
  if (error.text) return errorMessage(error.text, locale);
  if (error instanceof ValidationError && error.issues?.length) return issuesText(locale, error.issues);
  if (locale === 'en') return error.message;
  const found = englishIn(locale, error.message);
  if (found !== undefined) return found;
  if (Object.hasOwn(englishErrors.codes, error.code))
    return errorMessage({ key: `codes.${error.code as keyof typeof englishErrors.codes}` }, locale);
  return error.message;
}

/**
 * A refused form's messages by field, in the page's language: an input check's are worded so
 * already; a domain error's (English, e.g. `currentPassword: is not right`) are worded here.
 */
export function errorFieldTexts(error: AppError): Record<string, string> | undefined {
  if (!(error instanceof ValidationError) || !error.fieldMessages) return undefined;
  return fieldTextsIn(pageText().locale, error.fieldMessages);
}

/** Error messages by field, worded for `locale` (a form shows each next to its field). */
export function fieldTextsIn(locale: Locale, messages: Readonly<Record<string, string>>): Record<string, string> {
  return Object.fromEntries(
    Object.entries(messages).map(([field, message]) => [field, englishIn(locale, message) ?? message]),
  );
}

/**
 * An English error text in `locale`, when the catalogue has it: as a whole, or as input messages
 * (`field: message`, several joined by `; `) whose every message it has. Undefined otherwise.
 */
export function englishIn(locale: Locale, message: string): string | undefined {
  if (locale === 'en') return message;
  const found = keyOfEnglish(message);
  if (found) return errorMessage(found, locale);
  const parts = message.split('; ');
  const worded = parts.map((part) => {
    const named = /^([\w.[\]]+): (.+)$/s.exec(part);
    const text = keyOfEnglish(named ? named[2]! : part);
    if (!text) return undefined;
    return named ? `${named[1]}: ${errorMessage(text, locale)}` : errorMessage(text, locale);
  });
  return worded.every((part) => part !== undefined) ? worded.join('; ') : undefined;
}

// ---------------------------------------------------------------------------------------------
// English text → catalogue key

interface Template {
  key: ErrorKey;
  pattern: RegExp;
  names: string[];
  /** How much fixed text it has: a longer one is the more specific match. */
  fixed: number;
}

/** Texts never matched by their English (none so far: a text that could match anything would go here). */
const NOT_MATCHED = new Set<string>([]);

function flatten(node: object, prefix = ''): [string, string][] {
  return Object.entries(node).flatMap(([key, value]): [string, string][] =>
    typeof value === 'string' ? [[`${prefix}${key}`, value]] : flatten(value as object, `${prefix}${key}.`),
  );
}

const escapeRegExp = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
const PLURAL_SUFFIX = /_(zero|one|two|few|many|other)$/;

function compile(): { exact: Map<string, ErrorKey>; templates: Template[] } {
  const exact = new Map<string, ErrorKey>();
  const templates: Template[] = [];
  for (const [path, text] of flatten(englishErrors)) {
    const key = path.replace(PLURAL_SUFFIX, '') as ErrorKey;
    if (NOT_MATCHED.has(key)) continue;
    const parts = text.split(/\{\{\s*(\w+)\s*\}\}/);
    if (parts.length === 1) {
      if (!exact.has(text)) exact.set(text, key);
      continue;
    }
    const names: string[] = [];
    let source = '';
    let fixed = 0;
    parts.forEach((part, i) => {
      if (i % 2 === 0) {
        source += escapeRegExp(part);
        fixed += part.length;
      } else {
        names.push(part);
        source += part === 'count' ? '(\\d+)' : '(.+?)';
      }
    });
    templates.push({ key, pattern: new RegExp(`^${source}$`, 's'), names, fixed });
  }
  templates.sort((a, b) => b.fixed - a.fixed);
  return { exact, templates };
}

let compiled: ReturnType<typeof compile> | undefined;

/** The catalogue text an English error message is, with the values it names. */
export function keyOfEnglish(message: string): { key: ErrorKey; params?: ErrorParams } | undefined {
  compiled ??= compile();
  const key = compiled.exact.get(message);
  if (key) return { key };
  for (const template of compiled.templates) {
    const match = template.pattern.exec(message);
    if (!match) continue;
    const params: Record<string, string | number> = {};
    template.names.forEach((name, i) => {
      const value = match[i + 1] ?? '';
      params[name] = name === 'count' ? Number(value) : value;
    });
    return { key: template.key, params };
  }
  return undefined;
}

// ---------------------------------------------------------------------------------------------
// Input checks (zod)

/** Every issue's message, as `field: message`, at most five, as the API answers them. */
export function issuesText(locale: Locale, issues: readonly InputIssue[]): string {
  return issues
    .slice(0, 5)
    .map((issue) => {
      const path = issue.path.join('.');
      const message = issueText(locale, issue);
      if (issue.code === 'unrecognized_keys' || !path) return message;
      return `${path}: ${message}`;
    })
    .join('; ');
}

/** One issue's message, without its field. English keeps the schema's (or zod's) own words. */
export function issueText(locale: Locale, issue: InputIssue): string {
  if (issue.code === 'unrecognized_keys') {
    return errorMessage(
      { key: 'input.unknownFields', params: { count: issue.keys.length, fields: issue.keys.join(', ') } },
      locale,
    );
  }
  if (locale === 'en') return issue.message;
  const found = keyOfEnglish(issue.message);
  return errorMessage(found ?? zodIssueText(issue), locale);
}

/** A check whose message is zod's own: its words from the issue's kind and limits. */
function zodIssueText(issue: InputIssue): { key: ErrorKey; params?: ErrorParams } {
  switch (issue.code) {
    case 'invalid_type':
      return /received undefined$/.test(issue.message)
        ? { key: 'issues.required' }
        : issue.expected === 'int'
          ? { key: 'issues.wholeNumber' }
          : { key: 'issues.invalidType', params: { expected: issue.expected } };
    case 'too_small':
    case 'too_big':
      return sizeText(issue);
    case 'invalid_format':
      if (issue.format === 'email') return { key: 'input.email' };
      if (issue.format === 'datetime') return { key: 'input.isoDateTime' };
      if (issue.format === 'uuid' || issue.format === 'guid') return { key: 'issues.uuid' };
      if (issue.format === 'url') return { key: 'issues.url' };
      return { key: 'issues.format' };
    case 'invalid_value':
      return { key: 'issues.oneOf', params: { values: issue.values.map((v) => String(v)).join(', ') } };
    case 'not_multiple_of':
      return { key: 'issues.multipleOf', params: { divisor: Number(issue.divisor) } };
    default:
      return { key: 'issues.invalid' };
  }
}

function sizeText(issue: Extract<InputIssue, { code: 'too_small' | 'too_big' }>): {
  key: ErrorKey;
  params?: ErrorParams;
} {
  const small = issue.code === 'too_small';
  const limit = Number(small ? issue.minimum : issue.maximum);
  const inclusive = issue.inclusive !== false;
  if (issue.origin === 'string') {
    if (small && limit === 1) return { key: 'issues.notEmpty' };
    return { key: small ? 'issues.atLeastCharacters' : 'issues.atMostCharacters', params: { count: limit } };
  }
  if (issue.origin === 'array' || issue.origin === 'set') {
    if (small && limit === 1) return { key: 'issues.notEmpty' };
    return { key: small ? 'issues.atLeastItems' : 'issues.atMostItems', params: { count: limit } };
  }
  if (small)
    return inclusive
      ? { key: 'issues.atLeast', params: { min: limit } }
      : { key: 'issues.greaterThan', params: { min: limit } };
  return inclusive
    ? { key: 'input.atMost', params: { max: limit } }
    : { key: 'issues.lessThan', params: { max: limit } };
}
