/**
 * English texts: the record pages — the new-record form, the record page (details, attendees,
 * approval, reschedule, cancel, event seats) and the personal link's page (/respond/:token).
 */
export const records = {
  /** The record's kind, as its page labels it. */
  kinds: {
    booking: 'Booking',
    mentorship: 'Mentorship session',
    event: 'Online event',
  },
  form: {
    heading: {
      booking: 'New booking',
      mentorship: 'New mentorship session',
      event: 'New online event',
    },
    title: 'Title',
    description: 'Description',
    dateTime: 'Date and time',
    timezone: 'Timezone',
    duration: 'Duration (minutes, 5–600)',
    /** The host picker's label: who the host is called for each kind. */
    hostRole: {
      booking: 'Host',
      mentorship: 'Mentor',
      event: 'Organizer',
    },
    chooseHost: 'Choose a host…',
    hostNoZoom: '{{host}} — no Zoom',
    /** `count`: the minutes the plan lets a meeting last. */
    zoomPlanLimit_one: 'Zoom’s free {{plan}} plan ends every meeting after {{count}} minute.',
    zoomPlanLimit_other: 'Zoom’s free {{plan}} plan ends every meeting after {{count}} minutes.',
    /** `count`: how many of the hosts listed are on that plan. */
    zoomPlanHosts_one:
      '{{names}} is on it, so a longer Zoom meeting with them will be cut off at {{minutes}} minutes. You can still save it.',
    zoomPlanHosts_other:
      '{{names}} are on it, so a longer Zoom meeting with one of them will be cut off at {{minutes}} minutes. You can still save it.',
    noHosts: 'Nobody here can be booked for this yet: hosts are the people an admin made hosts.',
    locationType: 'Location type',
    zoomChoice: "Zoom (a meeting is created on the host's Zoom account)",
    zoomNotAvailable:
      "Zoom is not available with {{names}}: a host's Zoom is used for meetings others schedule only when that host has turned on “Let members schedule Zoom meetings with me” in this ecosystem. Choose another location for them.",
    zoomAvailable: 'Zoom is available with every host listed.',
    inPerson: 'In person',
    address: 'Address',
    link: 'Link',
    url: 'URL',
    seatsAndRegistration: 'Seats and registration',
    seats: 'Seats',
    seatsHint: '(optional; past them people join a waitlist)',
    registrationCloses: 'Registration closes',
    registrationClosesHint: '(optional, in the event’s time zone; at the start otherwise)',
    inviteRegistrants: 'Invite registrants (optional)',
    attendeeEmails: 'Attendee emails',
    emailsHint: 'one per line or comma-separated',
    save: 'Save',
  },
  /** Messages next to a form's date, time and zone fields. */
  timeErrors: {
    chooseDateTime: 'choose a date and time',
    notRealDateTime: '{{local}} is not a real date and time',
    skippedByClocks: '{{local}} does not exist in {{zone}} (the clocks skip it)',
    notZone: 'must be an IANA timezone such as Europe/Helsinki',
    notDateTime: 'must be a date and time',
  },
  page: {
    myEcosystems: 'My ecosystems',
    hostLeft: 'You host this in an ecosystem you left: you can still cancel it.',
    when: 'When:',
    host: 'Host:',
    bookedBy: 'Booked by:',
    where: 'Where:',
    note: 'Note:',
    registrants: 'Registrants',
    yourRegistration: 'Your registration',
    attendees: 'Attendees',
    noneYet: 'None yet.',
    notRegistered: 'You are not registered.',
    waitlistPlace: 'Waitlist #{{position}}',
    unregister: 'Unregister',
    remove: 'Remove',
    registerSomeone: 'Register someone',
    joinWaitlist: 'Join the waitlist',
    register: 'Register',
    name: 'Name',
    email: 'Email',
    registerAs: 'You register as {{email}}.',
  },
  seats: {
    registrationClosed: 'Registration closed.',
    registrationClosesAt: 'Registration closes {{when}}.',
    /** `count`: people registered. */
    noLimit_one: '{{count}} registered, no seat limit.',
    noLimit_other: '{{count}} registered, no seat limit.',
    /** `count`: the event's seats. */
    left_one: '{{left}} of {{count}} seat left',
    left_other: '{{left}} of {{count}} seats left',
    /** `count`: people on the waitlist. */
    waitlist_one: '{{count}} on the waitlist.',
    waitlist_other: '{{count}} on the waitlist.',
    full: 'Full — join the waitlist:',
    fullExplain: 'if a seat frees up it is yours.',
  },
  zoom: {
    onWaitlist: 'You are on the waitlist: the join link comes by email, and shows here, when a seat is yours.',
    afterRegistering: 'The join link is sent to registrants and shown here once you register.',
    join: 'Join Zoom meeting',
    joinUrl: 'Join URL:',
    meetingId: 'Meeting ID',
    passcode: 'Passcode',
    leftOnZoom_one: 'Meeting ID left on Zoom:',
    leftOnZoom_other: 'Meeting IDs left on Zoom:',
  },
  request: {
    heading: 'Booking request',
    explainZoom:
      'Approve to schedule it and create its Zoom meeting on your Zoom; its people then get the invitation. Decline to free the time; the person who asked is told.',
    explain:
      'Approve to schedule it; its people then get the invitation. Decline to free the time; the person who asked is told.',
    approve: 'Approve',
    reason: 'Reason',
    reasonHint: '(optional, sent to the person who asked)',
    decline: 'Decline',
  },
  reschedule: {
    heading: 'Reschedule',
    dateTimeIn: 'Date and time ({{zone}})',
    duration: 'Duration (minutes)',
    seats: 'Seats',
    seatsHint: '(empty: no limit)',
    registrationCloses: 'Registration closes',
    registrationClosesHint: '(empty: at the start)',
    submit: 'Reschedule',
  },
  cancel: {
    heading: 'Cancel',
    requestExplain: 'The host is told, and the time is free again.',
    zoomExplain: 'Attendees are told, and the Zoom meeting is deleted from Zoom.',
    explain: 'Attendees are told, and the calendar invite is withdrawn.',
    reason: 'Reason',
    reasonHint: '(optional, shown to everyone told)',
    request: 'Cancel this request',
    booking: 'Cancel this booking',
    mentorship: 'Cancel this session',
    event: 'Cancel this event',
  },
  respond: {
    /** After the record's title: what it is and whose. */
    kindWithHost: {
      booking: 'a booking with {{host}}',
      mentorship: 'a mentorship session with {{host}}',
      event: 'an online event with {{host}}',
    },
    when: 'When:',
    sentTo: 'This link was sent to {{email}}.',
    reason: 'Reason',
    optional: '(optional)',
    /** `count`: the longest reason, in characters. */
    reasonTooLong_one: 'keep the reason under {{count}} character',
    reasonTooLong_other: 'keep the reason under {{count}} characters',
    decline: {
      title: 'Can’t make it?',
      button: 'Decline',
      done: 'You declined. The host has been told, and you will get no more mail about it.',
      explain:
        'You leave this meeting; the host and the person who invited you are told, with your reason if you give one.',
    },
    cancel: {
      title: 'Cancel your booking?',
      button: 'Cancel the booking',
      done: 'Your booking is cancelled. Everyone on it has been told.',
      explain:
        'The booking is cancelled for everyone, its Zoom meeting (if any) is deleted, and everyone is told, with your reason if you give one.',
    },
    unregister: {
      title: 'Can’t come?',
      button: 'Unregister',
      done: 'You are unregistered. The organizer has been told.',
      explain: 'Your registration is removed and the organizer is told, with your reason if you give one.',
    },
    notValidTitle: 'Link not valid',
    notValid: 'This link is not valid any more',
    notValidNext: 'If you still need to change something, sign in or ask the host.',
    done: 'Done',
    notAllowed: 'Not allowed',
  },
  /** Warnings about a record that do not stop it being saved (src/meetings/meetingWarnings.ts). */
  warnings: {
    lengthLimit:
      '{{host}}’s Zoom account is on Zoom’s {{plan}} plan, where every meeting ends after {{max}} minutes: this {{duration}}-minute meeting will be cut off at {{max}} minutes. Shorten it, split it, or the host can upgrade their Zoom plan.',
    lengthLimitNoName:
      'The host’s Zoom account is on Zoom’s {{plan}} plan, where every meeting ends after {{max}} minutes: this {{duration}}-minute meeting will be cut off at {{max}} minutes. Shorten it, split it, or the host can upgrade their Zoom plan.',
  },
} as const;
