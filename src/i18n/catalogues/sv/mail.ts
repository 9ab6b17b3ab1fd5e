import type { Catalogue } from '../types.ts';

export const mail: Catalogue['mail'] = {
  summary: {
    booking: '{{title}} · Lets Meet-bokning',
    mentorship: '{{title}} · Mentorsträff',
    event: '{{title}} · Onlineevenemang',
  },
  heading: {
    invitation: 'Du är inbjuden: {{title}}',
    update: 'Uppdaterat: {{title}}',
    cancellation: 'Inställt: {{title}}',
    reminder: 'Påminnelse: {{title}}',
    request: 'Förfrågan skickad: {{title}}',
    waitlisted: 'På väntelistan: {{title}}',
    removed: 'Anmälan återkallad: {{title}}',
  },
  lead: {
    invitation: {
      booking: '{{host}} är värd för den här Lets Meet-bokningen.',
      mentorship: '{{host}} är värd för den här mentorsträffen.',
      event: '{{host}} är värd för det här onlineevenemanget.',
    },
    update: {
      booking: 'Uppgifterna för den här Lets Meet-bokningen har ändrats. Kalenderinbjudan nedan ersätter den tidigare.',
      mentorship: 'Uppgifterna för den här mentorsträffen har ändrats. Kalenderinbjudan nedan ersätter den tidigare.',
      event: 'Uppgifterna för det här onlineevenemanget har ändrats. Kalenderinbjudan nedan ersätter den tidigare.',
    },
    cancellation: {
      booking: 'Den här Lets Meet-bokningen med {{host}} är inställd.',
      mentorship: 'Den här mentorsträffen med {{host}} är inställd.',
      event: 'Det här onlineevenemanget med {{host}} är inställt.',
    },
    reminder: {
      booking: 'Din Lets Meet-bokning med {{host}} närmar sig.',
      mentorship: 'Din mentorsträff med {{host}} närmar sig.',
      event: 'Onlineevenemanget med {{host}} närmar sig.',
    },
    request: {
      booking:
        'Du bad {{host}} om den här Lets Meet-bokningen. Den är inte bekräftad ännu: du får ett e-postmeddelande när {{host}} godkänner eller avböjer den.',
      mentorship:
        'Du bad {{host}} om den här mentorsträffen. Den är inte bekräftad ännu: du får ett e-postmeddelande när {{host}} godkänner eller avböjer den.',
      event:
        'Du bad {{host}} om en plats på det här onlineevenemanget. Den är inte bekräftad ännu: du får ett e-postmeddelande när {{host}} godkänner eller avböjer den.',
    },
    waitlisted: {
      booking:
        'Den här Lets Meet-bokningen är fullbokad, så du står på väntelistan. När en plats blir ledig är den din, och du får anslutningslänken per e-post.',
      mentorship:
        'Den här mentorsträffen är fullbokad, så du står på väntelistan. När en plats blir ledig är den din, och du får anslutningslänken per e-post.',
      event:
        'Det här onlineevenemanget är fullbokat, så du står på väntelistan. När en plats blir ledig är den din, och du får anslutningslänken per e-post.',
    },
    waitlistedAt: {
      booking:
        'Den här Lets Meet-bokningen är fullbokad, så du står på väntelistan som nummer {{position}}. När en plats blir ledig är den din, och du får anslutningslänken per e-post.',
      mentorship:
        'Den här mentorsträffen är fullbokad, så du står på väntelistan som nummer {{position}}. När en plats blir ledig är den din, och du får anslutningslänken per e-post.',
      event:
        'Det här onlineevenemanget är fullbokat, så du står på väntelistan som nummer {{position}}. När en plats blir ledig är den din, och du får anslutningslänken per e-post.',
    },
    removed: {
      booking:
        'Du är inte längre anmäld till den här Lets Meet-bokningen med {{host}}. Inbjudan nedan tar bort den från din kalender.',
      mentorship:
        'Du är inte längre anmäld till den här mentorsträffen med {{host}}. Inbjudan nedan tar bort den från din kalender.',
      event:
        'Du är inte längre anmäld till det här onlineevenemanget med {{host}}. Inbjudan nedan tar bort det från din kalender.',
    },
  },
  label: {
    when: 'När',
    where: 'Var',
    join: 'Anslut',
    joinZoom: 'Anslut till Zoom',
    meetingId: 'Mötes-ID',
    passcode: 'Lösenkod',
    reason: 'Orsak',
    details: 'Detaljer',
  },
  zoomPending: 'Zoom – mötet skapas just nu; du får länken per e-post.',
  respond: {
    decline: 'Kan du inte komma? Meddela det',
    cancel: 'Behöver du avboka? Avboka den här bokningen',
    unregister: 'Kan du inte komma? Återkalla anmälan',
  },
  joinButton: 'Anslut',
  viewInApp: 'Visa i Ekosistem App',
  notice: {
    open: 'Öppna',
    openRecord: 'Öppna mötet',
    reason: 'Orsak: {{reason}}',
    note: 'Obs: {{note}}',
    request: {
      subject: 'Bokningsförfrågan: {{title}}',
      asks: '{{who}} vill boka ”{{title}}” med dig: {{when}}.',
      aMember: 'En medlem',
      held: 'Inget hamnar i din kalender eller på din Zoom förrän du godkänner. Tiden hålls för förfrågan till {{until}}; är den obesvarad då, går den ut.',
      action: 'Godkänn eller avböj',
    },
    declined: {
      subject: 'Avböjd: {{title}}',
      body: '{{host}} avböjde din bokning ”{{title}}” ({{when}}).',
    },
    expired: {
      subject: 'Inte bekräftad: {{title}}',
      body: '{{host}} svarade inte i tid på din bokningsförfrågan ”{{title}}” ({{when}}), så den gick ut.',
    },
    nothingScheduled: 'Inget bokades. Du kan boka en annan tid.',
    othersZoom: {
      createdSubject: '{{creator}} planerade ett Zoom-möte på din Zoom: {{title}}',
      movedSubject: '{{creator}} flyttade ett Zoom-möte på din Zoom: {{title}}',
      created: '{{creator}} skapade ”{{title}}” i {{ecosystem}} med dig som värd: {{when}}.',
      moved:
        '{{creator}} flyttade ”{{title}}” i {{ecosystem}}, där du är värd, till {{when}}. Zoom får ett nytt möte för den nya tiden, och det gamla tas bort.',
      why: 'Zoom-mötet skapas på ditt anslutna Zoom-konto, eftersom du låter medlemmar planera Zoom-möten med dig i det här ekosystemet. Du kan stänga av det under Lets Meet → Hantera.',
    },
    unregistered: {
      subject: 'Anmälan återkallad: {{title}}',
      body: '{{who}} återkallade sin anmälan till ”{{title}}” ({{when}}).',
    },
    attendeeDeclined: {
      subject: 'Kan inte komma: {{title}}',
      body: '{{who}} kan inte komma till ”{{title}}” ({{when}}).',
    },
    cancelled: {
      subject: 'Inställt: {{title}}',
      withdrawnSubject: 'Förfrågan återkallad: {{title}}',
      body: '{{who}} ställde in ”{{title}}” ({{when}}). Tiden är ledig igen.',
    },
    createFailed: {
      subject: 'Zoom-mötet kunde inte skapas: {{title}}',
      refused: 'Zoom vägrade skapa mötet för ”{{title}}”.',
      said: 'Zoom svarade: {{message}}',
      whatToDo:
        'Öppna mötet och byt plats, eller kontrollera Zoom-appens behörigheter och anslut Zoom igen under Lets Meet → Hantera.',
    },
    deleteFailed: {
      subject: 'Zoom-mötet {{id}} kunde inte tas bort',
      refused: 'Zoom vägrade ta bort mötet {{id}}: {{message}}',
      whatToDo: 'Ta bort det i Zoom, så att ingen ansluter till ett inställt möte.',
    },
    reconnect: {
      subject: 'Anslut Zoom igen så att dina möten hålls uppdaterade',
      lost: 'Zoom godkänner inte längre Ekosistem Apps åtkomst till ditt Zoom-konto, så nya Zoom-möten kan inte skapas och inställda kan inte tas bort.',
      howTo:
        'Öppna Lets Meet → Hantera och klicka på ”Anslut Zoom igen”. Väntande möten skapas och tas bort så fort du gör det.',
      action: 'Anslut Zoom igen',
    },
    deauthorized: {
      subject: 'Ekosistem App togs bort från ditt Zoom-konto',
      removed:
        'Du (eller din Zoom-administratör) tog bort Ekosistem App från Zoom. Vi raderade dina Zoom-token och skapar eller tar inte längre bort Zoom-möten åt dig.',
      kept: 'Zoom-möten som redan skapats finns kvar på ditt Zoom-konto. Möten som väntar på ett Zoom-möte har markerats så att du kan byta plats.',
      again: 'Anslut Zoom under Lets Meet → Hantera om du vill använda Zoom igen.',
      action: 'Öppna Ekosistem App',
    },
  },
  mailbox: {
    title: 'Brevlåda',
    intro: 'E-post som appen skickat (ingen SMTP-server är konfigurerad).',
    backToApp: 'Tillbaka till appen',
    empty: 'Ingen e-post ännu.',
    to: 'Till',
    subject: 'Ämne',
    when: 'När',
    status: 'Tillstånd',
    withInvite: 'kalenderinbjudan',
    notFound: 'Hittades inte',
    noSuchMessage: 'Meddelandet finns inte.',
    backToMailbox: '← Brevlåda',
    htmlPart: 'HTML-version',
    htmlBody: 'HTML-innehåll',
    textPart: 'Textversion',
    invite: 'Kalenderinbjudan',
    download: 'Ladda ner invite.ics',
    noInvite: 'Ingen kalenderinbjudan',
  },
};
