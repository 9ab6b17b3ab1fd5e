/**
 * English texts: every error message (docs/product.md §15). Error codes stay English in every
 * language; only these messages are translated.
 *
 * `codes.<code>`: one message for each error code the product answers, a complete sentence with
 * no placeholders, so it can always stand in when nothing more specific is known
 * (src/web/errorText.ts). Where one code has several messages, or a message names values, the
 * specific texts are in the other groups. Throw sites take their English from here
 * (src/errors.ts), so the English an error carries and its translations cannot drift apart.
 */
export const errors = {
  codes: {
    not_found: 'Not found.',
    link_not_found:
      'This link is not valid any more: it was used, the meeting is over or was cancelled, or it never existed.',
    unauthenticated: 'Sign in first.',
    invalid_input: 'Some of what was sent is not valid. Check it and try again.',
    invalid_json: 'The request body is not valid JSON.',
    bad_request: 'This request is not valid.',
    internal_error: 'Something went wrong on our side. Please try again.',
    invalid_text: 'Text may not contain NUL characters (\\u0000).',
    payload_too_large: 'The request body is larger than this endpoint accepts.',
    csrf_failed: 'This form has expired. Go back, reload the page and try again.',
    cross_origin: 'State-changing requests must come from the app’s own origin.',
    busy: 'The server is busy checking passwords. Try again in a moment.',
    too_many_attempts: 'Too many attempts. Try again later.',
    mail_quota: 'This would send more email than is allowed now. Nothing was changed; try again later.',
    account_exists: 'An account with this email already exists.',
    wrong_password: 'The current password is not right.',
    invalid_confirmation:
      'This confirmation link is invalid, has expired or was already used. Sign up again to get a new one.',
    invalid_reset:
      'This password link is invalid, has expired or was already used. Ask for a new one with “Forgot password?”.',
    same_password: 'Choose a new password that differs from the current one.',
    not_admin: 'Only an admin of this ecosystem can do this.',
    last_admin: 'This is the ecosystem’s only admin. Make someone else an admin first.',
    already_member: 'This person is already a member. Change their role in the member list.',
    not_host: 'Only hosts and admins can do this in this ecosystem.',
    invalid_host: 'The host must be a member of this ecosystem who hosts.',
    host_not_allowed: 'You cannot schedule this for that host.',
    host_required: 'Choose the host to book.',
    not_a_member: 'Only members of this ecosystem register for its events.',
    register_self_only: 'You can register only yourself. The event’s host or an admin can register other people.',
    not_allowed: 'You are not allowed to do this.',
    not_an_event: 'Only online events take registrations.',
    registration_closed: 'Registration for this event is closed.',
    already_registered: 'This person is already registered.',
    already_cancelled: 'This record is already cancelled.',
    awaiting_approval:
      'This booking waits for the host’s approval and cannot be moved. Cancel it and book another time.',
    request_closed: 'This request is closed; book another time.',
    not_requested: 'This booking is not waiting for an answer.',
    host_busy: 'The host is busy at that time. Choose another time.',
    slot_not_available: 'That time is not one of the host’s free slots. Choose one of the free slots.',
    slot_not_offered: 'That is not a time this host offered: choose one of their free times.',
    duration_not_offered: 'This host does not offer that length of meeting.',
    host_booking_limit:
      'Today’s Zoom meetings on this host’s Zoom are used up. Try again after 00:00 UTC, or choose another location.',
    zoom_not_configured: 'Zoom is not configured on this server.',
    zoom_not_connected:
      'The host has not connected Zoom. Connect Zoom on Lets Meet → Manage, or choose another location.',
    zoom_needs_reconnect:
      'The host’s Zoom connection needs to be reconnected (Lets Meet → Manage → Reconnect Zoom), or choose another location.',
    zoom_deauthorized:
      'The host removed the Ekosistem app from Zoom. They can connect Zoom again on Lets Meet → Manage, or choose another location.',
    zoom_not_allowed_by_host: 'Zoom is not available with this host. Choose another location, or ask them.',
    invalid_event: 'This Zoom event is not valid.',
  },
  notFound: {
    resource: 'No such resource.',
    page: 'No such page.',
    user: 'No such user.',
    host: 'No such host.',
    meeting: 'No such meeting.',
    ecosystem: 'No such ecosystem.',
    member: 'No such member.',
    invitation: 'No such invitation.',
    registration: 'No such registration.',
    link: 'No such link.',
  },
  auth: {
    wrongLogin: 'Email or password is wrong. If you just signed up, confirm your email first.',
    metricsToken: 'GET /metrics needs Authorization: Bearer <METRICS_TOKEN>.',
    accountExistsSignIn: 'This email already has an account. Sign in instead.',
    isNotRight: 'is not right',
    tooManySignIns_one:
      'Too many failed sign-ins. Try again in {{count}} minute, or use “Forgot password?” to get back in by email now.',
    tooManySignIns_other:
      'Too many failed sign-ins. Try again in {{count}} minutes, or use “Forgot password?” to get back in by email now.',
  },
  request: {
    payloadTooLarge: 'The request body is larger than this endpoint accepts ({{kb}} KB).',
  },
  access: {
    hostZoomForOthers: 'Only hosts and admins host meetings in this ecosystem.',
    createKind: 'Only hosts and admins can create mentorship sessions and events.',
    publishAvailability: 'Only people whose role is host publish availability; members book them.',
    answerRequest: 'Only the host approves or declines a booking request.',
    membersDoNotHost: 'Members do not host. Choose the host you want to book.',
    hostMustHost: 'The host must be a host or admin of this ecosystem.',
    bookHostsOnly: 'You can book people whose role is host; admins are booked through their own records.',
    adminSchedulesForOthers: 'Only an admin can schedule a session or event for someone else.',
    zoomHostLeft:
      'Zoom is not available with {{host}}: they are no longer a member of this ecosystem. Choose another location, or ask them.',
    zoomHostNoLongerHosts:
      'Zoom is not available with {{host}}: they no longer host in this ecosystem. Choose another location, or ask them.',
    zoomHostNotAllowed:
      'Zoom is not available with {{host}}: they have not turned on “Let members schedule Zoom meetings with me” in this ecosystem (or turned it off). Choose another location, or ask them.',
    changeRecord: 'Only the host, the creator or an ecosystem admin can change this record.',
    moveRecords: 'Only members of this ecosystem can move its records. You can cancel it.',
    manageRegistration: 'Only the registrant, the event’s host, its creator or an admin can do this.',
    linkCancels: 'This link lets you cancel the booking you made.',
    linkDeclines: 'This link lets you decline only.',
    linkUnregisters: 'This link lets you unregister only.',
  },
  records: {
    alreadyMember: '{{email}} is already a member. Change their role in the member list.',
    alreadyRegistered: '{{email}} is already registered.',
    eventCancelled: 'This event is cancelled.',
    requestDeclined: 'This request was declined; book another time.',
    requestExpired: 'This request was expired; book another time.',
    notRequestedScheduled: 'This booking is scheduled, not waiting for an answer.',
    notRequestedDeclined: 'This booking is declined, not waiting for an answer.',
    notRequestedExpired: 'This booking is expired, not waiting for an answer.',
    notRequestedCancelled: 'This booking is cancelled, not waiting for an answer.',
    onlyEventsTakeIt: '{{field}}: only events take it',
  },
  booking: {
    notBookable: 'This host does not take bookings here now. Choose another host.',
    durationNotOffered: 'duration: this host offers {{durations}} minutes',
    notOffered: 'That is not a time this host offered: choose one of their free times.',
    availabilityNotSaved: 'Your availability is not saved yet: check the marked fields.',
  },
  zoom: {
    signInToConnect: 'Sign in to Ekosistem App in this browser, then connect Zoom again from Lets Meet → Manage.',
    yourDailyLimit_one:
      'You have put {{count}} Zoom meeting on {{host}}’s Zoom today, the most one person may in a day (a reschedule counts: Zoom gets a new meeting). Try again after 00:00 UTC, or choose another location.',
    yourDailyLimit_other:
      'You have put {{count}} Zoom meetings on {{host}}’s Zoom today, the most one person may in a day (a reschedule counts: Zoom gets a new meeting). Try again after 00:00 UTC, or choose another location.',
    othersDailyLimit_one:
      'Others have put {{count}} Zoom meeting on {{host}}’s Zoom today, the most everyone together may in a day; the rest of Zoom’s daily limit stays theirs. Try again after 00:00 UTC, or choose another location.',
    othersDailyLimit_other:
      'Others have put {{count}} Zoom meetings on {{host}}’s Zoom today, the most everyone together may in a day; the rest of Zoom’s daily limit stays theirs. Try again after 00:00 UTC, or choose another location.',
  },
  mail: {
    personHour_one:
      'This would send more email than one person may send through Ekosistem App in an hour ({{limit}}). Nothing was changed; try again in {{count}} minute.',
    personHour_other:
      'This would send more email than one person may send through Ekosistem App in an hour ({{limit}}). Nothing was changed; try again in {{count}} minutes.',
    personDay:
      'This would send more email than one person may send through Ekosistem App in a day ({{limit}}). Nothing was changed; try again after 00:00 UTC.',
    ecosystemHour_one:
      'This ecosystem has sent as much email as it may in an hour ({{limit}}). Nothing was changed; try again in {{count}} minute.',
    ecosystemHour_other:
      'This ecosystem has sent as much email as it may in an hour ({{limit}}). Nothing was changed; try again in {{count}} minutes.',
    network_one:
      'Too many sign-up and password-reset emails were asked from your network in the last hour ({{limit}}). Try again in {{count}} minute.',
    network_other:
      'Too many sign-up and password-reset emails were asked from your network in the last hour ({{limit}}). Try again in {{count}} minutes.',
  },
  /**
   * Input checks (zod). A field's message follows its API name, as in `startTime: must be in the
   * future`; the field names are codes and stay as they are. The schemas' own messages come from
   * here; `issues` words the checks whose message is zod's own.
   */
  input: {
    unknownFields_one: 'unknown field: {{fields}}',
    unknownFields_other: 'unknown fields: {{fields}}',
    ianaZone: 'must be an IANA timezone such as Europe/Helsinki',
    email: 'must be an email address',
    httpUrl: 'must be an http(s) URL',
    isoDateTime: 'must be an ISO 8601 date-time with offset, e.g. 2026-12-01T09:00:00Z',
    inFuture: 'must be in the future',
    wholeMinutes: 'must be a whole number of minutes',
    atLeastMinutes_one: 'must be at least {{count}} minute',
    atLeastMinutes_other: 'must be at least {{count}} minutes',
    atMostMinutes_one: 'must be at most {{count}} minute',
    atMostMinutes_other: 'must be at most {{count}} minutes',
    wholeSeats: 'must be a whole number of seats',
    atLeastSeats_one: 'must be at least {{count}} seat',
    atLeastSeats_other: 'must be at least {{count}} seats',
    atMostSeats_one: 'must be at most {{count}} seat',
    atMostSeats_other: 'must be at most {{count}} seats',
    onlyEvents: 'only events take it',
    notAfterStart: 'must be no later than the start',
    timeOfDay: 'must be a time of day such as 09:00 (24:00 for midnight)',
    windowOrder: 'a window must end after it starts',
    endAfterStart: 'must end after it starts',
    spanDays_one: 'may span at most {{count}} day',
    spanDays_other: 'may span at most {{count}} days',
    notNegative: 'must not be negative',
    atMost: 'must be at most {{max}}',
    oneDuration: 'offer at least one duration',
    eachDurationOnce: 'each duration once',
    atLeastDays_one: 'must be at least {{count}} day',
    atLeastDays_other: 'must be at least {{count}} days',
    atMostDays_one: 'must be at most {{count}} day',
    atMostDays_other: 'must be at most {{count}} days',
    reminderMax: 'must be at most {{max}} minutes ({{days}} days)',
    atMostReminders_one: 'at most {{count}} reminder',
    atMostReminders_other: 'at most {{count}} reminders',
    eachTimeOnce: 'each time once',
    reasonLength: 'keep the reason under {{max}} characters',
    fromInstant: 'from: must be an ISO 8601 date-time with offset, e.g. 2026-12-01T09:00:00Z',
    toInstant: 'to: must be an ISO 8601 date-time with offset, e.g. 2026-12-01T09:00:00Z',
    toAfterFrom: 'to: must be after from',
    rangeDays: 'to: at most {{days}} days after from',
    durationMinutes: 'duration: must be a whole number of minutes',
  },
  /** Zod's own checks, worded for each language (English keeps zod's words). */
  issues: {
    required: 'is required',
    invalidType: 'must be of type {{expected}}',
    atLeastCharacters_one: 'must be at least {{count}} character',
    atLeastCharacters_other: 'must be at least {{count}} characters',
    atMostCharacters_one: 'must be at most {{count}} character',
    atMostCharacters_other: 'must be at most {{count}} characters',
    notEmpty: 'must not be empty',
    atLeast: 'must be at least {{min}}',
    greaterThan: 'must be greater than {{min}}',
    lessThan: 'must be less than {{max}}',
    atLeastItems_one: 'must have at least {{count}} item',
    atLeastItems_other: 'must have at least {{count}} items',
    atMostItems_one: 'must have at most {{count}} item',
    atMostItems_other: 'must have at most {{count}} items',
    wholeNumber: 'must be a whole number',
    uuid: 'must be an id (UUID)',
    url: 'must be a URL',
    format: 'has the wrong format',
    oneOf: 'must be one of: {{values}}',
    multipleOf: 'must be a multiple of {{divisor}}',
    invalid: 'is not valid',
  },
} as const;
