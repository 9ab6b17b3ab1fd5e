/** Every server-rendered page (usable without JavaScript). */
import { Hono } from 'hono';
import type { AppEnv } from '../appEnv.ts';
import { authPages } from './authPages.ts';
import { accountPages } from './accountPages.ts';
import { ecosystemPages } from './ecosystemPages.ts';
import { meetingPages } from './meetingPages.ts';
import { newRecordPages } from './newRecordPages.ts';
import { bookingPages } from './bookingPages.ts';
import { helpPage } from './helpPage.ts';
import { respondPages } from './respondPages.ts';

export function pageRoutes() {
  const pages = new Hono<AppEnv>();
  pages.route('/', authPages());
  pages.route('/', accountPages());
  pages.route('/', ecosystemPages());
  pages.route('/', newRecordPages());
  pages.route('/', meetingPages());
  pages.route('/', bookingPages());
  pages.route('/', helpPage());
  pages.route('/', respondPages());
  return pages;
}
