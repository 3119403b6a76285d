# ruff: noqa: E501 -- article paragraphs are prose, kept one per line so each translation reads whole
"""The guidance library's articles: what families are told about their rights.

Articles are content, not interface text, so each carries its own four languages here (bokmål,
nynorsk, English, Icelandic) instead of the gettext catalogue; a test checks every article has
every language. ``countries`` says which municipalities show it. The legal references follow
DOMAIN.md.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Final

LANGUAGES: Final = ("nb", "nn", "en", "is")


@dataclass(frozen=True)
class Article:
    slug: str
    countries: frozenset[str]
    title: dict[str, str]
    summary: dict[str, str]
    body: dict[str, tuple[str, ...]]
    basis: str = ""
    # The right it explains, as the coordinator's contact log names it (coordination.models.Right).
    right: str = "coordinator"

    def in_language(self, language: str) -> tuple[str, str, tuple[str, ...]]:
        code = language if language in LANGUAGES else "en"
        return self.title[code], self.summary[code], self.body[code]

    def text(self, language: str) -> str:
        title, summary, body = self.in_language(language)
        return " ".join((title, summary, *body))


NO = frozenset({"NO"})
IS = frozenset({"IS"})

ARTICLES: Final[tuple[Article, ...]] = (
    Article(
        slug="barnekoordinator",
        countries=NO,
        basis="pbrl § 2-5c, hol § 7-2a",
        title={
            "nb": "Barnekoordinator: én person som holder oversikten",
            "nn": "Barnekoordinator: éin person som held oversikta",
            "en": "Child coordinator: one person who keeps the overview",
            "is": "Barnasamhæfingaraðili: ein manneskja sem heldur utan um allt",
        },
        summary={
            "nb": "Familier som venter eller har et barn med alvorlig sykdom, skade eller nedsatt funksjonsevne, kan ha rett til en barnekoordinator.",
            "nn": "Familiar som ventar eller har eit barn med alvorleg sjukdom, skade eller nedsett funksjonsevne, kan ha rett til ein barnekoordinator.",
            "en": "Families expecting or having a child with a serious illness, injury or disability may have a right to a child coordinator.",
            "is": "Fjölskyldur sem eiga von á barni eða eiga barn með alvarlegan sjúkdóm, áverka eða skerta færni geta átt rétt á barnasamhæfingaraðila.",
        },
        body={
            "nb": (
                "Retten gjelder når barnet vil trenge langvarige og sammensatte helse- og omsorgstjenester og også andre velferdstjenester, for eksempel tilrettelegging i barnehage eller skole eller stønad fra NAV. Dere trenger ingen diagnose.",
                "Dere trenger ikke søke. Dere kan ringe, skrive et brev eller spørre på disse sidene. Tjenesten er gratis, og koordinatoren kan nås på telefon, på kontoret eller ved hjemmebesøk.",
            ),
            "nn": (
                "Retten gjeld når barnet vil trenge langvarige og samansette helse- og omsorgstenester og også andre velferdstenester, til dømes tilrettelegging i barnehage eller skule eller stønad frå NAV. De treng ingen diagnose.",
                "De treng ikkje søkje. De kan ringje, skrive eit brev eller spørje på desse sidene. Tenesta er gratis, og koordinatoren kan nåast på telefon, på kontoret eller ved heimebesøk.",
            ),
            "en": (
                "The right applies when the child will need long-term, complex health and care services and also other welfare services, such as adapted kindergarten or school, or benefits from NAV. You do not need a diagnosis.",
                "You do not have to apply. You can phone, write a letter or ask on these pages. The service is free, and the coordinator can be reached by phone, at the office or on a home visit.",
            ),
            "is": (
                "Rétturinn gildir þegar barnið mun þurfa langvarandi og fjölþætta heilbrigðis- og umönnunarþjónustu og einnig aðra velferðarþjónustu, til dæmis aðlögun í leikskóla eða skóla eða bætur frá NAV. Ekki þarf greiningu.",
                "Þið þurfið ekki að sækja um. Þið getið hringt, skrifað bréf eða spurt á þessum síðum. Þjónustan er ókeypis og hægt er að ná í samhæfingaraðilann í síma, á skrifstofu eða í heimavitjun.",
            ),
        },
    ),
    Article(
        slug="koordinator",
        countries=NO,
        basis="pbrl § 2-5b, hol § 7-2",
        title={
            "nb": "Koordinator for alle aldre",
            "nn": "Koordinator for alle aldrar",
            "en": "A coordinator at any age",
            "is": "Samhæfingaraðili á hvaða aldri sem er",
        },
        summary={
            "nb": "Den som trenger langvarige og koordinerte tjenester, har rett til en koordinator, uansett alder.",
            "nn": "Den som treng langvarige og koordinerte tenester, har rett til ein koordinator, same kva alder.",
            "en": "Anyone who needs long-term, coordinated services has a right to a coordinator, whatever their age.",
            "is": "Hver sá sem þarf langvarandi og samhæfða þjónustu á rétt á samhæfingaraðila, óháð aldri.",
        },
        body={
            "nb": (
                "Koordinatoren sørger for oppfølging, samordner tjenestene og driver arbeidet med den individuelle planen framover. Dere får koordinator selv om dere ikke ønsker en individuell plan.",
                "Har familien rett både til barnekoordinator og koordinator, får dere én person, valgt sammen med dere.",
            ),
            "nn": (
                "Koordinatoren syter for oppfølging, samordnar tenestene og driv arbeidet med den individuelle planen framover. De får koordinator sjølv om de ikkje ønskjer ein individuell plan.",
                "Har familien rett både til barnekoordinator og koordinator, får de éin person, vald saman med dykk.",
            ),
            "en": (
                "The coordinator follows up, brings the services together and keeps the individual plan moving. You get a coordinator even if you do not want an individual plan.",
                "If the family has a right to both a child coordinator and a coordinator, you get one person, chosen together with you.",
            ),
            "is": (
                "Samhæfingaraðilinn fylgir málum eftir, samhæfir þjónustuna og heldur vinnunni við einstaklingsáætlunina gangandi. Þið fáið samhæfingaraðila þótt þið viljið ekki einstaklingsáætlun.",
                "Ef fjölskyldan á rétt á bæði barnasamhæfingaraðila og samhæfingaraðila fáið þið eina manneskju, valda í samráði við ykkur.",
            ),
        },
    ),
    Article(
        slug="individuell-plan",
        right="individual_plan",
        countries=NO,
        basis="pbrl § 2-5, hol § 7-1",
        title={
            "nb": "Individuell plan: målene og hvem som gjør hva",
            "nn": "Individuell plan: måla og kven som gjer kva",
            "en": "Individual plan: the goals, and who does what",
            "is": "Einstaklingsáætlun: markmiðin og hver gerir hvað",
        },
        summary={
            "nb": "En individuell plan samler målene, tiltakene og hvem som har ansvar for hva. Den lages aldri uten samtykke.",
            "nn": "Ein individuell plan samlar måla, tiltaka og kven som har ansvar for kva. Han blir aldri laga utan samtykke.",
            "en": "An individual plan brings together the goals, the measures and who is responsible for what. It is never made without consent.",
            "is": "Einstaklingsáætlun safnar saman markmiðum, úrræðum og hver ber ábyrgð á hverju. Hún er aldrei gerð án samþykkis.",
        },
        body={
            "nb": (
                "Planen bygger på deres egne mål, ressurser og behov. Dere er med og lager den, og den oppdateres når ting endrer seg.",
                "Planen gir ikke i seg selv rett til flere tjenester, men gjør det tydelig hvem som skal gjøre hva og når.",
            ),
            "nn": (
                "Planen byggjer på dykkar eigne mål, ressursar og behov. De er med og lagar han, og han blir oppdatert når ting endrar seg.",
                "Planen gir ikkje i seg sjølv rett til fleire tenester, men gjer det tydeleg kven som skal gjere kva og når.",
            ),
            "en": (
                "The plan is built on your own goals, resources and needs. You take part in making it, and it is updated when things change.",
                "The plan does not in itself give a right to more services, but it makes clear who does what, and when.",
            ),
            "is": (
                "Áætlunin byggir á ykkar eigin markmiðum, styrkleikum og þörfum. Þið takið þátt í að gera hana og hún er uppfærð þegar aðstæður breytast.",
                "Áætlunin veitir ekki ein og sér rétt á meiri þjónustu, en hún gerir ljóst hver gerir hvað og hvenær.",
            ),
        },
    ),
    Article(
        slug="klage",
        right="complaint",
        countries=NO,
        basis="pbrl § 7-2, § 7-5, § 7-7",
        title={
            "nb": "Slik klager dere",
            "nn": "Slik klagar de",
            "en": "How to complain",
            "is": "Svona kvartið þið",
        },
        summary={
            "nb": "Er dere uenige i vedtaket, eller får dere ikke det dere har rett til, kan dere klage innen fire uker.",
            "nn": "Er de usamde i vedtaket, eller får de ikkje det de har rett til, kan de klage innan fire veker.",
            "en": "If you disagree with the decision, or do not get what you have a right to, you can complain within four weeks.",
            "is": "Ef þið eruð ósammála ákvörðuninni eða fáið ekki það sem þið eigið rétt á getið þið kvartað innan fjögurra vikna.",
        },
        body={
            "nb": (
                "Klagen skal være skriftlig og underskrevet, si hva dere klager på og hva dere ønsker endret. Fristen er fire uker fra dere fikk vite om vedtaket. En klage som kommer for sent, kan likevel behandles hvis det er en god grunn.",
                "Klagen sendes til kommunen, som vurderer saken på nytt. Holder kommunen fast ved vedtaket, sender den saken til Statsforvalteren, som avgjør. Pasient- og brukerombudet kan hjelpe dere å skrive klagen.",
            ),
            "nn": (
                "Klaga skal vere skriftleg og underskriven, seie kva de klagar på og kva de ønskjer endra. Fristen er fire veker frå de fekk vite om vedtaket. Ei klage som kjem for seint, kan likevel bli behandla viss det er ein god grunn.",
                "Klaga blir send til kommunen, som vurderer saka på nytt. Held kommunen fast på vedtaket, sender han saka til Statsforvaltaren, som avgjer. Pasient- og brukarombodet kan hjelpe dykk å skrive klaga.",
            ),
            "en": (
                "The complaint must be written and signed, and say what you complain about and what you want changed. The deadline is four weeks from when you learnt of the decision. A late complaint can still be heard if there is a good reason.",
                "The complaint goes to the municipality, which looks at the case again. If it keeps its decision, it sends the case to Statsforvalteren (the county governor), who decides. Pasient- og brukerombudet can help you write the complaint.",
            ),
            "is": (
                "Kvörtunin þarf að vera skrifleg og undirrituð og segja yfir hverju þið kvartið og hverju þið viljið breyta. Fresturinn er fjórar vikur frá því að þið fenguð að vita um ákvörðunina. Kvörtun sem berst of seint getur samt verið tekin fyrir ef gild ástæða er fyrir hendi.",
                "Kvörtunin fer til sveitarfélagsins sem skoðar málið aftur. Ef það heldur sig við ákvörðunina sendir það málið til Statsforvalteren (umdæmisstjórans) sem úrskurðar. Pasient- og brukerombudet getur hjálpað ykkur að skrifa kvörtunina.",
            ),
        },
    ),
    Article(
        slug="pasient-og-brukerombudet",
        right="complaint",
        countries=NO,
        basis="pbrl kap. 8",
        title={
            "nb": "Pasient- og brukerombudet hjelper dere",
            "nn": "Pasient- og brukarombodet hjelper dykk",
            "en": "Pasient- og brukerombudet can help you",
            "is": "Pasient- og brukerombudet getur hjálpað ykkur",
        },
        summary={
            "nb": "Ombudet er gratis, uavhengig og har taushetsplikt. Det kan hjelpe dere å forstå rettighetene deres og å klage.",
            "nn": "Ombodet er gratis, uavhengig og har teieplikt. Det kan hjelpe dykk å forstå rettane dykkar og å klage.",
            "en": "The ombudsman for patients and users is free, independent and bound by confidentiality. It can help you understand your rights and complain.",
            "is": "Umboðsmaður sjúklinga og notenda er ókeypis, óháður og bundinn þagnarskyldu. Hann getur hjálpað ykkur að skilja réttindi ykkar og að kvarta.",
        },
        body={
            "nb": (
                "Dere kan kontakte ombudet i fylket deres på telefon eller skriftlig. Ombudet kan gi råd, hjelpe med klagen og snakke med tjenestene for dere hvis dere ønsker det.",
            ),
            "nn": (
                "De kan kontakte ombodet i fylket dykkar på telefon eller skriftleg. Ombodet kan gi råd, hjelpe med klaga og snakke med tenestene for dykk viss de ønskjer det.",
            ),
            "en": (
                "You can contact the ombudsman in your county by phone or in writing. The ombudsman can give advice, help with the complaint and talk to the services for you if you wish.",
            ),
            "is": (
                "Þið getið haft samband við umboðsmanninn í ykkar fylki í síma eða skriflega. Umboðsmaðurinn getur veitt ráð, hjálpað með kvörtunina og talað við þjónustuna fyrir ykkar hönd ef þið viljið.",
            ),
        },
    ),
    Article(
        slug="thjonustustig",
        countries=IS,
        basis="Lög nr. 86/2021, 9.–12. gr.",
        title={
            "nb": "Tre tjenestenivåer i Island",
            "nn": "Tre tenestenivå på Island",
            "en": "Iceland's three levels of service",
            "is": "Þrjú þjónustustig",
        },
        summary={
            "nb": "Tjenestene til barn er delt i tre nivåer. Det er tjenesten som har nivåer, ikke barnet.",
            "nn": "Tenestene til barn er delte i tre nivå. Det er tenesta som har nivå, ikkje barnet.",
            "en": "Services for children come in three levels. It is the service that has a level, not the child.",
            "is": "Þjónusta við börn skiptist í þrjú stig. Það er þjónustan sem er stigskipt, ekki barnið.",
        },
        body={
            "nb": (
                "Nivå 1 er grunnleggende og tidlig støtte etter en første vurdering. Nivå 2 er målrettet støtte etter en faglig vurdering. Nivå 3 er spesialisert støtte etter en grundig vurdering.",
                "Ingenting starter uten at foreldrene eller barnet ber om det.",
            ),
            "nn": (
                "Nivå 1 er grunnleggjande og tidleg støtte etter ei første vurdering. Nivå 2 er målretta støtte etter ei fagleg vurdering. Nivå 3 er spesialisert støtte etter ei grundig vurdering.",
                "Ingenting startar utan at foreldra eller barnet ber om det.",
            ),
            "en": (
                "Level 1 is basic, early support after an initial assessment. Level 2 is targeted support after a professional assessment. Level 3 is specialised support after a thorough assessment.",
                "Nothing starts without a request from the parents or the child.",
            ),
            "is": (
                "Fyrsta stig er grunnþjónusta og snemmtækur stuðningur eftir frumgreiningu. Annað stig er markviss stuðningur eftir faglegt mat. Þriðja stig er sérhæfður stuðningur eftir ítarlegt mat.",
                "Ekkert hefst nema foreldrar eða barnið óski eftir því.",
            ),
        },
    ),
    Article(
        slug="tengilidur",
        countries=IS,
        basis="Lög nr. 86/2021, 17. gr.",
        title={
            "nb": "Tjenestekontakten (tengiliður)",
            "nn": "Tenestekontakten (tengiliður)",
            "en": "The service contact (tengiliður)",
            "is": "Tengiliður farsældar",
        },
        summary={
            "nb": "Alle barn har en tjenestekontakt der de er: helsestasjonen, barnehagen, skolen eller sosialtjenesten.",
            "nn": "Alle barn har ein tenestekontakt der dei er: helsestasjonen, barnehagen, skulen eller sosialtenesta.",
            "en": "Every child has a service contact where they are: the health centre, the preschool, the school or social services.",
            "is": "Öll börn eiga tengilið þar sem þau eru: á heilsugæslunni, í leikskólanum, í skólanum eða hjá félagsþjónustunni.",
        },
        body={
            "nb": (
                "Tjenestekontakten informerer dere, sørger for en første vurdering, planlegger og følger opp støtte på nivå 1, og sier fra til kommunen når barnet trenger en saksbehandler.",
            ),
            "nn": (
                "Tenestekontakten informerer dykk, syter for ei første vurdering, planlegg og følgjer opp støtte på nivå 1, og seier frå til kommunen når barnet treng ein sakshandsamar.",
            ),
            "en": (
                "The service contact informs you, arranges an initial assessment, plans and follows up level 1 support, and tells the municipality when the child needs a case manager.",
            ),
            "is": (
                "Tengiliðurinn upplýsir ykkur, tryggir frumgreiningu, skipuleggur og fylgir eftir stuðningi á fyrsta stigi og lætur sveitarfélagið vita þegar barnið þarf málstjóra.",
            ),
        },
    ),
    Article(
        slug="malstjori",
        countries=IS,
        basis="Lög nr. 86/2021, 20.–22. gr.; lög nr. 88/2021, 17. gr.",
        title={
            "nb": "Saksbehandleren (málstjóri) og støtteteamet",
            "nn": "Sakshandsamaren (málstjóri) og støtteteamet",
            "en": "The case manager (málstjóri) and the support team",
            "is": "Málstjóri og stuðningsteymi",
        },
        summary={
            "nb": "Trenger barnet sammensatte tjenester på nivå 2 eller 3 over tid, utnevner kommunen en saksbehandler.",
            "nn": "Treng barnet samansette tenester på nivå 2 eller 3 over tid, utnemner kommunen ein sakshandsamar.",
            "en": "When the child needs many-sided level 2 or 3 services over a longer time, the municipality appoints a case manager.",
            "is": "Þegar barnið þarf fjölþætta þjónustu á öðru eða þriðja stigi yfir lengri tíma skipar sveitarfélagið málstjóra.",
        },
        body={
            "nb": (
                "Saksbehandleren setter sammen et støtteteam med tjenestene, og dere og barnet er med. Teamet lager en støtteplan med mål, hvem som gjør hva, og hvordan resultatene vurderes.",
                "Er dere misfornøyde, kan dere klage til GEV (Gæða- og eftirlitsstofnun velferðarmála). For et barn løper klagefristen på ett år fra barnet fyller 18.",
            ),
            "nn": (
                "Sakshandsamaren set saman eit støtteteam med tenestene, og de og barnet er med. Teamet lagar ein støtteplan med mål, kven som gjer kva, og korleis resultata blir vurderte.",
                "Er de misnøgde, kan de klage til GEV (Gæða- og eftirlitsstofnun velferðarmála). For eit barn går klagefristen på eitt år frå barnet fyller 18.",
            ),
            "en": (
                "The case manager forms a support team with the services, and you and the child take part. The team writes a support plan with goals, who does what, and how results are evaluated.",
                "If you are not satisfied, you can complain to GEV (Gæða- og eftirlitsstofnun velferðarmála). For a child, the one-year complaint period starts at 18.",
            ),
            "is": (
                "Málstjórinn myndar stuðningsteymi með þjónustuveitendum og þið og barnið takið þátt. Teymið gerir stuðningsáætlun með markmiðum, hver gerir hvað og hvernig árangur er metinn.",
                "Ef þið eruð ósátt getið þið kvartað til Gæða- og eftirlitsstofnunar velferðarmála (GEV). Fyrir barn hefst eins árs kærufresturinn við 18 ára aldur.",
            ),
        },
    ),
)

BY_SLUG: Final = {a.slug: a for a in ARTICLES}


def articles_for(country: str) -> list[Article]:
    return [a for a in ARTICLES if country in a.countries]


def search_articles(country: str, language: str, query: str) -> list[Article]:
    """Articles of the country whose text in the reader's language holds every word asked."""
    words = [w.casefold() for w in query.split()]
    return [a for a in articles_for(country) if all(w in a.text(language).casefold() for w in words)]
