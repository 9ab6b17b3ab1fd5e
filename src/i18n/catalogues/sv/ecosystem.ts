import type { Catalogue } from '../types.ts';

export const ecosystem: Catalogue['ecosystem'] = {
  roles: { admin: 'Administratör', host: 'Värd', member: 'Medlem' },
  kinds: { booking: 'Bokning', mentorship: 'Mentorsträff', event: 'Onlineevenemang' },
  list: {
    title: 'Mina ekosystem',
    none: 'Du är inte med i något ekosystem ännu. Skapa ett, eller be en administratör bjuda in dig.',
    createHeading: 'Skapa ett ekosystem',
    name: 'Namn',
    create: 'Skapa ekosystem',
  },
  invitations: {
    heading: 'Inbjudningar',
    explain: 'Du går med i ett ekosystem först när du tackar ja. Till dess kan ingen där boka dig eller se dig.',
    invitedYouAs: 'har bjudit in dig som',
    accept: 'Tacka ja',
    decline: 'Tacka nej',
  },
  hostedElsewhere: {
    heading: 'Du är värd för de här i ekosystem du har lämnat',
    explain: 'Du är inte längre medlem där, men de här finns i din kalender. Öppna ett möte om du vill ställa in det.',
  },
  records: {
    when: 'När',
    what: 'Vad',
    host: 'Värd',
    location: 'Plats',
    status: 'Läge',
    onlineLink: 'Onlinelänk',
  },
  letsMeet: {
    newBooking: 'Ny bokning',
    bookAHost: 'Boka en värd',
    newMentorship: 'Ny mentorsträff',
    newEvent: 'Nytt onlineevenemang',
    upcoming: 'Kommande',
    nothingScheduled: 'Inget inplanerat ännu.',
    past: 'Tidigare och inställda',
  },
  manage: {
    title: 'Lets Meet → Hantera',
    crumb: 'Hantera',
  },
  requests: {
    heading: 'Bokningsförfrågningar ({{count}})',
    explain: 'Varje förfrågan håller sin tid tills du svarar. Obesvarad går den ut innan den börjar.',
    approve: 'Godkänn',
    approveLabel: 'Godkänn {{title}}',
    decline: 'Avböj…',
  },
  zoomForOthers: {
    heading: 'Zoom-möten som andra planerar med dig',
    label: 'Låt medlemmar planera Zoom-möten med mig',
    help: 'När det är på får de i {{ecosystem}} som bokar dig (och administratörer som planerar dina möten) ett Zoom-möte skapat på ditt anslutna Zoom-konto – högst {{perDay}} per dag var (en flytt räknas), och du får e-post om varje nytt möte. När det är av lägger bara du in möten på ditt Zoom.',
    save: 'Spara',
  },
  settings: {
    heading: 'Ekosystemets inställningar',
    language: 'Språk för e-post till personer utan konto',
    languageHelp:
      'Inbjudningar och e-post om möten skrivs på det här språket till dem som inte har skapat ett konto. Den som har ett konto får e-post på det språk hen har valt.',
    save: 'Spara inställningarna',
  },
  members: {
    heading: 'Medlemmar',
    name: 'Namn',
    email: 'E-post',
    role: 'Roll',
    actions: 'Åtgärder',
    you: '(du)',
    roleOf: 'Roll för {{name}}',
    change: 'Ändra',
    remove: 'Ta bort',
    pendingHeading: 'Väntande inbjudningar',
    noPending: 'Inga öppna inbjudningar.',
    revoke: 'Återkalla',
    inviteHeading: 'Bjud in någon',
    inviteExplain:
      'Personen får ett e-postmeddelande och går med när hen tackar ja. Den som saknar konto tackar ja efter att ha skapat ett konto med den här e-postadressen.',
    send: 'Skicka inbjudan',
    leave: 'Lämna ekosystemet',
  },
  invitationMail: {
    subject: '{{inviter}} har bjudit in dig till {{ecosystem}} i Ekosistem App',
    joinAs: {
      admin: '{{inviter}} har bjudit in dig att gå med i {{ecosystem}} som administratör.',
      host: '{{inviter}} har bjudit in dig att gå med i {{ecosystem}} som värd.',
      member: '{{inviter}} har bjudit in dig att gå med i {{ecosystem}} som medlem.',
    },
    howTo:
      'Logga in (eller skapa ett konto med den här e-postadressen) för att tacka ja eller nej. Tills du tackar ja är du inte medlem, och ingen där kan boka dig eller se dig.',
    action: 'Visa inbjudan',
  },
};
