/**
 * English texts: getting back in by mail (the reset pages, the API's answer, the mail) and the
 * account page. A sentence around a link is split into the texts before and after it.
 */
export const account = {
  resetRequest: {
    title: 'Forgot password',
    heading: 'Forgot your password?',
    text: 'Give the email of your account. We mail it a link to choose a new password; opening it also lifts a sign-in lock from wrong passwords.',
    email: 'Email',
    submit: 'Email me a link',
    remembered: 'Remembered it?',
    signIn: 'Sign in',
  },
  resetSent: {
    title: 'Check your email',
    text: 'If an account uses the address you gave, we sent it a link to choose a new password. The link works once, for 1 hour.',
    noMail: 'No mail after a few minutes? Look in your spam folder, or',
    askAgain: 'ask again',
  },
  resetChoose: {
    title: 'Choose a new password',
    forBefore: 'For',
    forAfter: '. When you save it you are signed in here, and signed out everywhere else.',
    newPassword: 'New password (10 characters or more)',
    submit: 'Save password and sign in',
  },
  resetFailed: {
    heading: 'This link does not work',
    text: 'Password links work once, for 1 hour.',
    askNew: 'Ask for a new one',
    or: ', or',
    signIn: 'sign in',
  },
  /** `POST /api/auth/password-reset` answers this, whatever the email. */
  resetAccepted:
    'If an account uses this email, we sent it a link to choose a new password. The link works once, for 1 hour.',
  resetMail: {
    subject: 'Choose a new password for Ekosistem App',
    someone: 'Someone (we hope you) asked for a new password for the Ekosistem App account of this email address.',
    openLink:
      'Open the link below and choose a new password: you are then signed in, everyone else signed in to your account is signed out, and a sign-in lock from wrong passwords is lifted. The link works once, for 1 hour.',
    notYou: 'If you did not ask, ignore this email: your password stays as it is.',
    action: 'Choose a new password',
  },
  page: {
    title: 'Your account',
    you: 'You',
    language: 'Language',
    timezone: 'Your time zone',
    eachRecordsOwnZone: 'Each meeting’s own time zone',
    profileHint:
      'Pages and emails are in your language. They show times in your time zone, or in each meeting’s own when you choose none.',
    saveProfile: 'Save language and time zone',
    passwordHeading: 'Change password',
    currentPassword: 'Current password',
    newPassword: 'New password (10 characters or more)',
    passwordHint: 'Everywhere else you are signed in is signed out; you stay signed in here.',
    changePassword: 'Change password',
    everywhereHeading: 'Sign out everywhere',
    everywhereText:
      'Ends every session of your account — on this device and every other one. Use it when a device is lost or shared.',
    signOutEverywhere: 'Sign out everywhere',
  },
} as const;
