"""Names across scripts: an English-form name is grounded in a Cyrillic text, a wrong name is not.

CheckList style on self-written sentences: minimum functionality (each name form), invariance
(case endings, spelling variants, script), and directional tests (a name the text does not
contain stays rejected, whatever the script).
"""

from __future__ import annotations

import pytest

from service.articles import from_text
from service.grounding import name_in_text
from service.models import Provenance
from service.models.draft import DraftEvent, DraftSummary
from service.resolver import resolve

RU = (
    "Президент Казахстана Касым-Жомарт Токаев принял в Астане председателя КНР Си Цзиньпина. "
    "Ранее Владимир Путин провёл переговоры с Ильхамом Алиевым в Баку, сообщила пресс-служба."
)
UK = "Сергій Бондаренко зустрівся з Нарендрою Моді у Києві."


@pytest.mark.parametrize(
    ("name", "why"),
    [
        ("Kassym-Jomart Tokayev", "English spelling of a romanised Cyrillic name (Zh/J, doubled and y-letters)"),
        ("Kasym-Zhomart Tokaev", "the plain transliteration"),
        ("Xi Jinping", "pinyin against its Russian (Palladius) transcription, in the genitive"),
        ("Vladimir Putin", "nominative, letter for letter"),
        ("Ilham Aliyev", "instrumental case endings (-ом, -ым) and kh/h"),
        ("Astana", "a city in the locative"),
        ("Baku", "an indeclinable city"),
        ("Касым-Жомарт Токаев", "the name as written"),
    ],
)
def test_english_form_names_are_found_in_a_russian_text(name: str, why: str) -> None:
    assert name_in_text(RU, name), why


def test_ukrainian_text_and_an_indian_name() -> None:
    assert name_in_text(UK, "Narendra Modi")
    assert name_in_text(UK, "Serhiy Bondarenko") or name_in_text(UK, "Sergiy Bondarenko")


@pytest.mark.parametrize(
    "name",
    ["Emmanuel Macron", "Li Qiang", "Vladimir Zelensky", "Ilham Tokayev Smith", "Moscow", "Ro"],
)
def test_names_the_text_does_not_contain_stay_ungrounded(name: str) -> None:
    assert not name_in_text(RU, name)


@pytest.mark.parametrize("text", [RU, RU.upper(), RU.replace("Токаев", "Токаева")])
def test_case_and_inflection_do_not_change_the_answer(text: str) -> None:
    assert name_in_text(text, "Kassym-Jomart Tokayev")
    assert not name_in_text(text, "Shavkat Mirziyoyev")


def test_latin_text_keeps_its_exact_behaviour() -> None:
    text = "President Ilham Aliyev welcomed the Vietnamese leader To Lam in Baku."
    assert name_in_text(text, "To Lam") and name_in_text(text, "ilham aliyev")
    assert not name_in_text(text, "Vladimir Putin")


def test_resolver_keeps_english_form_principals_and_city_of_a_russian_article() -> None:
    article = from_text(RU, id="ru", language="ru")
    draft = DraftSummary(
        event=DraftEvent(
            city="Astana",
            countries=["KZ", "CN"],
            principals=["Kassym-Jomart Tokayev", "Xi Jinping", "Emmanuel Macron"],
        )
    )
    summary = resolve(article, draft, language="ru", provenance=Provenance(extractor="llm"))
    assert summary.event.principals == ["Kassym-Jomart Tokayev", "Xi Jinping"]
    assert summary.event.location.city == "Astana"
    assert [r.reason for r in summary.rejected] == ["principal 'Emmanuel Macron' is not named in the text"]


def test_a_middle_name_or_patronymic_the_text_leaves_out_does_not_reject_the_person() -> None:
    assert name_in_text(RU, "Vladimir Vladimirovich Putin")
    assert name_in_text("Prime Minister Narendra Modi arrived in Port Louis.", "Narendra Damodardas Modi")
    assert not name_in_text("Prime Minister Narendra Modi arrived in Port Louis.", "Narendra Kumar")
