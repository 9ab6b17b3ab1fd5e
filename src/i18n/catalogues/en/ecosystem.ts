/** English texts: ecosystem — My ecosystems, an ecosystem's Lets Meet page, Manage, invitations. */
export const ecosystem = {
  roles: { admin: 'Admin', host: 'Host', member: 'Member' },
  kinds: { booking: 'Booking', mentorship: 'Mentorship session', event: 'Online event' },
  list: {
    title: 'My ecosystems',
    none: 'You are not in any ecosystem yet. Create one, or ask an admin to invite you.',
    createHeading: 'Create an ecosystem',
    name: 'Name',
    create: 'Create ecosystem',
  },
  invitations: {
    heading: 'Invitations',
    explain: 'You join an ecosystem only when you accept. Until then nobody there can book you or see you.',
    invitedYouAs: 'invited you as',
    accept: 'Accept',
    decline: 'Decline',
  },
  hostedElsewhere: {
    heading: 'You host these in ecosystems you left',
    explain: 'You are no longer a member there, but these are on your calendar: open one to cancel it.',
  },
  records: {
    when: 'When',
    what: 'What',
    host: 'Host',
    location: 'Location',
    status: 'Status',
    onlineLink: 'Online link',
  },
  letsMeet: {
    newBooking: 'New booking',
    bookAHost: 'Book a host',
    newMentorship: 'New mentorship session',
    newEvent: 'New online event',
    upcoming: 'Upcoming',
    nothingScheduled: 'Nothing scheduled yet.',
    past: 'Past and cancelled',
  },
  manage: {
    title: 'Lets Meet → Manage',
    crumb: 'Manage',
  },
  requests: {
    heading: 'Booking requests ({{count}})',
    explain: 'Each holds its time until you answer; unanswered, it expires before its start.',
    approve: 'Approve',
    approveLabel: 'Approve {{title}}',
    decline: 'Decline…',
  },
  zoomForOthers: {
    heading: 'Zoom meetings others schedule with you',
    label: 'Let members schedule Zoom meetings with me',
    help: 'When on, people in {{ecosystem}} who book you (and admins scheduling your sessions) get a Zoom meeting created on your connected Zoom account — at most {{perDay}} a day each (a reschedule counts), and you are emailed about every new one. When off, only you put meetings on your Zoom.',
    save: 'Save',
  },
  settings: {
    heading: 'Ecosystem settings',
    language: 'Language of email to people without an account',
    languageHelp:
      'Invitations and meeting emails to people who have not signed up are written in this language. People with an account get email in the language they chose.',
    save: 'Save settings',
  },
  members: {
    heading: 'Members',
    name: 'Name',
    email: 'Email',
    role: 'Role',
    actions: 'Actions',
    you: '(you)',
    roleOf: 'Role of {{name}}',
    change: 'Change',
    remove: 'Remove',
    pendingHeading: 'Pending invitations',
    noPending: 'No open invitations.',
    revoke: 'Revoke',
    inviteHeading: 'Invite someone',
    inviteExplain:
      'They get an email and join when they accept. People without an account accept after signing up with this email.',
    send: 'Send invitation',
    leave: 'Leave this ecosystem',
  },
  invitationMail: {
    subject: '{{inviter}} invited you to {{ecosystem}} on Ekosistem App',
    joinAs: {
      admin: '{{inviter}} invited you to join {{ecosystem}} as an admin.',
      host: '{{inviter}} invited you to join {{ecosystem}} as a host.',
      member: '{{inviter}} invited you to join {{ecosystem}} as a member.',
    },
    howTo:
      'Sign in (or sign up with this email address) to accept or decline. Until you accept, you are not a member and nobody there can book you or see you.',
    action: 'See the invitation',
  },
} as const;
