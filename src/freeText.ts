/**
 * Free text people type — names, titles, addresses, descriptions — loses control characters and
 * bidi overrides on input (docs/product.md §2): a CR/LF cannot start a new line in a mail, an invite or a
 * log, and a right-to-left override cannot make a name or a link read as something else. Line
 * breaks and tabs stay only where text has lines (a description); elsewhere they become spaces.
 * Bidi *marks* (U+200E, U+200F) stay: right-to-left names need them, and they override nothing.
 */
import { z } from '@hono/zod-openapi';

/** C0 and C1 controls, DEL, the line and paragraph separators, bidi embeddings, overrides and isolates. */
const CONTROLS = /[\p{Cc}\u2028\u2029\u202A-\u202E\u2066-\u2069]/gu;
const CONTROLS_BUT_LINES = /[^\P{Cc}\n\t]|[\u2028\u2029\u202A-\u202E\u2066-\u2069]/gu;

/** One line: tabs and line breaks become spaces, every other control character goes. */
export function oneLine(text: string): string {
  return text.replace(/[\t\r\n]+/g, ' ').replace(CONTROLS, '');
}

/** Text with lines: CR LF and CR become LF; tabs and line breaks stay, other controls go. */
export function withLines(text: string): string {
  return text.replace(/\r\n?/g, '\n').replace(CONTROLS_BUT_LINES, '');
}

/** A required one-line text field of at most `max` characters (after cleaning and trimming). */
export const lineSchema = (max: number) => z.string().overwrite(oneLine).trim().min(1).max(max);

/** An optional text field with lines, of at most `max` characters. */
export const textSchema = (max: number) => z.string().overwrite(withLines).max(max);
