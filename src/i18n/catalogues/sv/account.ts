import type { Catalogue } from '../types.ts';

export const account: Catalogue['account'] = {
  resetRequest: {
    title: 'Glömt lösenord',
    heading: 'Glömt ditt lösenord?',
    text: 'Ange e-postadressen till ditt konto. Vi skickar en länk dit där du väljer ett nytt lösenord; länken häver också en inloggningsspärr efter felaktiga lösenord.',
    email: 'E-post',
    submit: 'Skicka en länk',
    remembered: 'Kom du ihåg det?',
    signIn: 'Logga in',
  },
  resetSent: {
    title: 'Kolla din e-post',
    text: 'Om ett konto använder adressen du angav har vi skickat en länk dit för att välja ett nytt lösenord. Länken fungerar en gång, i en timme.',
    noMail: 'Inget meddelande efter några minuter? Titta i skräpposten eller',
    askAgain: 'be om en ny länk',
  },
  resetChoose: {
    title: 'Välj ett nytt lösenord',
    forBefore: 'För',
    forAfter: '. När du sparar det förblir du inloggad här och loggas ut överallt annars.',
    newPassword: 'Nytt lösenord (minst 10 tecken)',
    submit: 'Spara lösenordet och logga in',
  },
  resetFailed: {
    heading: 'Den här länken fungerar inte',
    text: 'Lösenordslänkar fungerar en gång, i en timme.',
    askNew: 'Be om en ny länk',
    or: 'eller',
    signIn: 'logga in',
  },
  resetAccepted:
    'Om ett konto använder den här e-postadressen har vi skickat en länk dit för att välja ett nytt lösenord. Länken fungerar en gång, i en timme.',
  resetMail: {
    subject: 'Välj ett nytt lösenord för Ekosistem App',
    someone:
      'Någon (förhoppningsvis du) har bett om ett nytt lösenord för Ekosistem App-kontot med den här e-postadressen.',
    openLink:
      'Öppna länken nedan och välj ett nytt lösenord. Då loggas du in, alla andra som är inloggade på ditt konto loggas ut, och en inloggningsspärr efter felaktiga lösenord hävs. Länken fungerar en gång, i en timme.',
    notYou: 'Om du inte bad om det kan du strunta i det här meddelandet: ditt lösenord förblir som det är.',
    action: 'Välj ett nytt lösenord',
  },
  page: {
    title: 'Mitt konto',
    you: 'Dina uppgifter',
    language: 'Språk',
    timezone: 'Din tidszon',
    eachRecordsOwnZone: 'Varje mötes egen tidszon',
    profileHint:
      'Sidor och e-post är på ditt språk. Tider visas i din tidszon, eller i varje mötes egen om du inte väljer någon.',
    saveProfile: 'Spara språk och tidszon',
    passwordHeading: 'Byt lösenord',
    currentPassword: 'Nuvarande lösenord',
    newPassword: 'Nytt lösenord (minst 10 tecken)',
    passwordHint: 'Du loggas ut överallt annars; här förblir du inloggad.',
    changePassword: 'Byt lösenord',
    everywhereHeading: 'Logga ut överallt',
    everywhereText:
      'Avslutar alla sessioner för ditt konto – på den här enheten och alla andra. Använd det om en enhet har kommit bort eller delas med andra.',
    signOutEverywhere: 'Logga ut överallt',
  },
};
