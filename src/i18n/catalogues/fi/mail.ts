import type { Catalogue } from '../types.ts';

export const mail: Catalogue['mail'] = {
  summary: {
    booking: '{{title}} · Lets Meet -varaus',
    mentorship: '{{title}} · Mentorointitapaaminen',
    event: '{{title}} · Verkkotapahtuma',
  },
  heading: {
    invitation: 'Kutsu: {{title}}',
    update: 'Päivitetty: {{title}}',
    cancellation: 'Peruttu: {{title}}',
    reminder: 'Muistutus: {{title}}',
    request: 'Pyyntö lähetetty: {{title}}',
    waitlisted: 'Jonotuslistalla: {{title}}',
    removed: 'Ilmoittautuminen peruttu: {{title}}',
  },
  lead: {
    invitation: {
      booking: 'Tämän Lets Meet -varauksen isäntä on {{host}}.',
      mentorship: 'Tämän mentorointitapaamisen isäntä on {{host}}.',
      event: 'Tämän verkkotapahtuman isäntä on {{host}}.',
    },
    update: {
      booking: 'Tämän Lets Meet -varauksen tiedot muuttuivat. Alla oleva kalenterikutsu korvaa aiemman.',
      mentorship: 'Tämän mentorointitapaamisen tiedot muuttuivat. Alla oleva kalenterikutsu korvaa aiemman.',
      event: 'Tämän verkkotapahtuman tiedot muuttuivat. Alla oleva kalenterikutsu korvaa aiemman.',
    },
    cancellation: {
      booking: 'Tämä Lets Meet -varaus (isäntä {{host}}) on peruttu.',
      mentorship: 'Tämä mentorointitapaaminen (isäntä {{host}}) on peruttu.',
      event: 'Tämä verkkotapahtuma (isäntä {{host}}) on peruttu.',
    },
    reminder: {
      booking: 'Lets Meet -varauksesi (isäntä {{host}}) lähestyy.',
      mentorship: 'Mentorointitapaamisesi (isäntä {{host}}) lähestyy.',
      event: 'Verkkotapahtuma (isäntä {{host}}) lähestyy.',
    },
    request: {
      booking:
        'Pyysit tätä Lets Meet -varausta isännältä {{host}}. Sitä ei ole vielä vahvistettu: saat sähköpostin, kun {{host}} hyväksyy tai hylkää sen.',
      mentorship:
        'Pyysit tätä mentorointitapaamista isännältä {{host}}. Sitä ei ole vielä vahvistettu: saat sähköpostin, kun {{host}} hyväksyy tai hylkää sen.',
      event:
        'Pyysit paikkaa tähän verkkotapahtumaan isännältä {{host}}. Sitä ei ole vielä vahvistettu: saat sähköpostin, kun {{host}} hyväksyy tai hylkää sen.',
    },
    waitlisted: {
      booking:
        'Tämä Lets Meet -varaus on täynnä, joten olet sen jonotuslistalla. Kun paikka vapautuu, se on sinun, ja saat liittymislinkin sähköpostilla.',
      mentorship:
        'Tämä mentorointitapaaminen on täynnä, joten olet sen jonotuslistalla. Kun paikka vapautuu, se on sinun, ja saat liittymislinkin sähköpostilla.',
      event:
        'Tämä verkkotapahtuma on täynnä, joten olet sen jonotuslistalla. Kun paikka vapautuu, se on sinun, ja saat liittymislinkin sähköpostilla.',
    },
    waitlistedAt: {
      booking:
        'Tämä Lets Meet -varaus on täynnä, joten olet sen jonotuslistalla sijalla {{position}}. Kun paikka vapautuu, se on sinun, ja saat liittymislinkin sähköpostilla.',
      mentorship:
        'Tämä mentorointitapaaminen on täynnä, joten olet sen jonotuslistalla sijalla {{position}}. Kun paikka vapautuu, se on sinun, ja saat liittymislinkin sähköpostilla.',
      event:
        'Tämä verkkotapahtuma on täynnä, joten olet sen jonotuslistalla sijalla {{position}}. Kun paikka vapautuu, se on sinun, ja saat liittymislinkin sähköpostilla.',
    },
    removed: {
      booking:
        'Et ole enää ilmoittautunut tähän Lets Meet -varaukseen (isäntä {{host}}). Alla oleva kalenterikutsu poistaa sen kalenteristasi.',
      mentorship:
        'Et ole enää ilmoittautunut tähän mentorointitapaamiseen (isäntä {{host}}). Alla oleva kalenterikutsu poistaa sen kalenteristasi.',
      event:
        'Et ole enää ilmoittautunut tähän verkkotapahtumaan (isäntä {{host}}). Alla oleva kalenterikutsu poistaa sen kalenteristasi.',
    },
  },
  label: {
    when: 'Aika',
    where: 'Paikka',
    join: 'Liity',
    joinZoom: 'Liity Zoom-kokoukseen',
    meetingId: 'Kokouksen tunnus',
    passcode: 'Pääsykoodi',
    reason: 'Syy',
    details: 'Tiedot',
  },
  zoomPending: 'Zoom – kokousta luodaan parhaillaan; saat linkin sähköpostilla.',
  respond: {
    decline: 'Etkö pääse? Ilmoita siitä',
    cancel: 'Pitääkö perua? Peru tämä varaus',
    unregister: 'Etkö pääse? Peru ilmoittautuminen',
  },
  joinButton: 'Liity',
  viewInApp: 'Näytä Ekosistem Appissa',
  notice: {
    open: 'Avaa',
    openRecord: 'Avaa tapaaminen',
    reason: 'Syy: {{reason}}',
    note: 'Huom.: {{note}}',
    request: {
      subject: 'Varauspyyntö: {{title}}',
      asks: '{{who}} haluaa varata kanssasi tapaamisen ”{{title}}”: {{when}}.',
      aMember: 'Jäsen',
      held: 'Kalenteriisi tai Zoomiisi ei tule mitään ennen kuin hyväksyt. Aika pidetään pyynnölle varattuna {{until}} asti; jos et vastaa siihen mennessä, pyyntö vanhenee.',
      action: 'Hyväksy tai hylkää',
    },
    declined: {
      subject: 'Hylätty: {{title}}',
      body: '{{host}} hylkäsi varauksesi ”{{title}}” ({{when}}).',
    },
    expired: {
      subject: 'Ei vahvistettu: {{title}}',
      body: '{{host}} ei vastannut ajoissa varauspyyntöösi ”{{title}}” ({{when}}), joten pyyntö vanheni.',
    },
    nothingScheduled: 'Mitään ei varattu. Voit varata toisen ajan.',
    othersZoom: {
      createdSubject: '{{creator}} ajoitti Zoom-kokouksen Zoomiisi: {{title}}',
      movedSubject: '{{creator}} siirsi Zoom-kokouksen Zoomissasi: {{title}}',
      created: '{{creator}} loi tapaamisen ”{{title}}” ekosysteemiin {{ecosystem}}, ja sinä olet sen isäntä: {{when}}.',
      moved:
        '{{creator}} siirsi isännöimäsi tapaamisen ”{{title}}” ekosysteemissä {{ecosystem}} uuteen aikaan: {{when}}. Zoom saa uudelle ajalle uuden kokouksen, ja vanha poistetaan.',
      why: 'Zoom-kokous luodaan yhdistämällesi Zoom-tilille, koska olet sallinut jäsenten ajoittaa Zoom-kokouksia kanssasi tässä ekosysteemissä. Voit estää sen kohdassa Lets Meet → Hallinta.',
    },
    unregistered: {
      subject: 'Ilmoittautuminen peruttu: {{title}}',
      body: '{{who}} perui ilmoittautumisensa tapahtumaan ”{{title}}” ({{when}}).',
    },
    attendeeDeclined: {
      subject: 'Ei pääse: {{title}}',
      body: '{{who}} ei pääse tapaamiseen ”{{title}}” ({{when}}).',
    },
    cancelled: {
      subject: 'Peruttu: {{title}}',
      withdrawnSubject: 'Pyyntö peruttu: {{title}}',
      body: '{{who}} perui tapaamisen ”{{title}}” ({{when}}). Aika on taas vapaa.',
    },
    createFailed: {
      subject: 'Zoom-kokousta ei voitu luoda: {{title}}',
      refused: 'Zoom kieltäytyi luomasta kokousta tapaamiselle ”{{title}}”.',
      said: 'Zoomin vastaus: {{message}}',
      whatToDo:
        'Avaa tapaaminen ja vaihda sen paikka, tai tarkista Zoom-sovelluksen oikeudet ja yhdistä Zoom uudelleen kohdassa Lets Meet → Hallinta.',
    },
    deleteFailed: {
      subject: 'Zoom-kokousta {{id}} ei voitu poistaa',
      refused: 'Zoom kieltäytyi poistamasta kokousta {{id}}: {{message}}',
      whatToDo: 'Poista se Zoomissa, jotta kukaan ei liity peruttuun kokoukseen.',
    },
    reconnect: {
      subject: 'Yhdistä Zoom uudelleen, jotta kokouksesi pysyvät ajan tasalla',
      lost: 'Zoom ei enää hyväksy Ekosistem Appin pääsyä Zoom-tiliisi, joten uusia Zoom-kokouksia ei voi luoda eikä peruttuja poistaa.',
      howTo:
        'Avaa Lets Meet → Hallinta ja valitse ”Yhdistä Zoom uudelleen”. Odottavat kokoukset luodaan ja poistetaan heti, kun teet sen.',
      action: 'Yhdistä Zoom uudelleen',
    },
    deauthorized: {
      subject: 'Ekosistem App poistettiin Zoom-tililtäsi',
      removed:
        'Sinä (tai Zoom-ylläpitäjäsi) poistit Ekosistem Appin Zoomista. Poistimme Zoom-tunnuksesi emmekä enää luo tai poista Zoom-kokouksia puolestasi.',
      kept: 'Jo luodut Zoom-kokoukset jäävät Zoom-tilillesi. Zoom-kokousta odottavat tapaamiset on merkitty, jotta voit vaihtaa niiden paikan.',
      again: 'Jos haluat käyttää Zoomia taas, yhdistä se kohdassa Lets Meet → Hallinta.',
      action: 'Avaa Ekosistem App',
    },
  },
  mailbox: {
    title: 'Postilaatikko',
    intro: 'Sovelluksen lähettämät viestit (SMTP-palvelinta ei ole määritetty).',
    backToApp: 'Takaisin sovellukseen',
    empty: 'Ei vielä viestejä.',
    to: 'Vastaanottaja',
    subject: 'Aihe',
    when: 'Aika',
    status: 'Tila',
    withInvite: 'kalenterikutsu',
    notFound: 'Ei löytynyt',
    noSuchMessage: 'Viestiä ei ole.',
    backToMailbox: '← Postilaatikko',
    htmlPart: 'HTML-versio',
    htmlBody: 'HTML-sisältö',
    textPart: 'Teksti',
    invite: 'Kalenterikutsu',
    download: 'Lataa invite.ics',
    noInvite: 'Ei kalenterikutsua',
  },
};
