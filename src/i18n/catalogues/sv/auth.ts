import type { Catalogue } from '../types.ts';

export const auth: Catalogue['auth'] = {
  signIn: {
    title: 'Logga in',
    email: 'E-post',
    password: 'Lösenord',
    submit: 'Logga in',
    forgotPassword: 'Glömt lösenordet?',
    newHere: 'Ny här?',
    createAccount: 'Skapa ett konto',
  },
  signUp: {
    title: 'Skapa konto',
    heading: 'Skapa ditt konto',
    name: 'Namn',
    email: 'E-post',
    submit: 'Skapa konto',
    howItWorks:
      'Vi skickar en länk till din e-post så att du kan bekräfta adressen. Du väljer lösenord när du öppnar länken, och då skapas ditt konto.',
    haveAccount: 'Har du redan ett konto?',
    signIn: 'Logga in',
  },
  sent: {
    title: 'Kolla din e-post',
    text: 'Vi har skickat en länk till adressen du angav. Öppna den för att bekräfta din e-post, välja lösenord och skapa kontot. Länken fungerar i 24 timmar.',
    noMail: 'Inget meddelande efter några minuter? Titta i skräpposten eller',
    signUpAgain: 'skapa konto igen',
    haveAccount: 'Har du redan ett konto?',
    signIn: 'Logga in',
  },
  confirm: {
    title: 'Bekräfta din e-post',
    introBefore: 'Skapa ditt Ekosistem App-konto för',
    introAfter: ': välj namn och lösenord och logga sedan in.',
    name: 'Namn',
    password: 'Lösenord (minst 10 tecken)',
    submit: 'Skapa konto och logga in',
  },
  confirmFailed: {
    accountExists: 'Du har redan ett konto',
    signIn: 'Logga in',
    withPassword: 'med ditt lösenord.',
    invalid: 'Den här länken fungerar inte',
    linksWorkOnce: 'Bekräftelselänkar fungerar en gång, i 24 timmar.',
    signUpAgain: 'Skapa konto igen',
    toGetNew: 'för att få en ny länk eller',
    signInLower: 'logga in',
    ifConfirmed: 'om du redan har bekräftat adressen.',
  },
  accepted:
    'Kolla din e-post: vi har skickat en länk för att bekräfta adressen och skapa kontot. Länken fungerar i 24 timmar.',
  confirmationMail: {
    subject: 'Bekräfta din e-post för Ekosistem App',
    someone: 'Någon (förhoppningsvis du) vill skapa ett konto på Ekosistem App med den här e-postadressen.',
    openLink:
      'Öppna länken nedan, välj namn och lösenord och tryck på ”Skapa konto och logga in”. Länken fungerar en gång, i 24 timmar.',
    notYou: 'Om det inte var du kan du strunta i det här meddelandet: inget konto skapas utan länken.',
    action: 'Bekräfta din e-post',
  },
  attemptMail: {
    subject: 'Någon försökte skapa ett konto med din e-post',
    someone:
      'Någon försökte skapa ett nytt Ekosistem App-konto med den här e-postadressen, som redan har ett konto. Inget nytt konto skapades och ditt konto är oförändrat.',
    ifYou:
      'Om det var du, logga in med ditt nuvarande lösenord i stället (”Glömt lösenordet?” på inloggningssidan skickar dig en länk för att välja ett nytt). Annars kan du strunta i det här meddelandet.',
    action: 'Logga in',
  },
};
