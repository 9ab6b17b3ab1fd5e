import type { Catalogue } from '../types.ts';

export const zoom: Catalogue['zoom'] = {
  states: {
    pending: {
      label: 'Zoom-kokousta luodaan',
      meaning:
        'Zoom-kokousta luodaan. Sen liittymislinkki näkyy tässä ja lähtee osallistujille sähköpostilla heti, kun Zoom vahvistaa kokouksen.',
      hostAction: 'Ei tehtävää: lataa sivu hetken päästä uudelleen.',
      managerAction: 'Ei tehtävää: lataa sivu hetken päästä uudelleen.',
      attendeeNote: 'Saat liittymislinkin sähköpostilla heti, kun se on valmis.',
    },
    created: {
      label: 'Zoom valmis',
      meaning: 'Zoom-kokous on luotu, ja osallistujilla on sen liittymislinkki.',
      hostAction: 'Ei tehtävää.',
      managerAction: 'Ei tehtävää.',
      attendeeNote: 'Liity linkin kautta, kun tapaaminen alkaa.',
    },
    waiting_for_reconnect: {
      label: 'Zoom pitää yhdistää uudelleen',
      meaning: 'Zoom ei enää hyväksy isännän yhteyttä, joten kokousta ei ole vielä luotu.',
      hostAction:
        'Yhdistä Zoom uudelleen kohdassa Lets Meet → Hallinta: kokous luodaan silloin, ja osallistujat saavat sähköpostin. Voit myös perua tämän tapaamisen ja varata uuden, jolle valitset toisen paikan.',
      managerAction:
        'Pyydä isäntää yhdistämään Zoom uudelleen kohdassa Lets Meet → Hallinta, tai peru tämä tapaaminen ja varaa uusi, jolle valitset toisen paikan.',
      attendeeNote: 'Isännälle on kerrottu. Saat liittymislinkin sähköpostilla, kun kokous on luotu.',
    },
    waiting_for_daily_limit: {
      label: 'Zoomin päiväraja täynnä',
      meaning:
        'Isäntä on tänään jo luonut niin monta uutta kokousta kuin Zoom sallii; tämä kokous luodaan klo 00.00 UTC jälkeen.',
      hostAction:
        'Ei tehtävää: kokous luodaan silloin, ja osallistujat saavat sähköpostin. Jos tarvitset linkin aiemmin, peru tapaaminen ja varaa uusi, jolle valitset toisen paikan.',
      managerAction:
        'Ei tehtävää: kokous luodaan silloin, ja osallistujat saavat sähköpostin. Jos linkki tarvitaan aiemmin, peru tapaaminen ja varaa uusi, jolle valitset toisen paikan.',
      attendeeNote: 'Saat liittymislinkin sähköpostilla, kun kokous on luotu.',
    },
    failed: {
      label: 'Zoom epäonnistui',
      meaning: 'Zoom kieltäytyi luomasta kokousta, eikä sitä yritetä uudelleen.',
      hostAction:
        'Tarkista Zoom kohdassa Lets Meet → Hallinta (yhdistä uudelleen, jos oikeuksia puuttuu). Peru sitten tämä tapaaminen ja luo se uudelleen, tai valitse toinen paikka.',
      managerAction:
        'Pyydä isäntää tarkistamaan Zoom kohdassa Lets Meet → Hallinta. Peru sitten tämä tapaaminen ja luo se uudelleen, tai valitse toinen paikka.',
      attendeeNote: 'Isännälle on kerrottu.',
    },
    deleting: {
      label: 'Poistetaan Zoomista',
      meaning:
        'Tapaaminen on peruttu, ja sen Zoom-kokousta poistetaan Zoomista (käynnissä olevan kokouksen Zoom poistaa vasta, kun se on päättynyt).',
      hostAction: 'Ei tehtävää: poistoa yritetään, kunnes Zoom vahvistaa sen.',
      managerAction: 'Ei tehtävää: poistoa yritetään, kunnes Zoom vahvistaa sen.',
      attendeeNote: 'Tapaaminen on peruttu.',
    },
    deleted: {
      label: 'Poistettu Zoomista',
      meaning: 'Zoom-kokous on poistettu Zoomista.',
      hostAction: 'Ei tehtävää.',
      managerAction: 'Ei tehtävää.',
      attendeeNote: 'Tapaaminen on peruttu.',
    },
    orphaned: {
      label: 'Jäi Zoomiin',
      meaning: 'Tapaaminen on peruttu, mutta isännän Zoom ei ollut yhdistettynä, joten kokous on yhä Zoomissa.',
      hostAction:
        'Yhdistä sama Zoom-tili uudelleen kohdassa Lets Meet → Hallinta, niin kokous poistetaan automaattisesti, tai poista kokous itse Zoomissa (sen tunnus näkyy tapaamisen tiedoissa).',
      managerAction:
        'Pyydä isäntää yhdistämään sama Zoom-tili uudelleen kohdassa Lets Meet → Hallinta tai poistamaan kokous Zoomissa.',
      attendeeNote: 'Tapaaminen on peruttu.',
    },
  },
  recordStates: {
    requested: {
      label: 'Odottaa hyväksyntää',
      meaning:
        'Isäntä hyväksyy varaukset ensin. Aika on pidetty tätä pyyntöä varten; mitään ei ole Zoomissa eikä kenenkään kalenterissa ennen kuin isäntä hyväksyy.',
      hostAction:
        'Hyväksy tai hylkää pyyntö alla. Jos et vastaa, pyyntö vanhenee ennen alkamisaikaa (asettamasi vähimmäisvarausajan mukaan).',
      managerAction:
        'Isäntä hyväksyy tai hylkää pyynnön, ja saat sähköpostin kummassakin tapauksessa. Voit perua pyynnön.',
      attendeeNote: 'Saat kalenterikutsun, kun isäntä hyväksyy pyynnön.',
    },
    declined: {
      label: 'Hylätty',
      meaning: 'Isäntä hylkäsi tämän pyynnön. Mitään ei sovittu, ja aika on taas vapaa.',
      hostAction: 'Ei tehtävää.',
      managerAction: 'Varaa toinen aika.',
      attendeeNote: 'Mitään ei sovittu.',
    },
    expired: {
      label: 'Vanhentunut',
      meaning: 'Isäntä ei vastannut tähän pyyntöön ajoissa. Mitään ei sovittu, ja aika on taas vapaa.',
      hostAction: 'Ei tehtävää.',
      managerAction: 'Varaa toinen aika.',
      attendeeNote: 'Mitään ei sovittu.',
    },
    cancelled: {
      label: 'Peruttu',
      meaning: 'Tämä tapaaminen peruttiin, ja kaikille osallistujille on kerrottu.',
      hostAction: 'Ei tehtävää.',
      managerAction: 'Ei tehtävää.',
      attendeeNote: 'Tapaamista ei pidetä.',
    },
  },
  panel: {
    reason: 'Syy:',
    forYou: 'Sinulle:',
    whatYouCanDo: 'Mitä voit tehdä:',
    openManage: 'Avaa Lets Meet → Hallinta',
  },
  card: {
    notConfigured: 'Zoomia ei ole otettu käyttöön tällä palvelimella.',
    connect: 'Yhdistä Zoom',
    reconnect: 'Yhdistä Zoom uudelleen',
    disconnect: 'Irrota Zoom',
    connectedPill: 'Yhdistetty',
    connectedLabel: 'Zoom yhdistetty ({{email}}) · {{plan}}',
    scopesGranted: 'Myönnetyt oikeudet:',
    disconnectExplained:
      'Irrottaminen peruu käyttöoikeutemme Zoomissa ja poistaa pääsytunnisteesi täältä. Jo luodut Zoom-kokoukset jäävät Zoom-tilillesi, eikä niitä voi enää poistaa automaattisesti, ellet yhdistä Zoomia uudelleen.',
    noUpcoming: 'Ei tulevia Zoom-kokouksia.',
    upcomingOnAccount_one: '{{count}} tuleva Zoom-kokous tililläsi.',
    upcomingOnAccount_other: '{{count}} tulevaa Zoom-kokousta tililläsi.',
    upcomingStay_one: '{{count}} tuleva Zoom-kokous jää Zoom-tilillesi',
    upcomingStay_other: '{{count}} tulevaa Zoom-kokousta jää Zoom-tilillesi',
    upcomingStayRest_one:
      'eikä sitä voi enää poistaa automaattisesti, ellet yhdistä Zoomia uudelleen. Kun perut tapaamisen, näet sen kokoustunnuksen ja voit poistaa kokouksen itse Zoomissa.',
    upcomingStayRest_other:
      'eikä niitä voi enää poistaa automaattisesti, ellet yhdistä Zoomia uudelleen. Kun perut tapaamisen, näet sen kokoustunnuksen ja voit poistaa kokouksen itse Zoomissa.',
    reconnectTitle: 'Yhdistä Zoom uudelleen.',
    reconnectBanner:
      'Zoom ei enää hyväksy käyttöoikeuttamme: uudet kokoukset odottavat, eikä peruttuja voi poistaa, ennen kuin yhdistät Zoomin uudelleen.',
    removeInMarketplace:
      'Jos haluat sen sijaan lopettaa Zoomin käytön täällä: emme voi enää perua käyttöoikeuttamme puolestasi, joten poista Ekosistem App kohdassa Zoom Marketplace → Manage → Installed Apps (sen jälkeen tämä kortti näyttää, että sovellus on poistettu).',
    deauthorized:
      'Ekosistem App poistettiin Zoom-tililtäsi, joten Zoom-tietosi poistettiin. Yhdistä Zoom uudelleen, jos haluat käyttää sitä.',
    intro:
      'Yhdistä Zoom-tilisi, niin varaukset, mentorointitapaamiset ja tapahtumat, joiden paikka on ”Zoom”, saavat Zoom-kokouksen automaattisesti.',
    pending: 'Odotetaan Zoomia – viimeistele uudessa välilehdessä. Tämä sivu päivittyy itsestään.',
    reload: 'Lataa uudelleen',
    pendingTimedOut:
      'Tämä sivu lopetti Zoomin odottamisen 10 minuutin jälkeen. Lataa sivu uudelleen nähdäksesi, onko Zoom yhdistetty, tai yhdistä uudelleen.',
  },
  disconnect: {
    revoked: 'Zoom irrotettu: käyttöoikeutemme peruttiin Zoomissa, ja pääsytunnisteesi poistettiin täältä.',
    revoke_failed:
      'Zoom irrotettiin täällä ja pääsytunnisteesi poistettiin, mutta Zoom ei vahvistanut käyttöoikeuden perumista (Zoomiin ei saatu yhteyttä tai se kieltäytyi): poista Ekosistem App kohdassa Zoom Marketplace → Manage → Installed Apps.',
    no_tokens:
      'Zoom irrotettiin täällä. Zoom ei enää hyväksynyt käyttöoikeuttamme, joten sitä ei voitu perua täältä: poista Ekosistem App kohdassa Zoom Marketplace → Manage → Installed Apps.',
    not_connected: 'Zoomia ei ollut yhdistetty.',
  },
  refusals: {
    zoom_state_missing: 'Zoomin vastaus oli puutteellinen. Aloita alusta kohdasta Lets Meet → Hallinta.',
    zoom_state_invalid:
      'Tämä Zoom-kirjautumislinkki ei ole enää voimassa (se on jo käytetty, tai sitä ei ole koskaan annettu). Aloita alusta kohdasta Lets Meet → Hallinta.',
    zoom_state_wrong_session:
      'Tämä Zoom-kirjautuminen aloitettiin toisessa istunnossa. Aloita alusta kohdasta Lets Meet → Hallinta.',
    zoom_state_expired: 'Zoom-kirjautuminen kesti yli 10 minuuttia. Aloita alusta kohdasta Lets Meet → Hallinta.',
    zoom_access_denied: 'Zoomia ei yhdistetty: valtuutus hylättiin Zoomissa.',
    zoom_scopes_missing:
      'Zoomia ei yhdistetty: Zoom-sovellus ei myöntänyt alla lueteltuja oikeuksia. Zoom-sovelluksen ylläpitäjän pitää lisätä ne Zoom App Marketplacessa (Manage → sovellus → Scopes), minkä jälkeen voit yhdistää uudelleen.',
    zoom_exchange_failed: 'Zoomia ei voitu yhdistää. Yritä hetken päästä uudelleen.',
  },
  flow: {
    notConnectedTitle: 'Zoomia ei yhdistetty',
    notConnectedHeading: 'Zoomia ei yhdistetty',
    missingScopes: 'Puuttuvat oikeudet:',
    nothingKept: 'Zoom-tilistäsi ei tallennettu mitään. Voit sulkea tämän välilehden.',
    signedOut:
      'Kirjaudu Ekosistem Appiin tässä selaimessa ja yhdistä Zoom sitten uudelleen kohdassa Lets Meet → Hallinta.',
    connectedTitle: 'Zoom yhdistetty',
    connectedHeading: 'Zoom yhdistetty ({{email}}) · {{plan}}',
    canClose: 'Voit sulkea tämän välilehden: Lets Meet → Hallinta -sivusi on päivittynyt.',
    back: 'Takaisin Ekosistem Appiin',
  },
  details: {
    reconnectToCreate:
      'Isännän Zoom-yhteys täytyy yhdistää uudelleen (Lets Meet → Hallinta). Kokous luodaan silloin – tai vaihda paikka.',
    appRemoved:
      'Isäntä poisti Ekosistem Appin Zoomista, joten Zoom-kokousta ei voi luoda. Yhdistä Zoom uudelleen kohdassa Lets Meet → Hallinta, niin kokous luodaan, tai vaihda paikka.',
    slowDown: 'Zoom pyysi hidastamaan; yritämme pian uudelleen.',
    noAnswer: 'Zoom ei vastannut ajoissa; yritämme uudelleen muutaman minuutin kuluttua.',
    unreachable: 'Zoomiin ei saatu yhteyttä; yritämme uudelleen automaattisesti.',
    refusedCreate: 'Zoom kieltäytyi luomasta kokousta: {{reason}}',
    pacing: 'Zoom sallii isännän tilille vain muutaman uuden kokouksen sekunnissa; tämä on seuraavana vuorossa.',
    dailyLimit:
      'Isäntä on saavuttanut Zoomin rajan, {{limit}} uutta kokousta päivässä; tämä luodaan klo 00.00 UTC jälkeen.',
    orphaned:
      'Zoom-kokousta {{ids}} ei voitu poistaa, koska Zoom ei ole yhdistettynä. Yhdistä Zoom uudelleen samalla Zoom-tilillä, niin se poistetaan automaattisesti, tai poista se Zoomissa.',
    refusedDelete: 'Zoom kieltäytyi poistamasta kokousta {{ids}}; poista se Zoomissa.',
    deleteWait: 'Zoom pyysi odottamaan; kokous poistetaan ajan {{time}} jälkeen.',
    inProgress:
      'Zoom-kokous {{id}} on käynnissä, eikä Zoom poista käynnissä olevaa kokousta; se poistetaan, kun se päättyy (seuraava yritys {{time}}).',
    inProgressOverrun:
      'Zoom-kokous {{id}} on yhä käynnissä suunnitellun päättymisajan jälkeen, eikä Zoom poista käynnissä olevaa kokousta; se poistetaan, kun se päättyy (seuraava yritys {{time}}).',
  },
};
