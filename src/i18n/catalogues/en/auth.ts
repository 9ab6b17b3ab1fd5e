/**
 * English texts: signing in, signing up and its confirmation (pages, the API's answer, the mails).
 * A sentence around a link is split into the texts before and after it (a text holds no markup).
 */
export const auth = {
  signIn: {
    title: 'Sign in',
    email: 'Email',
    password: 'Password',
    submit: 'Sign in',
    forgotPassword: 'Forgot password?',
    newHere: 'New here?',
    createAccount: 'Create an account',
  },
  signUp: {
    title: 'Sign up',
    heading: 'Create your account',
    name: 'Name',
    email: 'Email',
    submit: 'Sign up',
    howItWorks:
      'We will email you a link to confirm your address. You choose your password when you open it, and your account is created then.',
    haveAccount: 'Already have an account?',
    signIn: 'Sign in',
  },
  sent: {
    title: 'Check your email',
    text: 'We sent a link to the address you gave. Open it to confirm your email, choose your password and finish signing up; it works for 24 hours.',
    noMail: 'No mail after a few minutes? Look in your spam folder, or',
    signUpAgain: 'sign up again',
    haveAccount: 'Already have an account?',
    signIn: 'Sign in',
  },
  confirm: {
    title: 'Confirm your email',
    introBefore: 'Create your Ekosistem App account for',
    introAfter: ': choose your name and password, then sign in.',
    name: 'Name',
    password: 'Password (10 characters or more)',
    submit: 'Create account and sign in',
  },
  confirmFailed: {
    accountExists: 'You already have an account',
    signIn: 'Sign in',
    withPassword: 'with your password.',
    invalid: 'This link does not work',
    linksWorkOnce: 'Confirmation links work once, for 24 hours.',
    signUpAgain: 'Sign up again',
    toGetNew: 'to get a new one, or',
    signInLower: 'sign in',
    ifConfirmed: 'if you already confirmed.',
  },
  /** `POST /api/auth/signup` answers this, whatever the email. */
  accepted:
    'Check your email: we sent a link to confirm your address and finish signing up. The link works for 24 hours.',
  confirmationMail: {
    subject: 'Confirm your email for Ekosistem App',
    someone: 'Someone (we hope you) signed up for Ekosistem App with this email address.',
    openLink:
      'Open the link below, choose your name and password, and press “Create account and sign in”. The link works once, for 24 hours.',
    notYou: 'If you did not sign up, ignore this email: no account is created without the link.',
    action: 'Confirm your email',
  },
  attemptMail: {
    subject: 'Someone tried to sign up with your email',
    someone:
      'Someone tried to create a new Ekosistem App account with this email address, which already has an account. No new account was created and your account is unchanged.',
    ifYou:
      'If it was you, sign in with your existing password instead (“Forgot password?” on the sign-in page mails you a link to choose a new one). Otherwise you can ignore this email.',
    action: 'Sign in',
  },
} as const;
