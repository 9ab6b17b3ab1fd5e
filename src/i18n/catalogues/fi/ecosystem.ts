import type { Catalogue } from '../types.ts';

export const ecosystem: Catalogue['ecosystem'] = {
  roles: { admin: 'Ylläpitäjä', host: 'Isäntä', member: 'Jäsen' },
  kinds: { booking: 'Varaus', mentorship: 'Mentorointitapaaminen', event: 'Verkkotapahtuma' },
  list: {
    title: 'Omat ekosysteemit',
    none: 'Et ole vielä missään ekosysteemissä. Luo oma tai pyydä ylläpitäjää kutsumaan sinut.',
    createHeading: 'Luo ekosysteemi',
    name: 'Nimi',
    create: 'Luo ekosysteemi',
  },
  invitations: {
    heading: 'Kutsut',
    explain:
      'Liityt ekosysteemiin vasta, kun hyväksyt kutsun. Siihen asti kukaan siellä ei voi varata tai nähdä sinua.',
    invitedYouAs: 'kutsui sinut rooliin',
    accept: 'Hyväksy',
    decline: 'Hylkää',
  },
  hostedElsewhere: {
    heading: 'Olet isäntänä näissä ekosysteemeissä, joista erosit',
    explain: 'Et ole enää niiden jäsen, mutta nämä ovat kalenterissasi. Voit perua tapaamisen avaamalla sen.',
  },
  records: {
    when: 'Milloin',
    what: 'Mitä',
    host: 'Isäntä',
    location: 'Paikka',
    status: 'Tila',
    onlineLink: 'Verkkolinkki',
  },
  letsMeet: {
    newBooking: 'Uusi varaus',
    bookAHost: 'Varaa isäntä',
    newMentorship: 'Uusi mentorointitapaaminen',
    newEvent: 'Uusi verkkotapahtuma',
    upcoming: 'Tulevat',
    nothingScheduled: 'Ei vielä mitään sovittuna.',
    past: 'Menneet ja perutut',
  },
  manage: {
    title: 'Lets Meet → Hallinta',
    crumb: 'Hallinta',
  },
  requests: {
    heading: 'Varauspyynnöt ({{count}})',
    explain: 'Pyyntö pitää aikansa varattuna, kunnes vastaat. Jos et vastaa, se vanhenee ennen alkamisaikaa.',
    approve: 'Hyväksy',
    approveLabel: 'Hyväksy {{title}}',
    decline: 'Hylkää…',
  },
  zoomForOthers: {
    heading: 'Zoom-kokoukset, joita muut sopivat kanssasi',
    label: 'Anna jäsenten sopia kanssani Zoom-kokouksia',
    help: 'Kun asetus on päällä, ekosysteemin {{ecosystem}} jäsenet, jotka varaavat sinut (ja ylläpitäjät, jotka sopivat tapaamisiasi), saavat Zoom-kokouksen yhdistetylle Zoom-tilillesi – kukin enintään {{perDay}} päivässä (myös siirto lasketaan), ja saat jokaisesta uudesta kokouksesta sähköpostin. Kun asetus on pois päältä, vain sinä lisäät kokouksia Zoomiisi.',
    save: 'Tallenna',
  },
  settings: {
    heading: 'Ekosysteemin asetukset',
    language: 'Sähköpostien kieli niille, joilla ei ole tiliä',
    languageHelp:
      'Kutsut ja tapaamisten sähköpostit kirjoitetaan tällä kielellä niille, jotka eivät ole luoneet tiliä. Tilin luoneet saavat sähköpostinsa itse valitsemallaan kielellä.',
    save: 'Tallenna asetukset',
  },
  members: {
    heading: 'Jäsenet',
    name: 'Nimi',
    email: 'Sähköposti',
    role: 'Rooli',
    actions: 'Toiminnot',
    you: '(sinä)',
    roleOf: 'Käyttäjän {{name}} rooli',
    change: 'Vaihda',
    remove: 'Poista',
    pendingHeading: 'Avoimet kutsut',
    noPending: 'Ei avoimia kutsuja.',
    revoke: 'Peru kutsu',
    inviteHeading: 'Kutsu uusi jäsen',
    inviteExplain:
      'Kutsuttu saa sähköpostin ja liittyy, kun hän hyväksyy kutsun. Jos hänellä ei ole tiliä, hän hyväksyy kutsun luotuaan tilin tällä sähköpostiosoitteella.',
    send: 'Lähetä kutsu',
    leave: 'Eroa ekosysteemistä',
  },
  invitationMail: {
    subject: '{{inviter}} kutsui sinut ekosysteemiin {{ecosystem}} Ekosistem Appissa',
    joinAs: {
      admin: '{{inviter}} kutsui sinut ekosysteemiin {{ecosystem}} ylläpitäjäksi.',
      host: '{{inviter}} kutsui sinut ekosysteemiin {{ecosystem}} isännäksi.',
      member: '{{inviter}} kutsui sinut ekosysteemin {{ecosystem}} jäseneksi.',
    },
    howTo:
      'Kirjaudu sisään (tai luo tili tällä sähköpostiosoitteella) ja hyväksy tai hylkää kutsu. Ennen kuin hyväksyt sen, et ole jäsen, eikä kukaan siellä voi varata tai nähdä sinua.',
    action: 'Katso kutsu',
  },
};
