import type { Catalogue } from '../types.ts';

export const help: Catalogue['help'] = {
  zoom: {
    title: 'Zoom-integraatio',
    intro:
      'Yhdistä Zoom-tilisi Ekosistem Appiin, niin Lets Meet -varauksiin, mentorointitapaamisiin ja verkkotapahtumiin tulee automaattisesti Zoom-kokous.',
    lastUpdated: 'Päivitetty viimeksi marraskuussa 2026',
    what: {
      heading: 'Mitä integraatio tekee?',
      createHeading: 'Zoom-kokoukset syntyvät automaattisesti',
      create:
        'Kun luot Lets Meet -varauksen, mentorointitapaamisen tai verkkotapahtuman, jonka paikka on Zoom, tilillesi luodaan automaattisesti Zoom-kokous. Osallistujat saavat liittymislinkin automaattisesti sähköpostilla (kalenterikutsun kanssa), tapaamisen sivulla ja – tapahtumissa – vahvistuksessa, kun he ilmoittautuvat myöhemmin. Jos Zoom on hetken tavoittamattomissa, kokous luodaan heti, kun Zoom taas vastaa, ja osallistujat saavat sähköpostin silloin.',
      cleanupHeading: 'Automaattinen siivous perumisen jälkeen',
      cleanup:
        'Jos varaus, mentorointitapaaminen tai tapahtuma perutaan, sen Zoom-kokous poistetaan automaattisesti, ja poistoa yritetään, kunnes Zoom vahvistaa sen. Siirtäminen korvaa kokouksen uudella, ja osallistujat saavat uuden linkin. Zoom-kalenteriisi ei jää ylimääräisiä ”haamukokouksia”. Jos olet irrottanut Zoomin, kun tapaaminen perutaan, näytämme sinulle kokouksen tunnuksen, jotta voit poistaa kokouksen itse, ja poistamme sen automaattisesti, jos yhdistät saman Zoom-tilin uudelleen.',
      onlyHeading: 'Vain sallimasi toiminnot',
      only: 'Emme nauhoita kokouksia, emme näe osallistujaluetteloita emmekä lataa tallenteita. Ainoastaan luomme ja poistamme kokouksia ja luemme oman Zoom-profiilisi.',
    },
    whenUsed: {
      heading: 'Milloin Zoomiasi käytetään',
      ownTitle: 'Omat tapaamisesi.',
      own: 'Varaus, mentorointitapaaminen tai tapahtuma, jonka luot ja jonka isäntä olet itse, saa kokouksensa Zoomiisi.',
      othersTitle: 'Tapaamiset, joissa joku muu merkitsee sinut isännäksi',
      othersBefore:
        '– kun jäsen varaa sinulta ajan tai ylläpitäjä sopii mentorointitapaamisesi – käyttävät Zoomiasi vain niissä ekosysteemeissä, joissa olet ottanut käyttöön asetuksen',
      othersAfter:
        '(Lets Meet → Hallinta, Zoom-kortin vieressä; pois päältä, kunnes otat sen käyttöön). Muuten heille kerrotaan, ettei Zoom ole käytettävissä kanssasi, ja he voivat valita toisen paikan.',
      limit_one:
        'Kun asetus on päällä, kukin voi lisätä Zoomiisi enintään {{count}} kokouksen päivässä (myös siirto lasketaan, koska Zoom saa silloin uuden kokouksen), ja saat jokaisesta uudesta kokouksesta sähköpostin, jossa on linkki siihen. Kun poistat asetuksen käytöstä, uusia kokouksia ei enää tule; jo luodut säilyvät, kunnes niiden tapaaminen perutaan.',
      limit_other:
        'Kun asetus on päällä, kukin voi lisätä Zoomiisi enintään {{count}} kokousta päivässä (myös siirto lasketaan, koska Zoom saa silloin uuden kokouksen), ja saat jokaisesta uudesta kokouksesta sähköpostin, jossa on linkki siihen. Kun poistat asetuksen käytöstä, uusia kokouksia ei enää tule; jo luodut säilyvät, kunnes niiden tapaaminen perutaan.',
      members:
        'Kukaan ei voi merkitä sinua isännäksi ekosysteemissä, johon et ole liittynyt: ekosysteemiin liitytään kutsusta, ja olet jäsen vasta, kun olet hyväksynyt kutsun.',
    },
    scopes: {
      heading: 'Pyydetyt Zoom OAuth -oikeudet',
      write: 'ajoitettujen Zoom-kokousten luomiseen puolestasi.',
      delete:
        'näiden kokousten poistamiseen, kun niiden varaus, mentorointitapaaminen tai tapahtuma perutaan tai siirretään.',
      read: 'yhdistetyn tilin sähköpostiosoitteen ja tilityypin (Basic/Licensed) hakemiseen. Ne näytetään vain käyttöliittymän merkinnässä ”Zoom yhdistetty (…)”.',
    },
    install: {
      heading: 'Näin otat integraation käyttöön',
      step1: 'Kirjaudu Ekosistem Appiin ja avaa ekosysteemisi Lets Meet → Hallinta.',
      step2: 'Valitse ”Yhdistä Zoom”. Uuteen välilehteen avautuu Zoomin valtuutusnäkymä.',
      step3: 'Kirjaudu Zoomiin ja myönnä pyydetyt oikeudet valitsemalla ”Authorize”.',
      step4:
        'Palaat takaisin Ekosistem Appiin: näkyviin tulee merkintä ”Zoom yhdistetty (sähköpostisi)”, ja Hallinta-sivu, jolta aloitit, päivittyy itsestään.',
      step5:
        'Kun luot varauksen, mentorointitapaamisen tai tapahtuman, valitse paikaksi Zoom, niin kokous luodaan automaattisesti.',
    },
    states: {
      heading: 'Mitä tapaamisen Zoom-merkit tarkoittavat',
      badge: 'Merkki',
      meaning: 'Mitä se tarkoittaa',
      hostAction: 'Mitä sinä (isäntä) voit tehdä',
      hostActionShort: 'Mitä voit tehdä',
    },
    uninstall: {
      heading: 'Näin poistat integraation',
      appHeading: 'Ekosistem Appissa',
      app1: 'Avaa Lets Meet → Hallinta ja valitse ”Irrota Zoom”.',
      app2: 'Perumme käyttöoikeutemme Zoomissa ja poistamme pääsytunnisteesi tietokannastamme heti. Jos Zoomiin ei juuri silloin saada yhteyttä, pääsytunnisteesi poistetaan silti, ja neuvomme sinua poistamaan sovelluksen kohdassa Zoom Marketplace → Manage → Installed Apps.',
      app3: 'Jo luodut Zoom-kokoukset jäävät Zoom-tilillesi. Irrottamisen jälkeen niitä ei voi enää poistaa automaattisesti, ellet yhdistä Zoomia uudelleen.',
      marketplaceHeading: 'Zoom Marketplacessa',
      marketplace1: 'Mene osoitteeseen marketplace.zoom.us → ”Manage” → ”Installed Apps”.',
      marketplace2: 'Valitse ”Remove” Ekosistem App -integraation kohdalla.',
      marketplace3WithNotice:
        'Zoom ilmoittaa meille sovelluksen poistosta (deauthorization-webhook). Pääsytunnisteesi, Zoom-sähköpostiosoitteesi ja tilityyppisi poistetaan heti, ja lähetämme Zoomille tietosuojailmoituksen (data compliance) Zoomin 10 päivän määräajassa. Sen jälkeen säilytämme vain tapaamistesi yhteydessä tallennetut Zoom-kokousten tunnukset.',
      marketplace3:
        'Zoom ilmoittaa meille sovelluksen poistosta (deauthorization-webhook). Pääsytunnisteesi, Zoom-sähköpostiosoitteesi ja tilityyppisi poistetaan heti. Sen jälkeen säilytämme vain tapaamistesi yhteydessä tallennetut Zoom-kokousten tunnukset.',
    },
    data: {
      heading: 'Miten käsittelemme tietojasi',
      tokens:
        'OAuth-pääsytunnisteet ja -päivitystunnisteet tallennetaan tietokantaamme AES-256-GCM-salattuina. Selväkielisiä tunnisteita ei koskaan kirjata lokiin eikä näytetä.',
      kept: 'Säilytämme vain Zoom-käyttäjätunnuksesi, tilitunnuksesi, sähköpostiosoitteesi, tilityyppisi, myönnetyt oikeudet ja salatut tunnisteet. Sähköpostiosoitteesi ja tilityyppisi näytetään vain käyttöliittymän merkinnässä ”Zoom yhdistetty (…)”; muuhun niitä ei käsitellä.',
      meetingIds:
        'Zoom-kokousten tunnukset, liittymislinkit ja salasanat tallennetaan niihin liittyvän varauksen, mentorointitapaamisen tai tapahtuman yhteyteen, jotta osallistujat voivat liittyä. Kun tapaaminen perutaan, Zoomille lähetetään poistopyyntö (DELETE).',
      notCollected:
        'Emme kerää, tallenna emmekä käsittele kokousten sisältöä, tallenteita, osallistujaluetteloita tai chat-viestejä. Zoomin palauttamaa isännän linkkiä (start URL) ei koskaan tallenneta.',
      privacy: 'Tarkemmat tiedot löydät tietosuojaselosteemme kohdasta 7.',
    },
    contact: {
      heading: 'Tarvitsetko apua?',
      email: 'Jos sinulla on kysyttävää tästä integraatiosta, lähetä sähköpostia osoitteeseen',
      respond: 'Vastaamme yleensä yhden arkipäivän kuluessa.',
      developer: 'Kehittäjä: Plademy Oy, Maria 01, Lapinlahdenkatu 16, 00180 Helsinki',
    },
  },
};
