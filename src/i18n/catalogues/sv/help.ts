import type { Catalogue } from '../types.ts';

export const help: Catalogue['help'] = {
  zoom: {
    title: 'Zoom-integration',
    intro:
      'Anslut ditt Zoom-konto till Ekosistem App så får bokningar i Lets Meet, mentorsträffar och onlineevenemang automatiskt ett Zoom-möte.',
    lastUpdated: 'Senast uppdaterad: november 2026',
    what: {
      heading: 'Vad gör integrationen?',
      createHeading: 'Zoom-möten skapas automatiskt',
      create:
        'När du skapar en bokning i Lets Meet, en mentorsträff eller ett onlineevenemang med platsen Zoom skapas ett Zoom-möte automatiskt på ditt konto. Deltagarna får anslutningslänken automatiskt per e-post (med en kalenderinbjudan), på mötets sida och – för evenemang – i bekräftelsen när de anmäler sig senare. Om Zoom tillfälligt inte går att nå skapas mötet så snart Zoom svarar igen, och deltagarna får e-post då.',
      cleanupHeading: 'Automatisk städning när något ställs in',
      cleanup:
        'Om bokningen, mentorsträffen eller evenemanget ställs in tas motsvarande Zoom-möte bort automatiskt, och vi försöker tills Zoom bekräftar. Flyttar du ett möte ersätts Zoom-mötet med ett nytt och deltagarna får den nya länken. Inga kvarglömda ”spökmöten” i din Zoom-kalender. Om du har kopplat från Zoom när ett möte ställs in visar vi mötes-ID:t så att du kan ta bort Zoom-mötet själv, och vi tar bort det automatiskt om du ansluter samma Zoom-konto igen.',
      onlyHeading: 'Bara det du godkänner',
      only: 'Vi spelar inte in möten, läser inte deltagarlistor och laddar inte ner inspelningar. Vi skapar och tar bort möten och läser din egen Zoom-profil – inget annat.',
    },
    whenUsed: {
      heading: 'När ditt Zoom används',
      ownTitle: 'Dina egna möten.',
      own: 'En bokning, mentorsträff eller ett evenemang som du skapar med dig själv som värd får sitt möte på ditt Zoom.',
      othersTitle: 'Möten som andra skapar med dig som värd',
      othersBefore:
        '– en medlem som bokar tid med dig, en administratör som planerar din mentorsträff – använder ditt Zoom bara i de ekosystem där du har slagit på',
      othersAfter:
        '(Lets Meet → Hantera, bredvid Zoom-kortet; avslaget tills du slår på det). Annars får de veta att Zoom inte går att använda med dig, och de kan välja en annan plats.',
      limit_one:
        'När det är på kan varje person lägga högst {{count}} möte per dag på ditt Zoom (en flytt räknas, eftersom Zoom då får ett nytt möte), och du får e-post om varje nytt möte, med en länk till det. Slår du av det stoppas nya möten direkt; möten som redan har skapats finns kvar tills de ställs in.',
      limit_other:
        'När det är på kan varje person lägga högst {{count}} möten per dag på ditt Zoom (en flytt räknas, eftersom Zoom då får ett nytt möte), och du får e-post om varje nytt möte, med en länk till det. Slår du av det stoppas nya möten direkt; möten som redan har skapats finns kvar tills de ställs in.',
      members:
        'Ingen kan ange dig som värd i ett ekosystem som du inte har gått med i: man går med via inbjudan, och du blir medlem först när du har tackat ja till den.',
    },
    scopes: {
      heading: 'Zoom OAuth-behörigheter som begärs',
      write: 'för att skapa schemalagda Zoom-möten åt dig.',
      delete: 'för att ta bort de mötena när deras bokning, mentorsträff eller evenemang ställs in eller flyttas.',
      read: 'för att hämta det anslutna kontots e-postadress och kontotyp (Basic/Licensed), som bara visas som etiketten ”Zoom anslutet (…)” i gränssnittet.',
    },
    install: {
      heading: 'Så installerar du',
      step1: 'Logga in på Ekosistem App och öppna Lets Meet → Hantera i ditt ekosystem.',
      step2: 'Klicka på ”Anslut Zoom”. Zooms auktoriseringssida öppnas i en ny flik.',
      step3: 'Logga in på Zoom och klicka på ”Authorize” för att ge de begärda behörigheterna.',
      step4:
        'Du skickas tillbaka till Ekosistem App: etiketten ”Zoom anslutet (din e-postadress)” visas, och sidan Hantera där du började uppdateras av sig själv.',
      step5:
        'När du skapar en bokning, mentorsträff eller ett evenemang väljer du ”Plats: Zoom”, så skapas mötet automatiskt.',
    },
    states: {
      heading: 'Vad Zoom-märkena på ett möte betyder',
      badge: 'Märke',
      meaning: 'Vad det betyder',
      hostAction: 'Vad du (värden) kan göra',
      hostActionShort: 'Vad du kan göra',
    },
    uninstall: {
      heading: 'Så avinstallerar du',
      appHeading: 'I Ekosistem App',
      app1: 'Öppna Lets Meet → Hantera och klicka på ”Koppla från Zoom”.',
      app2: 'Vi återkallar vår åtkomst hos Zoom och raderar dina token ur vår databas direkt. Om Zoom inte går att nå just då raderas dina token ändå, och vi ber dig ta bort appen under Zoom Marketplace → Manage → Installed Apps.',
      app3: 'Zoom-möten som redan har skapats finns kvar på ditt Zoom-konto. Efter frånkopplingen kan de inte längre tas bort automatiskt om du inte ansluter igen.',
      marketplaceHeading: 'I Zoom Marketplace',
      marketplace1: 'Gå till marketplace.zoom.us → ”Manage” → ”Installed Apps”.',
      marketplace2: 'Klicka på ”Remove” vid integrationen Ekosistem App.',
      marketplace3WithNotice:
        'Zoom anropar vår webhook för avauktorisering. Dina token, din Zoom-e-postadress och din kontotyp raderas direkt, och vi skickar Zoom dataskyddsmeddelandet (data compliance) inom Zooms tidsfrist på 10 dagar. Därefter sparar vi bara de Zoom-mötes-ID:n som är lagrade med dina möten.',
      marketplace3:
        'Zoom anropar vår webhook för avauktorisering. Dina token, din Zoom-e-postadress och din kontotyp raderas direkt. Därefter sparar vi bara de Zoom-mötes-ID:n som är lagrade med dina möten.',
    },
    data: {
      heading: 'Så hanterar vi dina uppgifter',
      tokens:
        'OAuth-åtkomsttoken och förnyelsetoken lagras krypterade med AES-256-GCM i vår databas. Klartexten loggas eller visas aldrig.',
      kept: 'Vi sparar bara ditt Zoom-användar-ID, konto-ID, din e-postadress, din kontotyp, de beviljade behörigheterna och de krypterade token. Din e-postadress och kontotyp visas bara som etiketten ”Zoom anslutet (…)” i gränssnittet; inget annat behandlas.',
      meetingIds:
        'Zoom-mötes-ID:n, anslutningslänkar och lösenkoder lagras med den tillhörande bokningen, mentorsträffen eller evenemanget så att deltagarna kan ansluta. När mötet ställs in skickas ett DELETE-anrop till Zoom.',
      notCollected:
        'Inget mötesinnehåll, inga inspelningar, deltagarlistor eller chattmeddelanden samlas in, lagras eller behandlas. Värdlänken (start URL) som Zoom returnerar lagras aldrig.',
      privacy: 'Mer information finns i avsnitt 7 i vår integritetspolicy.',
    },
    contact: {
      heading: 'Behöver du hjälp?',
      email: 'Har du frågor om den här integrationen kan du mejla',
      respond: 'Vi svarar vanligtvis inom 1 arbetsdag.',
      developer: 'Utvecklare: Plademy Oy, Maria 01, Lapinlahdenkatu 16, 00180 Helsingfors, Finland',
    },
  },
};
