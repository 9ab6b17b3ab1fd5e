/**
 * English texts: mail about records (to attendees, registrants, the person who booked and the host)
 * and notices to hosts, plus the development mailbox page.
 */
export const mail = {
  /** The calendar event's name (ICS SUMMARY): the record's title and what it is. */
  summary: {
    booking: '{{title}} · Lets Meet booking',
    mentorship: '{{title}} · Mentorship session',
    event: '{{title}} · Online event',
  },
  heading: {
    invitation: 'You’re invited: {{title}}',
    update: 'Updated: {{title}}',
    cancellation: 'Cancelled: {{title}}',
    reminder: 'Reminder: {{title}}',
    request: 'Requested: {{title}}',
    waitlisted: 'On the waitlist: {{title}}',
    removed: 'Unregistered: {{title}}',
  },
  /** The first paragraph, per mail and per kind of record. */
  lead: {
    invitation: {
      booking: '{{host}} is hosting this Lets Meet booking.',
      mentorship: '{{host}} is hosting this mentorship session.',
      event: '{{host}} is hosting this online event.',
    },
    update: {
      booking: 'The details of this Lets Meet booking changed. Your calendar invite below replaces the earlier one.',
      mentorship:
        'The details of this mentorship session changed. Your calendar invite below replaces the earlier one.',
      event: 'The details of this online event changed. Your calendar invite below replaces the earlier one.',
    },
    cancellation: {
      booking: 'This Lets Meet booking with {{host}} was cancelled.',
      mentorship: 'This mentorship session with {{host}} was cancelled.',
      event: 'This online event with {{host}} was cancelled.',
    },
    reminder: {
      booking: 'This Lets Meet booking with {{host}} is coming up.',
      mentorship: 'This mentorship session with {{host}} is coming up.',
      event: 'This online event with {{host}} is coming up.',
    },
    request: {
      booking:
        'You asked {{host}} for this Lets Meet booking. It is not confirmed yet: you will get an email when {{host}} approves or declines it.',
      mentorship:
        'You asked {{host}} for this mentorship session. It is not confirmed yet: you will get an email when {{host}} approves or declines it.',
      event:
        'You asked {{host}} for this online event. It is not confirmed yet: you will get an email when {{host}} approves or declines it.',
    },
    waitlisted: {
      booking:
        'This Lets Meet booking is full, so you are on its waitlist. When a seat frees up it is yours, and you get the join link by email.',
      mentorship:
        'This mentorship session is full, so you are on its waitlist. When a seat frees up it is yours, and you get the join link by email.',
      event:
        'This online event is full, so you are on its waitlist. When a seat frees up it is yours, and you get the join link by email.',
    },
    waitlistedAt: {
      booking:
        'This Lets Meet booking is full, so you are on its waitlist, number {{position}}. When a seat frees up it is yours, and you get the join link by email.',
      mentorship:
        'This mentorship session is full, so you are on its waitlist, number {{position}}. When a seat frees up it is yours, and you get the join link by email.',
      event:
        'This online event is full, so you are on its waitlist, number {{position}}. When a seat frees up it is yours, and you get the join link by email.',
    },
    removed: {
      booking:
        'You are no longer registered for this Lets Meet booking with {{host}}. The invite below takes it off your calendar.',
      mentorship:
        'You are no longer registered for this mentorship session with {{host}}. The invite below takes it off your calendar.',
      event:
        'You are no longer registered for this online event with {{host}}. The invite below takes it off your calendar.',
    },
  },
  label: {
    when: 'When',
    where: 'Where',
    join: 'Join',
    joinZoom: 'Join Zoom',
    meetingId: 'Meeting ID',
    passcode: 'Passcode',
    reason: 'Reason',
    details: 'Details',
  },
  zoomPending: 'Zoom — the meeting is being created; you will get the link by email.',
  respond: {
    decline: 'Can’t make it? Decline',
    cancel: 'Need to cancel? Cancel this booking',
    unregister: 'Can’t come? Unregister',
  },
  joinButton: 'Join',
  viewInApp: 'View in Ekosistem App',
  /** Notices: to a host (and to the person who booked, about their request). */
  notice: {
    open: 'Open',
    openRecord: 'Open the record',
    reason: 'Reason: {{reason}}',
    note: 'Note: {{note}}',
    request: {
      subject: 'Booking request: {{title}}',
      asks: '{{who}} asks to book “{{title}}” with you on {{when}}.',
      aMember: 'A member',
      held: 'Nothing is on your calendar or your Zoom until you approve. The time is held for the request until {{until}}; unanswered by then, it expires.',
      action: 'Approve or decline',
    },
    declined: {
      subject: 'Declined: {{title}}',
      body: '{{host}} declined your booking “{{title}}” on {{when}}.',
    },
    expired: {
      subject: 'Not confirmed: {{title}}',
      body: '{{host}} did not answer your booking request “{{title}}” on {{when}} in time, so it expired.',
    },
    nothingScheduled: 'Nothing was scheduled. You can book another time.',
    othersZoom: {
      createdSubject: '{{creator}} scheduled a Zoom meeting on your Zoom: {{title}}',
      movedSubject: '{{creator}} moved a Zoom meeting on your Zoom: {{title}}',
      created: '{{creator}} created “{{title}}” in {{ecosystem}} with you as host, on {{when}}.',
      moved:
        '{{creator}} moved “{{title}}” in {{ecosystem}}, which you host, to {{when}}. Zoom gets a new meeting for the new time, and the old one is deleted.',
      why: 'The Zoom meeting is being created on your connected Zoom account, because you let members schedule Zoom meetings with you in this ecosystem. You can turn that off on Lets Meet → Manage.',
    },
    unregistered: {
      subject: 'Unregistered: {{title}}',
      body: '{{who}} unregistered from “{{title}}” on {{when}}.',
    },
    attendeeDeclined: {
      subject: 'Declined: {{title}}',
      body: '{{who}} declined “{{title}}” on {{when}}.',
    },
    cancelled: {
      subject: 'Cancelled: {{title}}',
      withdrawnSubject: 'Request withdrawn: {{title}}',
      body: '{{who}} cancelled “{{title}}” on {{when}}. The time is free again.',
    },
    createFailed: {
      subject: 'Zoom meeting could not be created: {{title}}',
      refused: 'Zoom refused to create the meeting for “{{title}}”.',
      said: 'Zoom said: {{message}}',
      whatToDo:
        'Open the record to change its location, or check the Zoom app’s permissions and reconnect Zoom on Lets Meet → Manage.',
    },
    deleteFailed: {
      subject: 'Zoom meeting {{id}} could not be deleted',
      refused: 'Zoom refused to delete meeting {{id}}: {{message}}',
      whatToDo: 'Please delete it in Zoom so no one joins a cancelled meeting.',
    },
    reconnect: {
      subject: 'Reconnect Zoom to keep your meetings in sync',
      lost: 'Zoom no longer accepts Ekosistem App’s access to your Zoom account, so new Zoom meetings cannot be created and cancelled ones cannot be removed.',
      howTo:
        'Open Lets Meet → Manage and click “Reconnect Zoom”. Waiting meetings will be created and removed as soon as you do.',
      action: 'Reconnect Zoom',
    },
    deauthorized: {
      subject: 'Ekosistem App was removed from your Zoom account',
      removed:
        'You (or your Zoom admin) removed Ekosistem App from Zoom. We deleted your Zoom tokens and will no longer create or remove Zoom meetings for you.',
      kept: 'Zoom meetings that were already created stay on your Zoom account. Records waiting for a Zoom meeting have been marked so you can change their location.',
      again: 'To use Zoom again, connect it on Lets Meet → Manage.',
      action: 'Open Ekosistem App',
    },
  },
  /** `/dev/mailbox`: the mail the app sent, when no SMTP server is configured. */
  mailbox: {
    title: 'Mailbox',
    intro: 'Mail the app sent (no SMTP server is configured).',
    backToApp: 'Back to the app',
    empty: 'No mail yet.',
    to: 'To',
    subject: 'Subject',
    when: 'When',
    status: 'Status',
    withInvite: 'invite',
    notFound: 'Not found',
    noSuchMessage: 'No such message.',
    backToMailbox: '← Mailbox',
    htmlPart: 'HTML',
    htmlBody: 'HTML body',
    textPart: 'Text',
    invite: 'Calendar invite',
    download: 'Download invite.ics',
    noInvite: 'No invite',
  },
} as const;
