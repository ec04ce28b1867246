# ruff: noqa: E501  (the stories keep one paragraph a line, as wire copy arrives)
"""Long wire stories: background clauses, parentheticals, appositions, analysts, many dates.

The two stories are written for these tests (about 500 words each, in the shape of agency
copy); they check what a long article must not break rather than every stance in it.
"""

from __future__ import annotations

from datetime import date

import pytest

from graphkit.extract.pipeline import Extractor
from graphkit.ingest import Article

GULF = """\
DOHA, March 14 - Iran on Wednesday warned Saudi Arabia against joining a naval patrol in the Strait of Hormuz, the latest sign that a fragile regional thaw is fraying after months of quiet diplomacy.

The warning came a day after the Saudi government, which restored diplomatic relations with Tehran in 2023 after a seven-year rupture, said it was studying a proposal from Washington to escort commercial tankers through the waterway. Officials in Riyadh have not said whether they will take part.

"Any foreign presence in our waters will be treated as a threat," Iran's foreign minister, Hossein Amir-Abdollahian, told reporters in Tehran. "We have made this clear to our neighbours, and we expect them to listen."

Analysts say the dispute reflects deeper uncertainty about the reliability of American security guarantees in the region. "The Saudis want insurance without provocation, and that is a very narrow path," said Karim Haddad, a fellow at a research institute in Beirut who studies Gulf security. He added that Riyadh was unlikely to commit ships before the summer.

The United States, which has kept a naval base in Bahrain for decades, accused Iran of harassing merchant vessels, citing at least four incidents since January. A State Department spokesman, Matthew Miller, said on Tuesday that the administration "will not tolerate attacks on freedom of navigation" and called on Tehran to release a seized tanker.

Kuwait's emir, Sheikh Mishal al-Ahmad al-Jaber al-Sabah, who took office in December, urged restraint on all sides during a visit to Cairo, where he met Egyptian President Abdel Fattah el-Sisi. Egypt's foreign minister, Sameh Shoukry, said his country supported Kuwait's call for dialogue and rejected "any escalation that threatens the security of the Red Sea and the Gulf alike."

Iraq, which invaded Kuwait in 1990 and was expelled by a U.S.-led coalition the following year, has tried to position itself as a mediator. Baghdad hosted five rounds of talks between Saudi and Iranian officials before the two countries agreed to reopen embassies, a deal that was eventually brokered by China in March 2023.

Russia, for its part, criticized the proposed patrol. Foreign Ministry spokeswoman Maria Zakharova said in Moscow that Washington was "once again trying to militarise a region that needs calm", a charge the State Department dismissed.

Oil prices rose nearly two percent on the news before easing later in the day. Shipping insurers said premiums for vessels crossing the strait had doubled since the start of the year, and several tanker operators said they were rerouting cargoes around the Cape of Good Hope.

In Riyadh, a senior official who asked not to be named because he was not authorised to speak to the press said the kingdom would "not be dragged into someone else's war." The official said Saudi Arabia valued its partnership with the United States but would decide on its own.

Qatar, which maintains close ties with both Tehran and Washington, offered to host talks. The Qatari foreign ministry said in a statement that it welcomed "every effort to lower tensions" and that it remained in contact with all parties. Diplomats expect a meeting of Gulf Cooperation Council ministers later this month to discuss the proposal.
"""

BALKANS = """\
BELGRADE/PRISTINA, Sept 26 - Serbia accused Kosovo on Tuesday of "brutal provocation" after a gunfight near a monastery in the north of the territory left four people dead, while Pristina blamed Belgrade for arming the attackers, deepening a crisis that Western mediators have struggled for years to contain.

Kosovo, a former Serbian province whose 2008 declaration of independence Belgrade still refuses to recognize, said the gunmen had crossed from Serbia with heavy weapons. Prime Minister Albin Kurti told parliament that the attack "was organised by official Belgrade" and demanded that Serbia hand over the suspects.

Serbian President Aleksandar Vucic, speaking in a televised address late on Monday, denied any involvement. "Serbia has nothing to do with this," Vucic said, before adding that the men were "Kosovo Serbs who no longer want to endure the terror of Kurti." He declared a day of mourning.

The European Union, which has led talks between the two sides since 2011, condemned the violence. EU foreign policy chief Josep Borrell said in a statement that the attackers "must face justice" and urged both governments to return to dialogue. Germany and France, whose leaders brokered a framework deal in February, echoed that call.

NATO, which has kept a peacekeeping force known as KFOR in Kosovo since the 1999 war, said it would increase patrols. The alliance's secretary general, Jens Stoltenberg, said on Tuesday that KFOR "stands ready to act" if the situation worsened.

Russia, a close ally of Serbia that does not recognize Kosovo's independence, blamed the West. "This is the result of years of Western policy of indulging Pristina," said Dmitry Peskov, the Kremlin spokesman, in remarks to reporters. Moscow has repeatedly used its veto power at the United Nations to block Kosovo's membership.

Experts were divided on what the attack meant for the dialogue. "Neither side has an interest in a wider war, but both have an interest in looking tough," said Ana Petrovic, a political scientist at a university in Vienna. Another analyst, speaking on condition of anonymity, said the incident would harden positions on both sides before elections.

The clash was the most serious since 2011, when Kosovo police tried to take control of two border crossings and Serb protesters set up roadblocks. In May of this year, dozens of NATO soldiers were injured in riots after ethnic Albanian mayors took office in Serb-majority towns, prompting Washington to criticize Kurti for escalating tensions.

The United States, Kosovo's main backer, called on Serbia to pull back troops from the border. Secretary of State Antony Blinken spoke with Vucic by phone on Tuesday, the State Department said, and stressed the need to "de-escalate immediately". Serbian officials said the army had been put on high alert but denied it had moved units closer to the boundary.

Albania's prime minister, Edi Rama, who has close ties with Kurti, said the attack showed that "the threat is real" and called for tougher measures against Belgrade.
"""


@pytest.fixture(scope="module")
def extractor() -> Extractor:
    return Extractor()


def _stances(extractor: Extractor, text: str, published: date):
    result = extractor.extract(Article(id="long", text=text, date=published))
    return {(s.subject, s.predicate, s.object): s for s in result.stances}, result


@pytest.fixture(scope="module")
def gulf(extractor):
    return _stances(extractor, GULF, date(2024, 3, 14))


@pytest.fixture(scope="module")
def balkans(extractor):
    return _stances(extractor, BALKANS, date(2023, 9, 26))


def test_stories_are_long():
    assert len(GULF.split()) > 450 and len(BALKANS.split()) > 450


def test_lead_sentence_with_dateline_is_read_and_dated(gulf):
    found, _ = gulf
    # March 14, 2024 was a Thursday: "on Wednesday" is the day before.
    assert found[("iran", "warns", "saudi_arabia")].date == date(2024, 3, 13)


def test_background_clause_is_a_stance_dated_by_its_year(gulf):
    found, result = gulf
    assert found[("iraq", "attacks", "kuwait")].date == date(1990, 1, 1)
    restored = [s for s in result.stances if s.evidence[0].trigger.startswith("restored")]
    assert [(s.key, s.date) for s in restored] == [
        (("saudi_arabia", "agrees", "iran"), date(2023, 1, 1))]


def test_month_of_this_year_dates_the_clause(balkans):
    found, _ = balkans
    assert found[("united_states", "criticizes", "albin_kurti")].date == date(2023, 5, 1)


@pytest.mark.parametrize(
    ("text", "person", "state", "stance"),
    [
        ("Chile's foreign minister, Marta Rivas, condemned Peru on Friday.", "marta_rivas",
         "chile", "criticizes"),
        ("Ghana's president, Kofi Mensah Boateng, who took office in January, praised Togo.",
         "kofi_mensah_boateng", "ghana", "praises"),
        ("Qatar's emir, Sheikh Hamad al-Khalid al-Nasser al-Thani, criticized Bahrain.",
         "sheikh_hamad_al_khalid_al_nasser_al_thani", "qatar", "criticizes"),
    ],
)
def test_possessive_title_in_apposition_makes_a_person(extractor, text, person, state, stance):
    result = extractor.extract(Article(id="s", text=text, date=date(2024, 3, 1)))
    assert result.actors[person].acts_for == state
    assert any(s.subject == person and s.predicate == stance for s in result.stances)


def test_comma_after_title_without_closing_comma_is_no_name(extractor):
    text = "Chile's foreign minister, Marta Rivas and others condemned Peru."
    result = extractor.extract(Article(id="s", text=text))
    assert "marta_rivas" not in result.actors


def test_analysts_are_not_parties(gulf, balkans):
    for found, result in (gulf, balkans):
        parties = {a for key in found for a in (key[0], key[2])}
        assert not parties & {"karim_haddad", "ana_petrovic"}
        assert all(s.evidence[0].speaker not in {"karim_haddad", "ana_petrovic"}
                   for s in result.stances)


def test_accusation_in_the_lead_runs_both_ways(balkans):
    found, _ = balkans
    assert ("serbia", "accuses", "kosovo") in found
    assert ("kosovo", "accuses", "serbia") in found


def test_no_stance_from_market_paragraphs(gulf):
    _, result = gulf
    assert not any("Oil prices" in s.evidence[0].sentence for s in result.stances)
