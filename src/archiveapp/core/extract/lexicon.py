"""Word lists the extractor's rules rely on: speech verbs, titles, pronouns, first names.

Kept apart from the rules so that a new verb or title is one line here, and so that the
lists can be read (and argued about) without reading any regular expression.
"""

from __future__ import annotations


def words(block: str) -> frozenset[str]:
    """A word list written as one whitespace-separated block (easy to read and extend)."""
    return frozenset(block.split())


def _inflect(stems: str) -> frozenset[str]:
    """Expand ``say:said:says`` groups (all forms listed explicitly) into one set."""
    return frozenset(form for group in stems.split() for form in group.split(":"))


# English verbs of saying, every inflected form written out: a frame must find "said",
# "says", "saying" and "has said" without a stemmer.
SPEECH_VERBS_EN: frozenset[str] = _inflect(
    """
    say:says:said:saying tell:tells:told:telling add:adds:added:adding
    stress:stresses:stressed:stressing emphasize:emphasizes:emphasized:emphasizing
    emphasise:emphasises:emphasised:emphasising note:notes:noted:noting
    explain:explains:explained:explaining argue:argues:argued:arguing
    warn:warns:warned:warning insist:insists:insisted:insisting
    conclude:concludes:concluded:concluding continue:continues:continued:continuing
    write:writes:wrote:written:writing tweet:tweets:tweeted:tweeting
    ask:asks:asked:asking reply:replies:replied:replying recall:recalls:recalled:recalling
    acknowledge:acknowledges:acknowledged:acknowledging admit:admits:admitted:admitting
    claim:claims:claimed:claiming declare:declares:declared:declaring
    announce:announces:announced:announcing state:states:stated:stating
    remark:remarks:remarked:remarking observe:observes:observed:observing
    comment:comments:commented:commenting respond:responds:responded:responding
    answer:answers:answered:answering suggest:suggests:suggested:suggesting
    predict:predicts:predicted:predicting promise:promises:promised:promising
    vow:vows:vowed:vowing pledge:pledges:pledged:pledging joke:jokes:joked:joking
    quip:quips:quipped:quipping shout:shouts:shouted:shouting yell:yells:yelled:yelling
    scream:screams:screamed:screaming cry:cries:cried:crying exclaim:exclaims:exclaimed
    whisper:whispers:whispered:whispering mutter:mutters:muttered:muttering
    highlight:highlights:highlighted:highlighting point:points:pointed:pointing
    complain:complains:complained:complaining lament:laments:lamented:lamenting
    boast:boasts:boasted:boasting brag:brags:bragged:bragging
    charge:charges:charged:charging counter:counters:countered:countering
    retort:retorts:retorted:retorting contend:contends:contended:contending
    maintain:maintains:maintained:maintaining assert:asserts:asserted:asserting
    affirm:affirms:affirmed:affirming confirm:confirms:confirmed:confirming
    deny:denies:denied:denying reveal:reveals:revealed:revealing
    report:reports:reported:reporting describe:describes:described:describing
    urge:urges:urged:urging demand:demands:demanded:demanding
    begin:begins:began:beginning open:opens:opened:opening
    mention:mentions:mentioned:mentioning repeat:repeats:repeated:repeating
    tout:touts:touted:touting praise:praises:praised:praising
    criticize:criticizes:criticized:criticizing criticise:criticises:criticised
    accuse:accuses:accused:accusing blast:blasts:blasted:blasting
    scoff:scoffs:scoffed:scoffing sigh:sighs:sighed:sighing laugh:laughs:laughed:laughing
    post:posts:posted:posting read:reads:reading quote:quotes:quoted:quoting
    concede:concedes:conceded:conceding agree:agrees:agreed:agreeing
    insist:insists:insisted:insisting reason:reasons:reasoned:reasoning
    recount:recounts:recounted:recounting remind:reminds:reminded:reminding
    thunder:thunders:thundered:thundering fume:fumes:fumed:fuming
    rail:rails:railed:railing proclaim:proclaims:proclaimed:proclaiming
    caution:cautions:cautioned:cautioning assure:assures:assured:assuring
    inform:informs:informed:informing advise:advises:advised:advising
    speculate:speculates:speculated:speculating wonder:wonders:wondered:wondering
    testify:testifies:testified:testifying chant:chants:chanted:chanting
    sing:sings:sang:sung:singing
    """
)

# Verbs that introduce speech only together with a colon or a following quote ("Cruz
# called them on it:"): too common to count as a frame on their own.
COLON_ONLY_VERBS_EN: frozenset[str] = _inflect(
    """
    put:puts:putting call:calls:called:calling summarize:summarized:summed
    offer:offers:offered:offering chime:chimed sum:sums
    """
)

SPEECH_VERBS_DE: frozenset[str] = _inflect(
    """
    sagen:sagte:sagten:sagt:gesagt sagen:sage erklären:erklärte:erklärten:erklärt
    betonen:betonte:betonten:betont meinen:meinte:meinten:meint
    fügen:fügte:fügten:fügt hinzufügen:hinzu schreiben:schrieb:schrieben:schreibt
    berichten:berichtete:berichteten:berichtet warnen:warnte:warnten:warnt
    fordern:forderte:forderten:fordert kritisieren:kritisierte:kritisierten:kritisiert
    sprechen:sprach:sprachen:spricht ergänzen:ergänzte:ergänzten:ergänzt
    bekräftigen:bekräftigte:bekräftigt versichern:versicherte:versichert
    erläutern:erläuterte:erläutert äußern:äußerte:äußerten:äußert
    mitteilen:teilte:teilten:teilt verkünden:verkündete:verkündet
    antworten:antwortete:antworteten:antwortet fragen:fragte:fragten:fragt
    behaupten:behauptete:behauptet bestätigen:bestätigte:bestätigt
    zitieren:zitierte:zitiert unterstreichen:unterstrich:unterstreicht
    begründen:begründete:begründet kommentieren:kommentierte:kommentiert
    erinnern:erinnerte:erinnert appellieren:appellierte:appelliert
    mahnen:mahnte:mahnt rufen:rief:riefen:ruft verlauten:verlautete
    zeigen:zeigte:zeigten:zeigt bezeichnen:bezeichnete:bezeichneten:bezeichnet
    nennen:nannte:nannten:nennt
    """
)

SPEECH_VERBS: frozenset[str] = SPEECH_VERBS_EN | SPEECH_VERBS_DE

# Words that may stand between a speaker and the verb without breaking the frame
# ("Smith also said", "Smith has repeatedly said", "sagte er weiter").
FRAME_FILLERS: frozenset[str] = words(
    """
    also later then again once has had have would will could was were is are been being
    repeatedly previously recently earlier further simply flatly bluntly just only
    quickly immediately publicly privately reportedly famously once even still hat habe
    hatte auch weiter dazu zudem noch bereits
    """
)

# Pronoun -> gender ("m", "f") or None when the pronoun may stand for anyone.
PRONOUNS: dict[str, str | None] = {
    "he": "m",
    "she": "f",
    "they": None,
    "we": None,
    "i": None,
    "it": None,
    "er": "m",
    "sie": None,
    "wir": None,
    "ich": None,
    "es": None,
    # French, Spanish, Ukrainian, Russian: "a-t-il déclaré", "dijo ella", "сказав він".
    "il": "m",
    "elle": "f",
    "él": "m",
    "ella": "f",
    "він": "m",
    "вона": "f",
    "он": "m",
    "она": "f",
}

# Titles stripped from a name. The value is the role a reader would want to see when the
# text gives no other role ("MEP Michal Dworczyk" -> "Member of the European Parliament");
# None means the title says nothing useful about the role (Mr, Mrs).
TITLES: dict[str, str | None] = {
    "mr": None,
    "mrs": None,
    "ms": None,
    "miss": None,
    "mx": None,
    "dr": None,
    "prof": "Professor",
    "professor": "Professor",
    "sir": None,
    "dame": None,
    "lord": None,
    "lady": None,
    "herr": None,
    "frau": None,
    "mep": "Member of the European Parliament",
    "mp": "Member of Parliament",
    "sen": "Senator",
    "senator": "Senator",
    "delegate": "Delegate",
    "rep": "Representative",
    "representative": "Representative",
    "congressman": "Congressman",
    "congresswoman": "Congresswoman",
    "gov": "Governor",
    "governor": "Governor",
    "president": "President",
    "vice": None,
    "mayor": "Mayor",
    "gen": "General",
    "general": "General",
    "col": "Colonel",
    "capt": "Captain",
    "lt": "Lieutenant",
    "sgt": "Sergeant",
    "rev": "Reverend",
    "chancellor": "Chancellor",
    "ceo": "CEO",
    "judge": "Judge",
    "justice": "Justice",
    "pope": "Pope",
    "king": "King",
    "queen": "Queen",
    "prince": "Prince",
    "princess": "Princess",
    "secretary": "Secretary",
    "minister": "Minister",
    "ambassador": "Ambassador",
    "attorney": None,
    "candidate": None,
    "chairman": "Chairman",
    "chairwoman": "Chairwoman",
    "speaker": "Speaker",
    "leader": None,
    "spokesman": "Spokesman",
    "spokeswoman": "Spokeswoman",
    "spokesperson": "Spokesperson",
    "bundeskanzler": "Bundeskanzler",
    "bundeskanzlerin": "Bundeskanzlerin",
    "kanzler": "Kanzler",
    "kanzlerin": "Kanzlerin",
    "ministerpräsident": "Ministerpräsident",
    "bundespräsident": "Bundespräsident",
    "außenminister": "Außenminister",
}

# Job words that, capitalised before a name, act as a title ("Engineer Chidi Okonkwo",
# "Pollster Ann Selzer"); German compounds are caught by their endings ("RTL-Chefin").
ROLE_WORDS: frozenset[str] = words(
    """
    engineer economist pollster strategist analyst adviser advisor aide spokesman
    spokeswoman spokesperson coach manager director chief officer commissioner
    commander admiral inspector detective sheriff prosecutor attorney lawyer doctor
    nurse producer editor correspondent columnist author historian researcher
    scientist professor founder co-founder chairman chairwoman ceo cfo coo president
    vice-president chancellor premier archbishop bishop cardinal rabbi imam pastor
    father sister brother captain sergeant corporal private major colonel lieutenant
    superintendent constable actor actress singer presenter comedian dj trainer trainerin
    kapitän kapitänin torwart stürmer ingenieur ingenieurin
    """
)
DE_ROLE_SUFFIXES: tuple[str, ...] = (
    "sprecher",
    "sprecherin",
    "chef",
    "chefin",
    "minister",
    "ministerin",
    "präsident",
    "präsidentin",
    "vorsitzende",
    "vorsitzender",
    "generalsekretär",
    "generalsekretärin",
    "kanzler",
    "kanzlerin",
    "bürgermeister",
    "bürgermeisterin",
    "leiter",
    "leiterin",
    "direktor",
    "direktorin",
    "experte",
    "expertin",
    "beauftragte",
    "beauftragter",
    "trainer",
    "trainerin",
)


def is_title_word(word: str) -> bool:
    """A word that, before a name, says what the person is rather than who."""
    low = word.lower().rstrip(".")
    return (
        low in TITLES
        or low in ROLE_WORDS
        or low.endswith(DE_ROLE_SUFFIXES)
        or low in TITLE_WORDS_OTHER
    )


# Capitalised words that begin sentences or name things but never people; a capitalised
# run made only of these is not a name.
NOT_NAMES: frozenset[str] = words(
    """
    The A An This That These Those It Its He She They We I You His Her Their Our My In
    On At For From With Without By Of To And But Or Nor So Yet If When While After
    Before Since As Because Although Though However Meanwhile Still Also Then There Here
    Monday Tuesday Wednesday Thursday Friday Saturday Sunday January February March
    April May June July August September October November December Today Yesterday
    Tomorrow What Who Why How Where Which Yes No Not All Some Many Most One Two Three Mr
    Mrs Ms Dr Der Die Das Ein Eine Er Sie Es Wir Ich Und Aber Oder Auch Am Im Laut Nach
    Zudem Dazu Doch Nun Dabei Dies Diese Dieser Er Man Auf Bei Mit Von Vor Zum Zur Wie
    Was Wer Als Christmas Easter God America American Americans Democrat Democrats
    Republican Republicans GOP Congress Senate House Court White Obamacare Twitter
    Facebook Despite During Under Among Following Asked Speaking Neither Nor Both Either
    Mehrere Viele Alle Einige Beide Jeder Jede Jedes Kein Keine Andere Seit Trotz Während
    Earlier Later Eventually Obviously Soon Now Overall Meanwhile Finally Instead Indeed
    Previously Recently Currently Ultimately Separately Elsewhere Initially Originally
    Afterwards Similarly Likewise Nevertheless Nonetheless Otherwise Unfortunately
    Fortunately Clearly Certainly Perhaps Maybe Already Again Together Last Next Other
    Another Such Every Each Only Even Just Once Thus Hence Besides Moreover Furthermore
    Ironically Interestingly Surprisingly Significantly Crucially Notably Overnight
    Unlike Like Until Within Across Against Amid Around Throughout
    Seine Seinen Seiner Seinem Ihre Ihren Ihrer Ihrem Den Dem Des Über Gegenüber Da Ab
    Dieses Diesem Diesen Jegliche Derzeit Zuvor Später Offenbar Besorgt Hier Dort Damit
    Daher Deshalb Dennoch Jedoch Allerdings Außerdem Inzwischen Bereits Schon Heute Gestern
    Zunächst Danach Anschließend Zuletzt Erst Nur Bisher Letztlich Insgesamt Unter Gegen
    Für Durch Ohne Um Aus Bis Zwischen Neben Wegen Dennoch Ebenfalls Außer Sein Ihr Unser
    """
)

# Common German first names (for "er"/"sie" when no earlier pronoun settles it).
FEMALE_NAMES_DE: frozenset[str] = words(
    """
    Angela Ursula Annegret Andrea Katarina Katharina Katrin Kathrin Manuela Malu Franziska
    Julia Anja Birgit Brigitte Christiane Claudia Dagmar Doris Elke Gabriele Gerda Gesine
    Heidi Heike Hildegard Ingrid Iris Jutta Karin Kerstin Kirsten Lisa Marianne Martina
    Monika Nicole Renate Sabine Sahra Sandra Silke Simone Susanne Svenja Tanja Ulla Ulrike
    Ute Verena Anke Antje Bettina Beate Cornelia Daniela Edith Elisabeth Eva Gisela Hannelore
    Helga Ilse Inge Irene Jana Johanna Karola Lena Luise Margot Maria Marion Marlene Nadine
    Nina Petra Regina Rita Sigrid Sophie Stefanie Steffi Tina Waltraud Yvonne Alice Annalena
    Ricarda Saskia Sevim Aydan Herta Hanna Hannah Lea Leonie Magdalena Melanie
    """
)
MALE_NAMES_DE: frozenset[str] = words(
    """
    Gerhard Helmut Olaf Guido Franz Edmund Joschka Wolfgang Horst Markus Sigmar Heiko Jens
    Christian Friedrich Karl Hans Klaus Jürgen Joachim Stefan Volker Elmar Günter Günther
    Walter Otto Kurt Josef Peer Frank Norbert Rainer Roland Rudolf Rüdiger Ulrich Uwe
    Werner Wilfried Dieter Detlef Bernd Axel Armin Alexander Andreas Bodo Burkhard Carsten
    Cem Dirk Erich Ernst Erwin Fritz Georg Gregor Hartmut Heinz Heinrich Helmut Herbert
    Hermann Holger Hubert Ingo Jan Jochen Johannes Jörg Kai Lars Lothar Lutz Manfred Mario
    Martin Matthias Max Michael Norbert Oskar Patrick Philipp Ralf Reinhard Reinhold
    Robert Sebastian Siegfried Sven Theo Thorsten Tobias Torsten Wilhelm Winfried Boris
    Christoph Cornelius Dietmar Eckart Florian Gustav Hubertus Karl-Theodor Kevin Knut Konrad
    Ludwig Malte Marco Nils Olaf Paul Rolf Steffen Till Tim Timo Ulf Wolf Hans-Dietrich
    Hans-Peter Hans-Jürgen Karl-Heinz Heinz-Christian Franz-Josef Frank-Jürgen Bastian
    Miroslav Joachim Jogi Felix Thomas Ottmar Uli Günther
    """
)

# Adjectives and nouns of nationality: "the Russian added", "British artists say". Alone
# they name no one (a name that merely starts with one, "British Airways", is kept).
DEMONYMS: frozenset[str] = words(
    """
    American British English Scottish Welsh Irish Northern French German Spanish Italian
    Russian Chinese Japanese Korean Indian Pakistani Australian Canadian Brazilian Argentine
    Argentinian Mexican Dutch Belgian Swiss Swedish Norwegian Danish Finnish Polish Czech
    Greek Turkish Iranian Iraqi Israeli Palestinian Egyptian Saudi Syrian Lebanese African
    European Asian Arab Kenyan Nigerian Portuguese Austrian Hungarian Romanian Bulgarian
    Serbian Croatian Ukrainian Georgian Chilean Colombian Venezuelan Cuban Peruvian
    Jamaican Scot Scots Briton Britons Afghan Thai Vietnamese Indonesian Malaysian Filipino
    Zimbabwean Ghanaian Ethiopian Somali Sudanese Libyan Moroccan Algerian Tunisian Kurdish
    Estonian Latvian Lithuanian Slovak Slovenian Bosnian Albanian Icelandic Kiwi Aussie
    Western Eastern Southern Latin Muslim Jewish Catholic Protestant Hindu Sikh
    Americans Russians Germans Italians Indians Pakistanis Australians Canadians Brazilians
    Argentines Mexicans Belgians Swedes Norwegians Danes Finns Poles Czechs Greeks Turks
    Iranians Iraqis Israelis Palestinians Egyptians Saudis Syrians Europeans Asians Arabs
    Africans Kenyans Nigerians Ukrainians Georgians Chileans Cubans Afghans Muslims
    Christians Jews Catholics Protestants Hindus Sikhs Spaniards Irishmen Frenchmen
    Englishmen Welshmen Scotsmen Chinese Japanese Koreans Vietnamese
    """
)

# Plural nouns that open sentences ("Critics said ...") and so look like names: they are
# descriptions of groups, shown lower-case as written.
GROUP_NOUNS: frozenset[str] = words(
    """
    Users Critics Prosecutors Analysts Officials Experts Researchers Scientists Fans
    Residents Police Doctors Teachers Campaigners Ministers Economists Investors Observers
    Sources Witnesses Parents Shoppers Consumers Workers Opponents Supporters Lawyers
    Detectives Officers Organisers Organizers Bosses Staff Students Viewers Listeners
    Players Voters Protesters Demonstrators Activists Lawmakers Diplomats Traders Dealers
    Insiders Aides Advisers Advisors Villagers Locals Neighbours Neighbors Relatives
    Passengers Patients Customers Employees Unions Firms Companies Retailers Manufacturers
    Bankers Managers Executives Judges Jurors Officers Soldiers Troops Rebels Militants
    Commentators Pundits Pollsters Strategists Gamers Bloggers Developers Engineers
    Designers Artists Musicians
    Reviewers Readers Visitors Tourists Owners Landlords Tenants Farmers Fishermen
    """
)

# Nouns heading a nominal speaker ("a campaign spokesman", "the senator").
NOMINAL_HEADS: frozenset[str] = words(
    """
    spokesman spokeswoman spokesperson official officials aide aides adviser advisers
    advisor source sources statement senator candidate governor president secretary
    campaign minister director chairman chairwoman leader leaders analyst analysts
    expert experts strategist strategists supporter supporters critic critics voter
    voters member members report reports poll representative lawyer attorney
    spokespeople committee group organization organisation agency department ministry
    police prosecutor prosecutors officer officers executive manager congressman
    congresswoman lawmaker lawmakers reporter reporters woman man people person resident
    residents protester protesters billionaire businessman frontrunner front-runner
    nominee mogul host author professor economist sprecher sprecherin regierung
    ministerium behörde polizei
    """
)

# Words before a quoted string that mark it as a name of something, not a quotation.
# "so" is kept for English fragments ("Doing so “appeared to be ...”"); before a colon it
# introduces a quotation instead ("sagte es so: „...“", see classify._cue_before).
TITLE_CUES: frozenset[str] = words(
    """
    so titled entitled called dubbed named nicknamed nickname labeled labelled branded termed so-
    called known book books film movie show series programme program song album slogan
    hashtag conference campaign operation event events initiative project motto theme
    headline column article essay report documentary exhibition play ngo foundation
    podcast memoir episode ad commentary editorial op-ed
    organisation organization group party magazine newspaper titel namens genannt
    sogenannte sogenannten genannte genannten
    """
)

# First names with a clear gender, for "she added" when no earlier pronoun settles it.
FEMALE_NAMES: frozenset[str] = words(
    """
    Hillary Mary Elizabeth Sarah Susan Nancy Karen Linda Patricia Barbara Jennifer Maria
    Anna Anne Ann Angela Theresa Teresa Michelle Melania Ivanka Kellyanne Carly
    Elizabeth Kate Kateryna Katherine Catherine Kathleen Laura Lisa Julia Julie Emily
    Emma Olivia Sophie Sophia Rachel Rebecca Amy Amanda Claire Helen Heather Diane Donna
    Deborah Debbie Jane Janet Jessica Joanna Judith Judy Kelly Kim Kirsten Lucy Margaret
    Megyn Monica Nikki Olena Oleksandra Paula Rosa Ruth Sandra Sharon Sheila Tulsi
    Valerie Victoria Hope Huma Jill Loretta Marsha Martha Condoleezza Madeleine Samantha
    Stephanie Tammy Tina Virginia Yulia Ursula Angelika Renate Annette Andrea Sabine
    Claudia Ulla Anke Petra Christine Christina Kristina Natalia Natalya Irina Olga
    Svetlana Tatiana Iryna Daria Marine Ségolène Hélène Giorgia Roberta Alexandra Mariya
    Jacqueline Joan Joyce Gloria Dana Erin Alison Allison Ellen Marie Dilma Kamala
    Nicola Harriet Tessa Margot Gisela Ursula Ilse Brigitte Mrs Ms Frau
    Abigail Alicia Amber Andrea Angie Anita Beth Betsy Betty Beverly Bonnie Brenda Brooke
    Carol Caroline Carolyn Cathy Cheryl Cindy Colleen Connie Courtney Crystal Cynthia
    Denise Dolores Doris Dorothy Eileen Elaine Eleanor Elise Ella Evelyn Frances Gail
    Gina Gwen Haley Hannah Holly Irene Jackie Jamie Janice Jeanne Jenna Jenny
    Joanne Jodi Josephine Katie Kathy Kay Kayla Kristen Kristin Leah Lena Leslie
    Lily Lindsay Lori Lorraine Lynn Marcia Marilyn Marjorie Melanie Melissa Meredith Mia
    Michele Mika Miriam Molly Nadia Naomi Natalie Nina Norma Pam Pamela Patty Peggy
    Phyllis Priscilla Roberta Rose Roxanne Sally Sara Shannon Shirley Sonia
    Stacey Sue Susanna Suzanne Sylvia Tamara Tara Teresa Tiffany Tracy Vanessa Vera
    Wendy Whitney Yolanda Zoe Debra Donna Gretchen Kelly Kirsten Elena Ana Sandy Kristi
    """
)
FEMALE_NAMES = FEMALE_NAMES | FEMALE_NAMES_DE
MALE_NAMES: frozenset[str] = words(
    """
    Donald Barack Joe Bernie Ted Marco Jeb Ben Chris John Mike Michael Paul Rand Mitt
    George Bill William Robert Bob James Jim David Richard Thomas Tom Charles Mark Steve
    Steven Stephen Peter Jeff Jeffrey Scott Kevin Brian Jason Matt Matthew Andrew Tim
    Timothy Gary Eric Newt Rick Lindsey Harry Jack Frank Martin Carl Tony Larry Dan
    Daniel Sean Ryan Reince Corey Jason Roger Rudy Sam Samuel Vladimir Bashar Benjamin
    Recep Francois François Emmanuel Nicolas Gordon Boris Jeremy David Nigel Keir
    Mykhailo Oleksandr Volodymyr Petro Vitali Vitaliy Dmytro Andriy Sergey Sergei Michal
    Jacek Andrzej Gerhard Helmut Olaf Frank-Walter Guido Franz Edmund Joschka Wolfgang
    Horst Markus Sigmar Peer Heiko Jens Christian Friedrich Karl Hans Klaus Jürgen
    Joachim Thomas Stefan Volker Elmar Günter Walter Otto Kurt Josef Joseph Trey Jared
    Stephen Reid Harry Elijah Adam Adams Nick Luke Lou Rush Sean Glenn Bret Hugh Ken
    Kenneth Keith Ron Ronald Ray Raymond Roy Russ Russell Sheldon Tommy Wayne Willie
    Jesse Jerry Al Alan Allan Anthony Antonin Clarence Dick Dennis Doug Douglas Ed
    Edward Fred Greg Gregory Henry Howard Jon Jonathan Josh Justin Kurt Leon Mitch
    Nathan Orrin Patrick Phil Philip Ralph Reza Robby Rod Sherrod Tim Todd Travis Tucker
    Tyler Vince Vincent Xi Jean-Claude Jean Pierre Silvio Matteo Viktor Mr Herr
    Aaron Albert Andy Arthur Austin Barry Bernard Billy Bobby Brad Bradley Brandon Brent
    Brett Bruce Bryan Byron Calvin Cameron Carlos Chad Charlie Chuck Clark Cliff Clifford
    Clint Cody Colin Craig Curtis Dale Danny Darrell Darren Dave Dean Derek Don
    Donnie Duncan Dustin Dwight Earl Eddie Edwin Elliot Eugene Evan Floyd Francis
    Franklin Gabriel Gene Gerald Gilbert Glen Gordon Hank Harold Harvey Herbert
    Herman Ian Isaac Ivan Jake Jamal Jay Jeremiah Jim Jimmy Joel Johnny
    Jorge Jose Juan Julian Karl Kirk Kyle Lamar Lance Lawrence Leonard Lewis Lloyd
    Louis Lucas Luis Manuel Marc Marcus Mario Marshall Marty Marvin Maurice Max Miguel
    Miles Mitchell Morris Neil Nelson Noah Norman Oliver Oscar Owen Perry Pete
    Preston Randy Ricardo Rick Ricky Rob Robbie Roberto Rodney Rory Ross Ruben
    Rudolph Russell Seth Shane Shawn Simon Stan Stanley Stuart Theodore Toby
    Tony Trent Troy Vernon Victor Wade Walter Warren Wesley Zach Zachary
    """
)
MALE_NAMES = MALE_NAMES | MALE_NAMES_DE

# -- French, Spanish, Ukrainian, Russian ---------------------------------------------------
# Only the frames their news use around «…» quotes: a verb of saying (often in the perfect,
# "a déclaré", hence the auxiliaries) and "according to" phrases. Kept per language so that
# an English text never matches a foreign verb ("dice" is Spanish "says" and English dice).
SPEECH_VERBS_OTHER: dict[str, frozenset[str]] = {
    "fr": words(
        """
        dit dire déclaré déclare déclarait affirmé affirme affirmait ajouté ajoute
        expliqué explique expliquait souligné souligne indiqué indique estimé estime
        précisé précise assuré assure confié confie annoncé annonce répondu répond
        insisté insiste martelé martèle lancé lance écrit écrivait raconté raconte
        prévenu prévient averti avertit reconnu reconnaît
        """
    ),
    "es": words(
        """
        dijo dice decía afirmó afirma aseguró asegura explicó explica señaló señala
        añadió añade declaró declara indicó indica agregó agrega sostuvo sostiene
        advirtió advierte manifestó comentó comenta subrayó subraya destacó destaca
        apuntó escribió respondió reconoció insistió dicho afirmado declarado
        """
    ),
    "uk": words(
        """
        сказав сказала сказали заявив заявила заявили додав додала додали зазначив
        зазначила наголосив наголосила повідомив повідомила пояснив пояснила
        підкреслив підкреслила каже кажуть говорить написав написала відповів
        відповіла розповів розповіла
        """
    ),
    "ru": words(
        """
        сказал сказала сказали заявил заявила заявили добавил добавила добавили
        отметил отметила подчеркнул подчеркнула сообщил сообщила пояснил пояснила
        говорит говорил говорила написал написала ответил ответила заметил заметила
        рассказал рассказала
        """
    ),
}
# Auxiliaries of the perfect between a quote and its participle: "« … », a déclaré X",
# "«…», ha dicho X".
AUXILIARIES_OTHER: frozenset[str] = words("a avait ont avaient aurait ha había han habían")
# "According to X": the cue words, the last of which stands right before the source.
SOURCE_CUES_OTHER: dict[str, tuple[tuple[str, ...], ...]] = {
    "fr": (("selon",), ("d'après",), ("d’après",)),
    "es": (("según",), ("de", "acuerdo", "con")),
    "uk": (("за", "словами"), ("на", "думку")),
    "ru": (("по", "словам"), ("по", "мнению")),
}
# Offices written before a name ("le maire Paul Girard", "мэр Олег Смирнов"): a title, so
# the name alone is the speaker.
TITLE_WORDS_OTHER: frozenset[str] = words(
    """
    maire ministre président présidente porte-parole député sénateur alcalde alcaldesa
    ministro ministra presidente presidenta portavoz diputado senador мер міністр
    міністерка президент речник депутат мэр министр президент пресс-секретарь
    """
)
# Cue words that open a sentence, capitalised but never part of the name after them
# ("Selon Paul Girard, « … »"), and German relative possessives ("Deren Haltung ...").
NOT_NAMES = NOT_NAMES | words("Selon Según Conforme Segun За По Согласно Deren Dessen")
# German pronominal adverbs that open sentences ("Darin heißt es: „…“"): never a speaker.
NOT_NAMES = NOT_NAMES | words(
    """
    Darin Darauf Daraufhin Darüber Dafür Dagegen Davon Demnach Hierzu Hierbei Hierin Worin
    Womit Wozu
    """
)
# German nouns after which a quoted string is a title ("des Liedes „…“", "der Roman „…“").
# Words that are also English ("lied", "musical") are left out: English text sees this set.
TITLE_CUES = TITLE_CUES | words(
    """
    liedes buch buches roman films filmes motto sendung serie ausstellung theaterstück
    stück zeitschrift magazin kampagne aktion schrift aufschrift zeitung tageszeitung
    wochenzeitung radiosender fernsehsender studie magazins magazines blattes
    """
)
# Articles that open a described speaker ("le porte-parole", "el portavoz").
ARTICLES_OTHER: frozenset[str] = words("le la les l un une el los las uno una un")
