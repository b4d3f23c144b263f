# ruff: noqa: E501 - prose: one paragraph a line, as coordinators see it in the admin
"""The letter's original texts: the network's Dutch letter with its blanks turned into
placeholders, a French translation (Wallonia, Brussels) and an English reading version.

Coordinators change the wording in the admin (`LetterTemplate`, with history); these texts only
seed the table (migration 0002) and restore a language whose row has gone missing (e.g. after a
test flushed the database). Do not edit them to change the letter: edit it in the admin.
"""

SPONSORSHIP_URL = ("https://www.caritasinternational.be/nl/projects/asiel-migratie/"
                   "community-sponsorship-voor-hervestigde-vluchtelingen/")
NETWORK_URL = "https://11.be/solidaire-gemeenten"

DUTCH = {
    "language": "nl",
    "addressee": "Aan het college van burgemeester en schepenen en de gemeenteraad\n{title}",
    "subject": "Betreft: toetreding tot het Netwerk van Solidaire Steden en Gemeenten",
    "salutation": "Geachte burgemeester, schepenen en gemeenteraadsleden,",
    "introduction": """\
Al meer dan een jaar kampt België met een ongeziene opvangcrisis. Al meer dan een jaar slapen er asielzoekers op straat, zonder bescherming of medische hulp.

Wij geloven dat het anders kan. Een menswaardige aanpak met kwalitatieve opvang en begeleiding van mensen op de vlucht is wel degelijk mogelijk. En een goede omkadering is zowel voor de mensen op de vlucht als voor ons de beste strategie in het migratievraagstuk. De federale overheid slaagt er nog steeds niet in om oplossingen te bieden. Nochtans is het recht op asiel én op opvang verankerd in internationale en Belgische wetgeving. Maar de situatie op het terrein blijft verergeren ondanks de maatregelen van de regering in juli en oktober. Het lokale niveau kan hierin een belangrijke rol spelen, op verschillende manieren. Reeds vele maanden klopt de federale regering aan bij lokale besturen op zoek naar nieuwe opvangplaatsen. Om de uitbouw van lokale opvangplaatsen te stimuleren lanceerde de regering in september een nieuwe premie per opgestarte opvangplaats. Deze komt bovenop de reeds bestaande steun van Fedasil voor lokale opvanginitiatieven.

De inspanningen die geleverd werden in het zoeken naar opvangplaatsen voor vluchtelingen uit Oekraïne waren indrukwekkend. Ook voor asielzoekers uit andere landen zijn er oplossingen mogelijk. Heel wat lokale besturen erkennen dit en tonen zich solidair, maar weten niet altijd hoe hierin concrete stappen te zetten. Met deze positieve insteek en uitdagingen gaat het Netwerk van Solidaire Steden en Gemeenten aan de slag.

Met deze brief willen wij, als inwoners van {municipality}, vragen om als {title_word} mee verantwoordelijkheid te nemen en toe te treden tot het netwerk van ‘Solidaire Gemeenten’.""",
    "personal_heading": "In mijn eigen woorden",
    "body": """\
# Onze gemeente, een Solidaire Gemeente!

Een Solidaire Gemeente wil dat alle mensen die in België asiel of tijdelijke bescherming aanvragen op een kwaliteitsvolle manier worden opgevangen en dat ons land een voortrekkersrol opneemt bij solidaire initiatieven voor mensen op de vlucht.

Een Solidaire Gemeente geeft zelf het goede voorbeeld en zet binnen de gemeente in op een kwaliteitsvolle opvang, bescherming en begeleiding van mensen op de vlucht. Dat doet ze door zich te engageren voor minstens drie van de onderstaande activiteiten:

- De gemeente voorziet in zoveel mogelijk opvangplaatsen voor minderjarige en/of meerderjarige mensen op de vlucht. Dit kan de vorm aannemen van een opvangcentrum of van een meer kleinschalig opvanginitiatief (LOI);
- De gemeente ondersteunt erkende vluchtelingen in hun zoektocht naar geschikte huisvesting als ze de lokale opvang verlaten;
- De gemeente stimuleert en ondersteunt haar inwoners om zich in te zetten voor de vrijwillige begeleiding van mensen op de vlucht, bijvoorbeeld als pleegouder of als voogd van niet-begeleide minderjarige vreemdelingen;
- De gemeente zet initiatieven op om mensen op de vlucht te betrekken in het lokale verenigingsleven, bij vrijetijdsactiviteiten, … en ondersteunt vrijwilligers die zich hiervoor inzetten;
- De gemeente draagt financieel bij aan de opvang en bescherming van mensen op de vlucht aan de buitengrenzen van de EU of in de regio van conflicten via steun aan ngo’s of VN-organisaties;
- De gemeente schakelt zich in in het netwerk van Solidaire Steden en Gemeenten om samen met andere gemeenten uit te wisselen over goede praktijken;
- De gemeente denkt en bouwt mee aan goed doordachte modellen voor community based sponsorship waarbij lokale groepen instaan voor het onthaal van mensen op de vlucht die via hervestiging naar België komen;{sponsorship_note}
- De gemeente ondersteunt haar scholen bij het opleiden van mensen op de vlucht;
- De gemeente werkt drempels weg die de toegang van mensen op de vlucht tot dienstverlening belemmeren;
- Andere activiteit zelf in te vullen.

# Een Solidaire Gemeente maakt haar engagement zichtbaar

Een Solidaire Gemeente communiceert actief over haar engagement en sluit zich aan bij het netwerk ‘Solidaire Steden en Gemeenten’.{members_note} Samen laten we op die manier zien dat er in België draagvlak is voor solidariteit met alle mensen op de vlucht.

# Wat biedt het Netwerk?

De leden van het Netwerk komen samen om van elkaar te leren, tips and tricks rond opvang, bescherming en begeleiding uit te wisselen, te bespreken op welke moeilijkheden ze botsen en om samen stappen te ondernemen om deze op te lossen. Dit lerend netwerk wordt ondersteund door Vluchtelingenwerk Vlaanderen, 11.11.11, Caritas België, Amnesty International Vlaanderen en Beweging.net. Ook de VVSG neemt deel aan dit netwerk.

Concreet organiseert het Netwerk van Solidaire Steden en Gemeenten drie lerende netwerken per jaar. Aan het einde van elk van deze lerende netwerken komen we tot een brochure met goede praktijken van de verschillende lokale besturen.

We formuleren op elk van deze momenten ook beleidsaanbevelingen:

- Op lokaal niveau: hoe kunnen lokale besturen hun goede wil omzetten in de praktijk?
- Hoe kan het Vlaamse niveau hierin ondersteunen?
- Hoe kan het federale niveau hierin ondersteunen?

We trekken met deze beleidsaanbevelingen naar de bevoegde ministers en staatssecretarissen. Met een duidelijk engagement wegen we als Netwerk zo op de besluitvorming van de lokale, Vlaamse en federale overheid.

# Wij kunnen helpen!

De beste weg naar een goede inbedding van vluchtelingen in onze samenleving loopt via contacten met de inwoners van de gemeente en een sterk netwerk rond het opvanginitiatief. Als inwoners van de gemeente kunnen we daarin een belangrijke rol spelen. Wij zitten daarom graag samen met u om te bekijken hoe wij als vrijwilliger kunnen bijdragen bij het onthaal en de opvang van mensen op de vlucht.

Met de ontvangst en opvang van de mensen uit Oekraïne toonde onze gemeente alvast aan dat we in staat zijn om in tijden van hoge nood middelen vrij te maken voor snelle oplossingen. We vragen u om opnieuw daadkracht te tonen en een bijdrage te leveren zodat niemand op straat hoeft te slapen.

Toont onze {title_word} zich ook solidair?""",
    "contact_email_phone": "Indien u nog vragen zou hebben, contacteer me gerust op {email} of via {phone}.",
    "contact_email": "Indien u nog vragen zou hebben, contacteer me gerust op {email}.",
    "closing": "Met vriendelijke groeten,",
    "cosigners_heading": "Medeondertekend door:",
    "more_info": f"Voor meer informatie en achtergrond kan u ook terecht op {NETWORK_URL}",
    "sponsorship_note": SPONSORSHIP_URL,
    "members_note": "Deze steden en gemeenten zijn vandaag lid van het Netwerk van Solidaire Steden en Gemeenten: {members}.",
    "member_joined_as": "{name} (toegetreden als {joined_as})",
    "city_title": "Stad {name}",
    "municipality_title": "Gemeente {name}",
    "city_word": "Stad",
    "municipality_word": "Gemeente",
}

FRENCH = {
    "language": "fr",
    "addressee": "Au Collège et au Conseil communal\n{title}",
    "subject": "Objet\u00a0: adhésion au Réseau des villes et communes solidaires",
    "salutation": "Mesdames et Messieurs les membres du Collège et du Conseil communal,",
    "introduction": """\
Depuis plus d’un an, la Belgique connaît une crise de l’accueil sans précédent. Depuis plus d’un an, des demandeurs et demandeuses d’asile dorment à la rue, sans protection ni soins médicaux.

Nous croyons qu’une autre voie est possible. Une approche digne, avec un accueil et un accompagnement de qualité des personnes exilées, est tout à fait réalisable. Un bon encadrement est d’ailleurs la meilleure stratégie face à la question migratoire, tant pour les personnes exilées que pour nous. Le gouvernement fédéral ne parvient toujours pas à apporter des solutions. Pourtant, le droit d’asile et le droit à l’accueil sont ancrés dans le droit international et belge. Mais la situation sur le terrain continue de se dégrader, malgré les mesures prises par le gouvernement en juillet et en octobre. Le niveau local peut jouer un rôle important, de différentes manières. Depuis de nombreux mois, le gouvernement fédéral sollicite les pouvoirs locaux pour trouver de nouvelles places d’accueil. Pour encourager la création de places d’accueil locales, le gouvernement a lancé en septembre une nouvelle prime par place d’accueil ouverte. Elle s’ajoute au soutien que Fedasil accorde déjà aux initiatives locales d’accueil.

Les efforts déployés pour trouver des places d’accueil pour les personnes fuyant l’Ukraine ont été impressionnants. Des solutions sont également possibles pour les demandeurs et demandeuses d’asile venant d’autres pays. De nombreux pouvoirs locaux le reconnaissent et se montrent solidaires, mais ne savent pas toujours comment passer concrètement à l’action. C’est avec cette approche positive, et face à ces défis, que le Réseau des villes et communes solidaires se met au travail.

Par cette lettre, nous, habitantes et habitants de {municipality}, vous demandons, en tant que {title_word}, de prendre votre part de responsabilité et de rejoindre le réseau des «\u00a0Communes solidaires\u00a0».""",
    "personal_heading": "Dans mes propres mots",
    "body": """\
# Notre commune, une commune solidaire\u00a0!

Une commune solidaire veut que toutes les personnes qui demandent l’asile ou une protection temporaire en Belgique soient accueillies dans de bonnes conditions, et que notre pays joue un rôle de pionnier dans les initiatives solidaires envers les personnes exilées.

Une commune solidaire montre elle-même l’exemple et mise, sur son territoire, sur un accueil, une protection et un accompagnement de qualité des personnes exilées. Pour ce faire, elle s’engage dans au moins trois des activités suivantes\u00a0:

- La commune prévoit autant de places d’accueil que possible pour des personnes exilées mineures et/ou majeures. Il peut s’agir d’un centre d’accueil ou d’une initiative d’accueil à plus petite échelle (ILA, initiative locale d’accueil)\u00a0;
- La commune soutient les réfugiés reconnus dans leur recherche d’un logement adapté lorsqu’ils quittent l’accueil local\u00a0;
- La commune encourage et soutient ses habitantes et habitants qui s’engagent bénévolement dans l’accompagnement de personnes exilées, par exemple comme famille d’accueil ou comme tuteur ou tutrice de mineurs étrangers non accompagnés\u00a0;
- La commune met en place des initiatives pour associer les personnes exilées à la vie associative locale, aux activités de loisirs… et soutient les bénévoles qui s’y investissent\u00a0;
- La commune contribue financièrement à l’accueil et à la protection des personnes exilées aux frontières extérieures de l’UE ou dans les régions en conflit, en soutenant des ONG ou des organisations des Nations unies\u00a0;
- La commune rejoint le Réseau des villes et communes solidaires pour échanger de bonnes pratiques avec d’autres communes\u00a0;
- La commune réfléchit et contribue à des modèles bien pensés de parrainage communautaire (community sponsorship), dans lesquels des groupes locaux prennent en charge l’accueil de personnes exilées arrivant en Belgique par la voie de la réinstallation\u00a0;{sponsorship_note}
- La commune soutient ses écoles dans l’enseignement aux personnes exilées\u00a0;
- La commune lève les obstacles qui entravent l’accès des personnes exilées aux services\u00a0;
- Autre activité, à définir par la commune.

# Une commune solidaire rend son engagement visible

Une commune solidaire communique activement sur son engagement et rejoint le réseau des «\u00a0Villes et communes solidaires\u00a0».{members_note} Ensemble, nous montrons ainsi qu’il existe en Belgique une large adhésion à la solidarité avec toutes les personnes exilées.

# Qu’offre le Réseau\u00a0?

Les membres du Réseau se réunissent pour apprendre les uns des autres, échanger conseils et bonnes idées sur l’accueil, la protection et l’accompagnement, discuter des difficultés qu’ils rencontrent et agir ensemble pour les résoudre. Ce réseau d’apprentissage est soutenu par Vluchtelingenwerk Vlaanderen, 11.11.11, Caritas Belgique, Amnesty International Vlaanderen et Beweging.net. La VVSG, l’association des villes et communes flamandes, y participe également.

Concrètement, le Réseau des villes et communes solidaires organise trois rencontres d’apprentissage par an. À l’issue de chacune d’elles, nous rassemblons dans une brochure les bonnes pratiques des différents pouvoirs locaux.

À chacune de ces rencontres, nous formulons aussi des recommandations politiques\u00a0:

- Au niveau local\u00a0: comment les pouvoirs locaux peuvent-ils traduire leur bonne volonté en actes\u00a0?
- Comment le niveau régional peut-il les soutenir\u00a0?
- Comment le niveau fédéral peut-il les soutenir\u00a0?

Nous portons ces recommandations auprès des ministres et secrétaires d’État compétents. Par un engagement clair, le Réseau pèse ainsi sur les décisions des autorités locales, régionales et fédérales.

# Nous pouvons aider\u00a0!

La meilleure voie vers une bonne intégration des personnes réfugiées dans notre société passe par les contacts avec les habitantes et habitants de la commune et par un réseau solide autour de l’initiative d’accueil. En tant qu’habitantes et habitants, nous pouvons y jouer un rôle important. C’est pourquoi nous souhaitons vous rencontrer pour voir comment nous pourrions contribuer, comme bénévoles, à l’accueil des personnes exilées.

En accueillant les personnes venues d’Ukraine, notre commune a déjà montré qu’en période de grande urgence, nous sommes capables de dégager des moyens pour des solutions rapides. Nous vous demandons de faire à nouveau preuve de détermination et d’apporter votre contribution pour que plus personne ne doive dormir à la rue.

Notre {title_word} se montrera-t-elle solidaire, elle aussi\u00a0?""",
    "contact_email_phone": "Pour toute question, n’hésitez pas à me contacter à l’adresse {email} ou au {phone}.",
    "contact_email": "Pour toute question, n’hésitez pas à me contacter à l’adresse {email}.",
    "closing": "Veuillez agréer, Mesdames et Messieurs, l’expression de mes salutations distinguées.",
    "cosigners_heading": "Cosigné par\u00a0:",
    "more_info": f"Pour plus d’informations et de contexte (en néerlandais)\u00a0: {NETWORK_URL}",
    "sponsorship_note": f"Sur le parrainage communautaire des réfugiés réinstallés (en néerlandais)\u00a0: {SPONSORSHIP_URL}",
    "members_note": "Ces villes et communes sont aujourd’hui membres du Réseau des villes et communes solidaires\u00a0: {members}.",
    "member_joined_as": "{name} (adhésion sous le nom de {joined_as})",
    "city_title": "Ville de {name}",
    "municipality_title": "Commune de {name}",
    "city_word": "ville",
    "municipality_word": "commune",
}

ENGLISH = {
    "language": "en",
    "addressee": "To the Board of Mayor and Aldermen and the Municipal Council\n{title}",
    "subject": "Re: joining the Network of Solidarity Cities and Municipalities",
    "salutation": "Dear Mayor, Aldermen and Council members,",
    "introduction": """\
For more than a year, Belgium has been facing an unprecedented reception crisis. For more than a year, asylum seekers have been sleeping in the streets, without protection or medical care.

We believe things can be different. A humane approach, with good reception and guidance for people who fled, is entirely possible. And good support is the best strategy on migration, both for the people who fled and for us. The federal government still fails to offer solutions, even though the right to asylum and to reception is anchored in international and Belgian law. The situation on the ground keeps getting worse despite the government's measures of July and October. The local level can play an important role here, in several ways. For many months, the federal government has been asking local governments for new reception places. To encourage local reception places, the government launched a new grant in September for each place opened. It comes on top of Fedasil's existing support for local reception initiatives.

The efforts made to find reception places for refugees from Ukraine were impressive. Solutions are possible for asylum seekers from other countries too. Many local governments recognise this and show solidarity, but do not always know how to take concrete steps. With this positive approach, and these challenges, the Network of Solidarity Cities and Municipalities gets to work.

With this letter, we, residents of {municipality}, ask you, as a {title_word}, to take your share of responsibility and join the network of 'Solidarity Municipalities'.""",
    "personal_heading": "In my own words",
    "body": """\
# Our municipality, a Solidarity Municipality!

A Solidarity Municipality wants everyone who applies for asylum or temporary protection in Belgium to be received well, and wants our country to lead the way in initiatives of solidarity with people who fled.

A Solidarity Municipality sets a good example itself and invests in good reception, protection and guidance of people who fled within the municipality. It does so by committing to at least three of the following activities:

- The municipality provides as many reception places as possible for minors and/or adults who fled. This can be a reception centre or a smaller local reception initiative (LOI);
- The municipality supports recognised refugees who look for suitable housing when they leave local reception;
- The municipality encourages and supports residents who volunteer to guide people who fled, for example as a foster parent or as a guardian of unaccompanied foreign minors;
- The municipality takes initiatives to involve people who fled in local associations and leisure activities, and supports the volunteers who do this;
- The municipality contributes financially to the reception and protection of people who fled at the external borders of the EU or in regions of conflict, through NGOs or UN organisations;
- The municipality takes part in the Network of Solidarity Cities and Municipalities to exchange good practices with other municipalities;
- The municipality helps design well-thought-out models of community-based sponsorship, in which local groups welcome people who fled and come to Belgium through resettlement;{sponsorship_note}
- The municipality supports its schools in teaching people who fled;
- The municipality removes barriers that keep people who fled from services;
- Another activity, described by the municipality itself.

# A Solidarity Municipality makes its commitment visible

A Solidarity Municipality communicates actively about its commitment and joins the network of 'Solidarity Cities and Municipalities'.{members_note} Together we show that there is support in Belgium for solidarity with everyone who fled.

# What does the Network offer?

The members of the Network meet to learn from each other, to share tips and tricks on reception, protection and guidance, to discuss the difficulties they meet and to act together to solve them. This learning network is supported by Vluchtelingenwerk Vlaanderen, 11.11.11, Caritas Belgium, Amnesty International Vlaanderen and Beweging.net. The VVSG (the association of Flemish cities and municipalities) takes part as well.

In practice, the Network of Solidarity Cities and Municipalities holds three learning networks a year. At the end of each, we produce a brochure of good practices of the different local governments.

At each of these meetings we also formulate policy recommendations:

- At the local level: how can local governments turn their good will into practice?
- How can the regional level support this?
- How can the federal level support this?

We take these recommendations to the competent ministers and secretaries of state. With a clear commitment, the Network weighs on the decisions of the local, regional and federal governments.

# We can help!

The best way to a good place for refugees in our society goes through contacts with the residents of the municipality and a strong network around the reception initiative. As residents, we can play an important role in this. That is why we would like to sit down with you and see how we can contribute as volunteers to welcoming and receiving people who fled.

By welcoming and receiving the people from Ukraine, our municipality has already shown that in times of great need we can free resources for fast solutions. We ask you to show the same resolve again and to contribute, so that nobody has to sleep in the street.

Will our {title_word} show solidarity too?""",
    "contact_email_phone": "If you have any questions, feel free to contact me at {email} or on {phone}.",
    "contact_email": "If you have any questions, feel free to contact me at {email}.",
    "closing": "Yours sincerely,",
    "cosigners_heading": "Co-signed by:",
    "more_info": f"For more information and background (in Dutch): {NETWORK_URL}",
    "sponsorship_note": f"On community sponsorship for resettled refugees (in Dutch): {SPONSORSHIP_URL}",
    "members_note": "These cities and municipalities are members of the Network of Solidarity Cities and Municipalities today: {members}.",
    "member_joined_as": "{name} (joined as {joined_as})",
    "city_title": "City of {name}",
    "municipality_title": "Municipality of {name}",
    "city_word": "city",
    "municipality_word": "municipality",
}

ORIGINAL_TEXTS = {text["language"]: text for text in (DUTCH, FRENCH, ENGLISH)}
