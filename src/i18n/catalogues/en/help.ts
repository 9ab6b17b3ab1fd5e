/**
 * English texts: help — the published Zoom help page (/help/zoom, src/web/pages/helpPage.ts).
 * Every sentence is a promise the product keeps (docs/product.md §7): a translation keeps every
 * one of them. One key per paragraph or list item; a sentence around a link or an emphasised
 * name is split there, since a text never carries markup.
 */
export const help = {
  zoom: {
    title: 'Zoom Integration',
    intro:
      'Connect your Zoom account to Ekosistem App so Lets Meet bookings, mentorship sessions, and online events automatically include a Zoom meeting.',
    lastUpdated: 'Last updated: November 2026',
    what: {
      heading: 'What does this integration do?',
      createHeading: 'Auto-create Zoom meetings',
      create:
        "When you create a Lets Meet booking, a mentorship session, or an online event with location type Zoom, a Zoom meeting is auto-created on your account. Attendees automatically receive the join URL by email (with a calendar invite), on the record's page, and — for events — in the confirmation when they register later. If Zoom is briefly unavailable, the meeting is created as soon as Zoom answers again and attendees are emailed then.",
      cleanupHeading: 'Auto-cleanup on cancellation',
      cleanup:
        "If the booking, session, or event is cancelled, the corresponding Zoom meeting is automatically deleted, retried until Zoom confirms. Rescheduling replaces the meeting with a new one and sends attendees the new link. No leftover 'ghost' meetings on your Zoom calendar. If you have disconnected Zoom when a record is cancelled, we show you the meeting ID so you can remove it yourself, and we delete it automatically if you reconnect the same Zoom account.",
      onlyHeading: 'Only actions you authorize',
      only: 'We do not record meetings, access participant lists, or download recordings. Only meeting create and delete operations, and reading your own Zoom profile.',
    },
    whenUsed: {
      heading: 'When your Zoom is used',
      ownTitle: 'Your own records.',
      own: 'A booking, session or event you create with yourself as host gets its meeting on your Zoom.',
      othersTitle: 'Records other people make with you as host',
      othersBefore:
        '— a member booking time with you, an admin scheduling your mentorship session — use your Zoom only in the ecosystems where you turned on',
      othersAfter:
        '(Lets Meet → Manage, next to the Zoom card; off until you turn it on). Otherwise they are told Zoom is not available with you and can choose another location.',
      limit_one:
        'When it is on, each person can put at most {{count}} meeting a day on your Zoom (rescheduling one counts, since Zoom gets a new meeting), and you get an email about every new one, with a link to it. Turning it off stops new ones at once; meetings already made stay until their record is cancelled.',
      limit_other:
        'When it is on, each person can put at most {{count}} meetings a day on your Zoom (rescheduling one counts, since Zoom gets a new meeting), and you get an email about every new one, with a link to it. Turning it off stops new ones at once; meetings already made stay until their record is cancelled.',
      members:
        'Nobody can name you as host in an ecosystem you have not joined: joining is by invitation, and you are a member only after you accept it.',
    },
    scopes: {
      heading: 'Zoom OAuth scopes requested',
      write: 'to create scheduled Zoom meetings on your behalf.',
      delete: 'to delete those meetings when their booking, session, or event is cancelled or rescheduled.',
      read: "to retrieve the connected account's email and plan tier (Basic/Licensed), shown only as a 'Zoom connected (…)' label in the UI.",
    },
    install: {
      heading: 'How to install',
      step1: 'Sign in to Ekosistem App and open Lets Meet → Manage in your ecosystem.',
      step2: "Click 'Connect Zoom'. A new tab opens to Zoom's authorization screen.",
      step3: "Sign in to Zoom and click 'Authorize' to grant the requested permissions.",
      step4:
        "You're redirected back to Ekosistem App; the 'Zoom connected (your-email)' label appears, and the Manage page you started from updates by itself.",
      step5:
        "When creating a booking, session, or event, choose 'Location type: Zoom' and the meeting is auto-generated.",
    },
    states: {
      heading: 'What the Zoom badges on a record mean',
      badge: 'Badge',
      meaning: 'What it means',
      hostAction: 'What you (the host) can do',
      hostActionShort: 'What you can do',
    },
    uninstall: {
      heading: 'How to uninstall',
      appHeading: 'From within Ekosistem App',
      app1: "Open Lets Meet → Manage → click 'Disconnect Zoom'.",
      app2: "We revoke our access on Zoom's side and delete your tokens from our database immediately. If Zoom cannot be reached at that moment, your tokens are still deleted and we tell you to remove the app at Zoom Marketplace → Manage → Installed Apps.",
      app3: 'Zoom meetings that were already created stay on your Zoom account; after disconnecting they can no longer be removed automatically unless you reconnect.',
      marketplaceHeading: 'From Zoom Marketplace',
      marketplace1: "Go to marketplace.zoom.us → 'Manage' → 'Installed Apps'.",
      marketplace2: "Click 'Remove' next to the Ekosistem App integration.",
      marketplace3WithNotice:
        "Zoom triggers our deauthorization webhook; your tokens, Zoom email and plan tier are deleted immediately and we send Zoom the data-compliance notification within Zoom's 10-day window. Afterwards we keep only the Zoom meeting IDs stored with your records.",
      marketplace3:
        'Zoom triggers our deauthorization webhook; your tokens, Zoom email and plan tier are deleted immediately. Afterwards we keep only the Zoom meeting IDs stored with your records.',
    },
    data: {
      heading: 'How we handle your data',
      tokens:
        'OAuth access and refresh tokens are stored encrypted with AES-256-GCM in our database. Plaintext is never logged or shown.',
      kept: "We keep only your Zoom user ID, account ID, email, plan tier, the granted scopes and the encrypted tokens. Your email and plan tier are shown only as a 'Zoom connected (…)' label in the UI; nothing else is processed.",
      meetingIds:
        'Zoom meeting IDs, join URLs and passcodes are stored alongside the related booking/session/event record so attendees can join. When the record is cancelled, a DELETE call is made to Zoom.',
      notCollected:
        'No meeting content, recordings, participant lists, or chat messages are collected, stored, or processed. The host link (start URL) Zoom returns is never stored.',
      privacy: 'See Section 7 of our Privacy Policy for full details.',
    },
    contact: {
      heading: 'Need help?',
      email: 'For questions about this integration, email',
      respond: 'We typically respond within 1 business day.',
      developer: 'Developer: Plademy Oy, Maria 01, Lapinlahdenkatu 16, 00180 Helsinki, Finland',
    },
  },
} as const;
